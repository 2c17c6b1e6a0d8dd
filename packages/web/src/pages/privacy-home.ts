import { html } from '../html.ts'
import type { Locale } from '../i18n/locale.ts'
import { t, tIsolated } from '../i18n/messages.ts'
import { renderPage } from '../layout.ts'

export interface PrivacyHomeView {
  readonly locale: Locale
  readonly shopName: string
  readonly contacts: readonly { readonly label: string; readonly href: string; readonly text: string }[]
}

export const renderPrivacyHome = (view: PrivacyHomeView): string => {
  const { locale } = view
  const card = (href: string, title: string, desc: string) =>
    html`<li class="card"><a href="${href}?lang=${locale}"><strong>${title}</strong><span>${desc}</span></a></li>`
  return renderPage({
    locale,
    title: t(locale, 'privacy.title'),
    area: 'privacy',
    path: '/privacy',
    shopName: view.shopName,
    body: html`<h1>${t(locale, 'privacy.title')}</h1>
<p class="lead">${tIsolated(locale, 'privacy.lead', { shop: view.shopName })}</p>
<ul class="cards">
${card('/privacy/policy', t(locale, 'privacy.policy'), t(locale, 'privacy.policy.desc'))}
${card('/privacy/requests', t(locale, 'privacy.requests'), t(locale, 'privacy.requests.desc'))}
${card('/privacy/preferences/link', t(locale, 'privacy.preferences'), t(locale, 'privacy.preferences.desc'))}
</ul>
${
  view.contacts.length > 0
    ? html`<section aria-labelledby="contact"><h2 id="contact">${t(locale, 'privacy.contact')}</h2>
<dl class="contacts">${view.contacts.map((c) => html`<dt>${c.label}</dt><dd><a href="${c.href}">${c.text}</a></dd>`)}</dl></section>`
    : ''
}`,
  })
}
