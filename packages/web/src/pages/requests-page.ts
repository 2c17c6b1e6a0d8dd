import { isolating } from '../bidi.ts'
import { html, type SafeHtml } from '../html.ts'
import { formatDate, type Locale } from '../i18n/locale.ts'
import { type RequestMessageKey, tr } from '../i18n/requests-messages.ts'
import { renderPage } from '../layout.ts'

export type RequestTypeId =
  | 'access'
  | 'portability'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'objection'
  | 'opt-out-sale'
  | 'withdraw-consent'
  | 'know'
export type RequestStatusId =
  | 'received'
  | 'verifying'
  | 'awaiting-staff'
  | 'verified'
  | 'in-progress'
  | 'completed'
  | 'denied'
  | 'merged'
export type CodeChannelId = 'email' | 'sms' | 'whatsapp'

export interface RequestFormView {
  readonly locale: Locale
  readonly shopName: string
  readonly types: readonly RequestTypeId[]
  readonly channels: readonly CodeChannelId[]
  readonly countries: readonly { readonly code: string; readonly name: string }[]
  /** Types for which an order number is asked too (stronger verification). */
  readonly orderNumberFor: readonly RequestTypeId[]
  /** Preselected when the form is new: the shop's home country, or the browser's region. */
  readonly defaultCountry?: string
  /** Signed in through the shop's session: no code is needed. */
  readonly signedIn: boolean
  readonly values?: Readonly<Record<string, string>>
  readonly errors?: readonly RequestMessageKey[]
}

const typeKey = (type: RequestTypeId) => `req.type.${type}` as RequestMessageKey

const radio = (name: string, value: string, label: string, checked: boolean, hint?: string): SafeHtml =>
  html`<div class="check"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${checked ? html` checked` : ''}${hint ? html` aria-describedby="${name}-${value}-hint"` : ''}>
<label for="${name}-${value}">${label}</label>${hint ? html`<br><small id="${name}-${value}-hint">${hint}</small>` : ''}</div>`

/** The privacy centre's request form: a plain multipart form, no JavaScript. */
export const renderRequestForm = (view: RequestFormView): string => {
  const { locale } = view
  const v = view.values ?? {}
  const country = view.values ? v.country : (v.country ?? view.defaultCountry)
  const errors = view.errors ?? []
  const type = v.type ?? view.types[0] ?? 'access'
  return renderPage({
    locale,
    title: tr(locale, 'req.title'),
    area: 'privacy',
    path: '/privacy/requests',
    shopName: view.shopName,
    body: html`<h1>${tr(locale, 'req.title')}</h1>
<p class="lead">${isolating(tr(locale, 'req.lead', { shop: view.shopName }), view.shopName)}</p>
${
  errors.length > 0
    ? html`<div class="error" role="alert"><p>${tr(locale, 'req.errors')}</p><ul>${errors.map((e) => html`<li>${tr(locale, e)}</li>`)}</ul></div>`
    : ''
}
${view.signedIn ? html`<p class="notice">${tr(locale, 'req.signedIn')}</p>` : ''}
<form class="request-form" method="post" action="/privacy/requests?lang=${locale}" enctype="multipart/form-data">
<input type="hidden" name="locale" value="${locale}">
<fieldset class="panel"><legend><strong>${tr(locale, 'req.type')}</strong></legend>
${view.types.map((t) => radio('type', t, tr(locale, typeKey(t)), t === type, tr(locale, `${typeKey(t)}.desc` as RequestMessageKey)))}
</fieldset>
<fieldset class="panel"><legend><strong>${tr(locale, 'req.you')}</strong></legend>
<div><label for="f-email">${tr(locale, 'req.email')}</label>
<input id="f-email" name="email" type="email" autocomplete="email" dir="ltr" value="${v.email ?? ''}" aria-describedby="f-email-hint"${view.signedIn ? '' : html` required`}>
<small id="f-email-hint">${tr(locale, 'req.email.hint')}</small></div>
<div><label for="f-phone">${tr(locale, 'req.phone')}</label>
<input id="f-phone" name="phone" type="tel" autocomplete="tel" dir="ltr" value="${v.phone ?? ''}"></div>
${
  view.channels.length > 1
    ? html`<fieldset><legend>${tr(locale, 'req.channel')}</legend>${view.channels.map((c) => radio('channel', c, tr(locale, `req.channel.${c}` as RequestMessageKey), (v.channel ?? 'email') === c))}</fieldset>`
    : html`<input type="hidden" name="channel" value="email">`
}
<div><label for="f-country">${tr(locale, 'req.country')}</label>
<select id="f-country" name="country">${view.countries.map((c) => html`<option value="${c.code}"${country === c.code ? html` selected` : ''}>${c.name}</option>`)}<option value=""${country ? '' : html` selected`}>${tr(locale, 'req.country.other')}</option></select></div>
<div><label for="f-order">${tr(locale, 'req.orderNumber')}</label>
<input id="f-order" name="orderNumber" type="text" dir="ltr" value="${v.orderNumber ?? ''}" aria-describedby="f-order-hint">
<small id="f-order-hint">${tr(locale, 'req.orderNumber.hint')}${view.orderNumberFor.length > 0 ? ` (${view.orderNumberFor.map((t) => tr(locale, typeKey(t))).join(locale === 'ar' ? '، ' : ', ')})` : ''}</small></div>
<div><label for="f-details">${tr(locale, 'req.details')}</label>
<textarea id="f-details" name="details" rows="4" aria-describedby="f-details-hint">${v.details ?? ''}</textarea>
<small id="f-details-hint">${tr(locale, 'req.details.hint')}</small></div>
</fieldset>
<fieldset class="panel"><legend><strong>${tr(locale, 'req.requester')}</strong></legend>
${(['self', 'agent', 'guardian'] as const).map((k) => radio('requester', k, tr(locale, `req.requester.${k}`), (v.requester ?? 'self') === k))}
<div><label for="f-agent">${tr(locale, 'req.agentName')}</label>
<input id="f-agent" name="agentName" type="text" autocomplete="name" value="${v.agentName ?? ''}"></div>
<div><label for="f-proof">${tr(locale, 'req.proof')}</label>
<input id="f-proof" name="proof" type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby="f-proof-hint">
<small id="f-proof-hint">${tr(locale, 'req.proof.hint')}</small></div>
</fieldset>
<button type="submit">${tr(locale, 'req.submit')}</button>
</form>`,
  })
}

export interface RequestStatusView {
  readonly locale: Locale
  readonly shopName: string
  readonly reference: string
  readonly token: string
  readonly type: RequestTypeId
  readonly status: RequestStatusId
  readonly receivedAt: Date
  readonly dueAt: Date
  readonly extension?: { readonly dueAt: Date; readonly reason: string }
  readonly denialReason?: string
  readonly mergedInto?: string
  /** Shown while the request waits for the one-time code. */
  readonly code?: {
    readonly destination: string
    readonly notice?: 'wrong' | 'expired' | 'exhausted' | 'sent' | 'rateLimited'
    readonly attemptsLeft?: number
  }
  readonly proofUnderReview?: boolean
  readonly download?: { readonly kind: 'available'; readonly until: Date } | { readonly kind: 'gone' }
}

const codeNotice = (locale: Locale, code: NonNullable<RequestStatusView['code']>): SafeHtml => {
  switch (code.notice) {
    case 'wrong':
      return html`<p class="error" role="alert">${tr(locale, 'status.code.wrong', { left: code.attemptsLeft ?? 0 })}</p>`
    case 'expired':
      return html`<p class="error" role="alert">${tr(locale, 'status.code.expired')}</p>`
    case 'exhausted':
      return html`<p class="error" role="alert">${tr(locale, 'status.code.exhausted')}</p>`
    case 'rateLimited':
      return html`<p class="error" role="alert">${tr(locale, 'status.code.rateLimited')}</p>`
    case 'sent':
      return html`<p class="notice" role="status">${tr(locale, 'status.code.sent')}</p>`
    default:
      return html``
  }
}

/** The requester's status page, reached by the private link (reference + token) from our emails. */
export const renderRequestStatus = (view: RequestStatusView): string => {
  const { locale } = view
  const base = `/privacy/requests/${view.reference}`
  const token = html`<input type="hidden" name="token" value="${view.token}">`
  const row = (label: string, value: string | SafeHtml) => html`<dt>${label}</dt><dd>${value}</dd>`
  const codeBlock = view.code
    ? html`<section class="panel" aria-labelledby="code-title"><h2 id="code-title">${tr(locale, 'status.code.title')}</h2>
<p>${tr(locale, 'status.code.lead', { destination: view.code.destination })}</p>
${codeNotice(locale, view.code)}
<form method="post" action="${base}/verify?lang=${locale}">${token}
<div><label for="f-code">${tr(locale, 'status.code.label')}</label>
<input id="f-code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" dir="ltr" required></div>
<button type="submit">${tr(locale, 'status.code.submit')}</button></form>
<form method="post" action="${base}/resend?lang=${locale}">${token}<button type="submit" class="secondary">${tr(locale, 'status.code.resend')}</button></form>
</section>`
    : ''
  const download =
    view.download?.kind === 'available'
      ? html`<section class="panel" aria-labelledby="dl-title"><h2 id="dl-title">${tr(locale, 'status.download.title')}</h2>
<p>${tr(locale, 'status.download.lead', { date: formatDate(locale, view.download.until) })}</p>
<form method="post" action="${base}/download?lang=${locale}">${token}<button type="submit">${tr(locale, 'status.download.button')}</button></form></section>`
      : view.download?.kind === 'gone'
        ? html`<p class="notice">${tr(locale, 'status.download.gone')}</p>`
        : ''
  const done =
    view.status === 'completed' && !view.download
      ? html`<p class="notice" role="status">${tr(locale, view.type === 'erasure' ? 'status.done.erasure' : 'status.done.generic')}</p>`
      : ''
  return renderPage({
    locale,
    title: tr(locale, 'status.title', { reference: view.reference }),
    area: 'privacy',
    path: base,
    query: { token: view.token },
    shopName: view.shopName,
    body: html`<h1>${tr(locale, 'status.title', { reference: view.reference })}</h1>
<dl class="contacts">
${row(tr(locale, 'status.reference'), html`<span dir="ltr">${view.reference}</span>`)}
${row(tr(locale, 'status.type'), tr(locale, typeKey(view.type)))}
${row(tr(locale, 'status.status'), html`<strong>${tr(locale, `status.${view.status}.label` as RequestMessageKey)}</strong>`)}
${row(tr(locale, 'status.received'), formatDate(locale, view.receivedAt))}
${row(tr(locale, 'status.due'), formatDate(locale, view.extension?.dueAt ?? view.dueAt))}
</dl>
${view.extension ? html`<p class="notice">${tr(locale, 'status.extended', { date: formatDate(locale, view.extension.dueAt), reason: view.extension.reason })}</p>` : ''}
${view.denialReason ? html`<p class="error">${tr(locale, 'status.denied.reason', { reason: view.denialReason })}</p>` : ''}
${view.mergedInto ? html`<p class="notice">${tr(locale, 'status.merged.into', { reference: view.mergedInto })}</p>` : ''}
${view.proofUnderReview ? html`<p class="notice">${tr(locale, 'status.proof.review')}</p>` : ''}
${codeBlock}${download}${done}
<p><small>${tr(locale, 'status.keep')}</small></p>`,
  })
}

/** Shown for a status link whose reference or token does not match. */
export const renderRequestStatusInvalid = (view: { locale: Locale; shopName: string }): string =>
  renderPage({
    locale: view.locale,
    title: tr(view.locale, 'req.title'),
    area: 'privacy',
    path: '/privacy/requests',
    shopName: view.shopName,
    body: html`<h1>${tr(view.locale, 'req.title')}</h1>\n<p class="lead">${tr(view.locale, 'status.invalid')}</p>`,
  })
