import { html } from '../html.ts'
import { directionOf, formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import { tr } from '../i18n/requests-messages.ts'

/** Everything GDPR Art. 15(1) and (2) ask an access answer to say, already in the requester's language. */
export interface AccessSummaryView {
  readonly locale: Locale
  readonly shopName: string
  readonly reference: string
  readonly generatedAt: Date
  readonly controller: { readonly name: string; readonly contact: string }
  readonly purposes: readonly {
    readonly title: string
    readonly description?: string
    readonly basis: string
  }[]
  readonly categories: readonly {
    readonly name: string
    readonly description?: string
    readonly source?: 'subject' | 'third-party' | 'automatic'
    readonly retention?: string
    readonly records: number
  }[]
  readonly recipients: readonly {
    readonly name: string
    readonly service: string
    readonly countries: readonly string[]
  }[]
  readonly homeCountry: string
  readonly transfers: readonly string[]
  readonly rights: readonly string[]
  readonly complaint: readonly { readonly name: string; readonly website?: string }[]
  readonly files: readonly string[]
  readonly pending: readonly string[]
  /** What a legal hold keeps even on erasure: the data, why, under which law, until when (first and last end). */
  readonly holds?: readonly {
    readonly name: string
    readonly reason: string
    readonly law?: string
    readonly until: readonly [Date, Date]
    readonly records: number
  }[]
  /** Credentials held about the requester but left out of the package (passwords, recovery answers). */
  readonly withheld?: readonly { readonly name: string; readonly records: number }[]
}

const css = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:start;vertical-align:top}
h2{margin-block-start:2rem}`

/** The readable page inside an access package: self-contained (no links to load), printable. */
export const renderAccessSummary = (v: AccessSummaryView): string => {
  const { locale } = v
  const found = v.categories.filter((c) => c.records > 0)
  return `<!doctype html>${
    html`<html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8">
<title>${tr(locale, 'summary.title', { shop: v.shopName })}</title><style>${css}</style></head><body>
<h1>${tr(locale, 'summary.title', { shop: v.shopName })}</h1>
<p>${tr(locale, 'summary.lead', { reference: v.reference, date: formatDate(locale, v.generatedAt) })}</p>
<h2>${tr(locale, 'summary.controller')}</h2>
<p>${v.controller.name} — <span dir="ltr">${v.controller.contact}</span></p>
<h2>${tr(locale, 'summary.categories')}</h2>
${
  v.categories.length === 0
    ? html`<p>${tr(locale, 'summary.none')}</p>`
    : html`<table><thead><tr><th scope="col">${tr(locale, 'summary.categories')}</th><th scope="col">${tr(locale, 'summary.records')}</th><th scope="col">${tr(locale, 'summary.sources')}</th><th scope="col">${tr(locale, 'summary.retention')}</th></tr></thead><tbody>
${v.categories.map(
  (c) =>
    html`<tr><td><strong>${c.name}</strong>${c.description ? html`<br>${c.description}` : ''}</td><td>${formatNumber(locale, c.records)}</td><td>${c.source ? tr(locale, `summary.source.${c.source}`) : ''}</td><td>${c.retention ?? ''}</td></tr>`,
)}</tbody></table>`
}
${found.length === 0 && v.categories.length > 0 ? html`<p>${tr(locale, 'summary.none')}</p>` : ''}
<h2>${tr(locale, 'summary.purposes')}</h2>
<ul>${v.purposes.map((p) => html`<li><strong>${p.title}</strong>${p.description ? html`: ${p.description}` : ''} (${tr(locale, 'summary.basis')}: ${p.basis})</li>`)}</ul>
<h2>${tr(locale, 'summary.recipients')}</h2>
<ul>${v.recipients.map((r) => html`<li>${r.name} (${r.service}; ${r.countries.join(', ')})</li>`)}</ul>
${v.transfers.length > 0 ? html`<p>${tr(locale, 'summary.transfers', { country: v.homeCountry })}: ${v.transfers.join(', ')}</p>` : ''}
<h2>${tr(locale, 'summary.rights')}</h2>
<ul>${v.rights.map((r) => html`<li>${r}</li>`)}</ul>
<h2>${tr(locale, 'summary.complaint')}</h2>
<ul>${v.complaint.map((c) => html`<li>${c.name}${c.website ? html` — <span dir="ltr">${c.website}</span>` : ''}</li>`)}</ul>
${v.files.length > 0 ? html`<h2>${tr(locale, 'summary.files')}</h2><ul>${v.files.map((f) => html`<li dir="ltr">${f}</li>`)}</ul>` : ''}
${v.pending.length > 0 ? html`<h2>${tr(locale, 'summary.pending')}</h2><ul>${v.pending.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
${v.holds && v.holds.length > 0 ? html`<h2>${tr(locale, 'summary.held')}</h2><p>${tr(locale, 'summary.held.lead')}</p><ul>${v.holds.map((h) => html`<li>${tr(locale, 'summary.held.item', { name: h.name, reason: h.law ? `${h.reason} (${h.law})` : h.reason, date: h.until[0].getTime() === h.until[1].getTime() ? formatDate(locale, h.until[0]) : `${formatDate(locale, h.until[0])} – ${formatDate(locale, h.until[1])}`, records: formatNumber(locale, h.records) })}</li>`)}</ul>` : ''}
${v.withheld && v.withheld.length > 0 ? html`<h2>${tr(locale, 'summary.withheld')}</h2><p>${tr(locale, 'summary.withheld.reason')}</p><ul>${v.withheld.map((w) => html`<li>${w.name} (${tr(locale, 'summary.records')}: ${formatNumber(locale, w.records)})</li>`)}</ul>` : ''}
</body></html>`.__html
  }`
}
