import { html, raw } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import { type AdminFrame, csrfField, renderAdminPage } from './admin-shell.ts'

export interface AdminAccountView extends AdminFrame {
  readonly totpEnabled: boolean
  /** A TOTP enrolment just started: the secret is shown on this page once. */
  readonly enrolment?: {
    readonly secret: string
    readonly uri: string
    /** The otpauth:// URI as a QR code (SVG markup made on the server by the qrcode library). */
    readonly qrSvg?: string
  }
  /** Two-step verification was just turned on: the recovery codes, shown on this page once. */
  readonly recoveryCodes?: readonly string[]
  /** Unused recovery codes left (when 2FA is on). */
  readonly recoveryCodesLeft?: number
  /** The language of the mail Amana sends the member. */
  readonly language?: 'en' | 'ar'
  readonly notice?: string
  readonly error?: string
}

const languageForm = (view: AdminAccountView) => {
  const { locale } = view
  const option = (value: 'en' | 'ar', label: string) =>
    html`<option value="${value}" lang="${value}"${(view.language ?? 'en') === value ? html` selected` : ''}>${label}</option>`
  return html`<form class="panel" method="post" action="/admin/account/language?lang=${locale}">
  <h2>${ta(locale, 'account.language')}</h2>
  ${csrfField(view.csrfToken)}
  <p id="language-lead">${ta(locale, 'account.languageLead')}</p>
  <label for="mail-language">${ta(locale, 'account.language')}</label>
  <select id="mail-language" name="language" aria-describedby="language-lead">${option('en', 'English')}${option('ar', 'العربية')}</select>
  <button type="submit">${ta(locale, 'account.languageSubmit')}</button>
</form>`
}

export const renderAdminAccount = (view: AdminAccountView): string => {
  const { locale } = view
  const code = (id: string) =>
    html`<label for="${id}">${ta(locale, 'totp.code')}</label><input id="${id}" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required dir="ltr">`
  const totp = view.enrolment
    ? html`<form class="panel" method="post" action="/admin/account/totp/confirm?lang=${locale}">
  ${csrfField(view.csrfToken)}
  ${
    view.enrolment.qrSvg
      ? html`<p>${ta(locale, 'account.totpScan')}</p><figure class="qr" role="img" aria-label="${ta(locale, 'account.totpQr')}">${raw(view.enrolment.qrSvg)}</figure>`
      : ''
  }
  <p>${ta(locale, 'account.totpSecret')}</p>
  <p><code dir="ltr">${view.enrolment.secret}</code></p>
  <p>${ta(locale, 'account.totpUri')} <a href="${view.enrolment.uri}" dir="ltr">otpauth://</a></p>
  ${code('confirm-code')}
  <button type="submit">${ta(locale, 'account.totpConfirm')}</button>
</form>`
    : view.totpEnabled
      ? html`${
          view.recoveryCodes
            ? html`<div class="shown-once" role="status"><p><strong>${ta(locale, 'account.recoveryTitle')}</strong></p><p>${ta(locale, 'account.recoveryLead')}</p><ol class="recovery-codes" dir="ltr">${view.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}</ol></div>`
            : ''
        }<p>${ta(locale, 'account.totpOn')}</p>
${view.recoveryCodesLeft !== undefined && !view.recoveryCodes ? html`<p>${ta(locale, 'account.recoveryLeft', { count: String(view.recoveryCodesLeft) })}</p>` : ''}
<form class="panel" method="post" action="/admin/account/totp/disable?lang=${locale}">${csrfField(view.csrfToken)}${code('disable-code')}<button type="submit" class="secondary">${ta(locale, 'account.totpDisable')}</button></form>`
      : html`<p>${ta(locale, 'account.totpOff')}</p>
<form method="post" action="/admin/account/totp?lang=${locale}">${csrfField(view.csrfToken)}<button type="submit">${ta(locale, 'account.totpStart')}</button></form>`
  return renderAdminPage(view, {
    section: 'account',
    title: ta(locale, 'account.title'),
    body: html`${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
<h2>${ta(locale, 'account.totp')}</h2>
${totp}
<form class="panel" method="post" action="/admin/account/password?lang=${locale}">
  <h2>${ta(locale, 'account.password')}</h2>
  ${csrfField(view.csrfToken)}
  <label for="current">${ta(locale, 'account.current')}</label>
  <input id="current" name="current" type="password" autocomplete="current-password" required dir="ltr">
  <label for="next">${ta(locale, 'account.next')}</label>
  <input id="next" name="next" type="password" autocomplete="new-password" minlength="12" required dir="ltr">
  <button type="submit">${ta(locale, 'account.passwordSubmit')}</button>
</form>
${languageForm(view)}`,
  })
}
