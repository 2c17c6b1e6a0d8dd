import { html, raw } from '../html.ts'
import type { Locale } from '../i18n/locale.ts'
import { tpl as text } from '../i18n/preference-link-messages.ts'
import { renderPage } from '../layout.ts'

/** The label of the way to this page, for the preference page's "you need a link" state. */
export const preferenceLinkLabel = (locale: Locale): string => text(locale, 'needLink')

export interface PreferenceLinkPageView {
  readonly locale: Locale
  readonly shopName: string
  readonly state: 'ask' | 'sent' | 'invalid'
}

/** /privacy/preferences/link: one field; the same answer whether or not the address is known. */
export const renderPreferenceLinkPage = (view: PreferenceLinkPageView): string => {
  const { locale } = view
  return renderPage({
    locale,
    title: text(locale, 'title'),
    area: 'privacy',
    path: '/privacy/preferences/link',
    shopName: view.shopName,
    body: html`<h1>${text(locale, 'title')}</h1>
${
  view.state === 'sent'
    ? html`<p class="notice" role="status" data-state="sent">${text(locale, 'sent')}</p>`
    : html`<p class="lead">${text(locale, 'lead')}</p>
${view.state === 'invalid' ? html`<div class="error" role="alert" data-state="invalid"><p>${text(locale, 'invalid')}</p></div>` : ''}
<form method="post" action="/privacy/preferences/link?lang=${locale}">
<div class="field"><label for="pl-email">${text(locale, 'email')}</label>
<input id="pl-email" name="email" type="email" autocomplete="email" dir="ltr" required maxlength="254" aria-describedby="pl-email-hint"${view.state === 'invalid' ? raw(' aria-invalid="true"') : ''}>
<p id="pl-email-hint" class="hint">${text(locale, 'emailHint')}</p></div>
<button type="submit">${text(locale, 'submit')}</button>
</form>`
}`,
  })
}

/** The mail with the link, in the reader's language (plain text; the link on a line of its own). */
export const preferenceLinkMail = (
  locale: Locale,
  shopName: string,
  link: string,
): { readonly subject: string; readonly text: string } => ({
  subject: text(locale, 'mailSubject', { shop: shopName }),
  text: text(locale, 'mailBody', { shop: shopName, link }),
})
