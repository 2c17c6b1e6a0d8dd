import { html } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'

export interface AdminSecondFactorView {
  readonly locale: Locale
  readonly shopName: string
  readonly csrfToken: string
  readonly error?: string
}

/** The sign-in's second step: a TOTP code after a correct password. */
export const renderAdminSecondFactor = (view: AdminSecondFactorView): string => {
  const { locale } = view
  return renderPage({
    locale,
    title: ta(locale, 'totp.title'),
    area: 'admin',
    path: '/admin/sign-in/totp',
    shopName: view.shopName,
    body: html`<h1>${ta(locale, 'totp.title')}</h1>
<form class="panel" method="post" action="/admin/sign-in/totp?lang=${locale}">
  <p>${ta(locale, 'totp.lead')}</p>
  ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <label for="code">${ta(locale, 'totp.code')}</label>
  <input id="code" name="code" aria-describedby="code-hint" maxlength="16" autocomplete="one-time-code" required dir="ltr">
  <p id="code-hint" class="hint">${ta(locale, 'totp.recoveryHint')}</p>
  <button type="submit">${ta(locale, 'totp.submit')}</button>
</form>`,
  })
}
