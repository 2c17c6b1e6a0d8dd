import { html } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'

export interface AdminSetupView {
  readonly locale: Locale
  readonly shopName: string
  readonly csrfToken: string
  /** Absent when the link is unknown, used or expired. */
  readonly link?:
    | { readonly token: string; readonly purpose: 'first-owner' }
    | { readonly token: string; readonly purpose: 'invite'; readonly email: string }
  readonly error?: string
}

/** A setup link's page: the first owner chooses email and password; an invited member, a password. */
export const renderAdminSetup = (view: AdminSetupView): string => {
  const { locale, link } = view
  const body = !link
    ? html`<h1>${ta(locale, 'setup.title')}</h1><p class="error" role="alert">${ta(locale, 'setup.invalid')}</p>`
    : html`<h1>${ta(locale, 'setup.title')}</h1>
<p class="lead">${link.purpose === 'first-owner' ? ta(locale, 'setup.lead.owner') : ta(locale, 'setup.lead.invite', { email: link.email })}</p>
<form class="panel" method="post" action="/admin/setup?lang=${locale}">
  ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="token" value="${link.token}">
  ${
    link.purpose === 'first-owner'
      ? html`<label for="email">${ta(locale, 'setup.email')}</label>
  <input id="email" name="email" type="email" autocomplete="username" required dir="ltr">`
      : html`<input type="hidden" name="email" value="${link.email}" autocomplete="username">`
  }
  <label for="password">${ta(locale, 'setup.password')}</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required dir="ltr">
  <label for="confirm">${ta(locale, 'setup.confirm')}</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required dir="ltr">
  <button type="submit">${ta(locale, 'setup.submit')}</button>
</form>`
  return renderPage({
    locale,
    title: ta(locale, 'setup.title'),
    area: 'admin',
    path: '/admin/setup',
    shopName: view.shopName,
    // The language switch keeps the one-time token, or the link would open as unknown.
    ...(link ? { query: { token: link.token } } : {}),
    body,
  })
}
