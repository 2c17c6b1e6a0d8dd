import { isolating } from '../bidi.ts'
import { html } from '../html.ts'
import type { Locale } from '../i18n/locale.ts'
import { t } from '../i18n/messages.ts'
import { renderPage } from '../layout.ts'

export interface AdminSignInView {
  readonly locale: Locale
  readonly shopName: string
  readonly csrfToken: string
  readonly error?: string
  /** Good or neutral news (account ready, signed out): shown as a notice, not as an error. */
  readonly notice?: string
}

export const renderAdminSignIn = (view: AdminSignInView): string => {
  const { locale } = view
  return renderPage({
    locale,
    title: t(locale, 'admin.signin'),
    area: 'admin',
    path: '/admin',
    shopName: view.shopName,
    body: html`<h1>${t(locale, 'admin.title')}</h1>
<p class="lead">${isolating(t(locale, 'admin.lead', { shop: view.shopName }), view.shopName)}</p>
<form class="panel" method="post" action="/admin/sign-in?lang=${locale}">
  <h2>${t(locale, 'admin.signin')}</h2>
  ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
  ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <label for="email">${t(locale, 'admin.email')}</label>
  <input id="email" name="email" type="email" autocomplete="username" required dir="ltr">
  <label for="password">${t(locale, 'admin.password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required dir="ltr">
  <button type="submit">${t(locale, 'admin.submit')}</button>
</form>`,
  })
}
