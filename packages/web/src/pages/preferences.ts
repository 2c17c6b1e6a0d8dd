import { isolating } from '../bidi.ts'
import { html, type SafeHtml } from '../html.ts'
import { tc } from '../i18n/consent-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'
import { preferenceLinkLabel } from './preference-link.ts'

export const preferenceChannels = ['email', 'sms', 'whatsapp', 'push'] as const
export type PreferenceChannel = (typeof preferenceChannels)[number]

export interface PreferencePurposeView {
  readonly id: string
  readonly title: string
  readonly description: string | undefined
  /** Communication purposes: one switch per channel. Others: `checked` for the whole purpose. */
  readonly channels?: readonly { readonly channel: PreferenceChannel; readonly checked: boolean }[]
  readonly checked?: boolean
}

export type PreferencesView =
  | {
      readonly kind: 'form'
      readonly locale: Locale
      readonly shopName: string
      /** The signed link token, posted back in a hidden field (there is no session to carry it). */
      readonly token: string
      readonly purposes: readonly PreferencePurposeView[]
      readonly saved: boolean
      /** The link covers the customer's account and their address: say that a box stands for both. */
      readonly combined?: boolean
    }
  | { readonly kind: 'invalid' | 'expired' | 'missing'; readonly locale: Locale; readonly shopName: string }

const purposeFieldset = (locale: Locale, p: PreferencePurposeView): SafeHtml => {
  const describedBy = p.description ? `desc-${p.id}` : undefined
  if (p.channels) {
    return html`<fieldset class="panel pref" ${describedBy ? html`aria-describedby="${describedBy}"` : ''}>
<legend><strong>${p.title}</strong></legend>
${p.description ? html`<p id="${describedBy}">${p.description}</p>` : ''}
<p>${tc(locale, 'prefs.channels')}</p>
${p.channels.map(
  (
    c,
  ) => html`<div class="check"><input type="checkbox" id="p-${p.id}-${c.channel}" name="p:${p.id}:${c.channel}" value="on"${c.checked ? html` checked` : ''}>
<label for="p-${p.id}-${c.channel}">${tc(locale, `prefs.channel.${c.channel}`)}</label></div>`,
)}
</fieldset>`
  }
  return html`<fieldset class="panel pref" ${describedBy ? html`aria-describedby="${describedBy}"` : ''}>
<legend><strong>${p.title}</strong></legend>
${p.description ? html`<p id="${describedBy}">${p.description}</p>` : ''}
<div class="check"><input type="checkbox" id="p-${p.id}" name="p:${p.id}" value="on"${p.checked ? html` checked` : ''}>
<label for="p-${p.id}">${tc(locale, 'prefs.allow')}: ${p.title}</label></div>
</fieldset>`
}

/** The preference centre: plain forms, no JavaScript, reachable by a signed link without signing in. */
export const renderPreferences = (view: PreferencesView): string => {
  const { locale } = view
  const shop = { shop: view.shopName }
  if (view.kind !== 'form') {
    const [title, desc] =
      view.kind === 'expired'
        ? [
            tc(locale, 'prefs.linkExpired'),
            isolating(tc(locale, 'prefs.linkExpired.desc', shop), view.shopName),
          ]
        : view.kind === 'invalid'
          ? [
              tc(locale, 'prefs.linkInvalid'),
              isolating(tc(locale, 'prefs.linkInvalid.desc', shop), view.shopName),
            ]
          : [tc(locale, 'prefs.title'), tc(locale, 'prefs.needLink')]
    return renderPage({
      locale,
      title,
      area: 'privacy',
      path: '/privacy/preferences',
      shopName: view.shopName,
      // Without a valid link, the way to get one: the address, a link by email (preference-link.ts).
      body: html`<h1>${title}</h1>\n<p class="lead">${desc}</p>\n<p><a class="button" href="/privacy/preferences/link?lang=${locale}">${preferenceLinkLabel(locale)}</a></p>`,
    })
  }
  return renderPage({
    locale,
    title: tc(locale, 'prefs.title'),
    area: 'privacy',
    path: '/privacy/preferences',
    shopName: view.shopName,
    query: { token: view.token },
    body: html`<h1>${tc(locale, 'prefs.title')}</h1>
<p class="lead">${isolating(tc(locale, 'prefs.lead', shop), view.shopName)}</p>
${view.saved ? html`<p class="notice" role="status">${tc(locale, 'prefs.saved')}</p>` : ''}
${view.combined && view.purposes.length > 0 ? html`<p data-covers="account-and-address">${tc(locale, 'prefs.combined')}</p>` : ''}
${
  view.purposes.length === 0
    ? html`<p>${tc(locale, 'prefs.none')}</p>`
    : html`<form method="post" action="/privacy/preferences?lang=${locale}">
<input type="hidden" name="token" value="${view.token}">
${view.purposes.map((p) => purposeFieldset(locale, p))}
<button type="submit">${tc(locale, 'prefs.save')}</button>
</form>`
}`,
  })
}

export interface UnsubscribeView {
  readonly locale: Locale
  readonly shopName: string
  readonly token: string
  readonly state: 'ask' | 'done' | 'unknown'
}

/** For people who open the List-Unsubscribe link in a browser: GET never unsubscribes (link scanners fetch it). */
export const renderUnsubscribe = (view: UnsubscribeView): string => {
  const { locale } = view
  const shop = { shop: view.shopName }
  const body =
    view.state === 'ask'
      ? html`<h1>${tc(locale, 'unsub.title')}</h1>
<p class="lead">${isolating(tc(locale, 'unsub.lead', shop), view.shopName)}</p>
<form method="post" action="/v1/unsubscribe/${view.token}?lang=${locale}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${tc(locale, 'unsub.button')}</button>
</form>`
      : html`<h1>${tc(locale, 'unsub.title')}</h1>\n<p class="lead" role="status">${isolating(tc(locale, view.state === 'done' ? 'unsub.done' : 'unsub.unknown', shop), view.shopName)}</p>`
  return renderPage({
    locale,
    title: tc(locale, 'unsub.title'),
    area: 'privacy',
    path: `/v1/unsubscribe/${view.token}`,
    shopName: view.shopName,
    body,
  })
}
