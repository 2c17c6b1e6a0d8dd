import { toCsv } from '../../platform/csv/index.ts'
import { ar } from '../copy/ar.ts'
import { en, type RecordsCopy } from '../copy/en.ts'
import type { OdpcRegistration } from './odpc-registration.ts'
import type { RecordLocale, RecordOfProcessing, RetentionPeriod, Transfer } from './record-of-processing.ts'

export const recordsCopy = (locale: RecordLocale): RecordsCopy => (locale === 'ar' ? ar : en)

const retentionText = (r: RetentionPeriod) =>
  `${r.category}: ${r.keep} / ${r.after} / ${r.action}${r.criteria ? ` — ${r.criteria}` : ''}${r.legalHold ? ` (${r.legalHold})` : ''}`
const transferText = (t: Transfer) =>
  `${t.recipient} → ${t.countries.join(', ')} (${t.mechanism ?? '—'})${t.details ? ` ${t.details}` : ''}`

/** One row per purpose, the columns headed in the record's language; a BOM so spreadsheets read Arabic. */
export const recordCsv = (record: RecordOfProcessing, locale: RecordLocale): string => {
  const c = recordsCopy(locale)
  const columns = [
    c['ropa.purpose'],
    c['ropa.basis'],
    c['ropa.subjects'],
    c['ropa.categories'],
    c['ropa.recipients'],
    c['ropa.transfers'],
    c['ropa.retention'],
  ]
  const rows = record.activities.map((a) => ({
    [columns[0] as string]: `${a.purpose} — ${a.title}`,
    [columns[1] as string]: a.legalBasis,
    [columns[2] as string]: a.subjects.join('; '),
    [columns[3] as string]: a.categories.join('; '),
    [columns[4] as string]: a.recipients.join('; '),
    [columns[5] as string]: a.transfers.map(transferText).join('; '),
    [columns[6] as string]: a.retention.map(retentionText).join('; '),
  }))
  return toCsv(rows, { columns, bom: true })
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )
const list = (items: readonly string[], none: string) =>
  items.length === 0 ? esc(none) : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`

const doc = (locale: RecordLocale, title: string, body: string) => `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}table{border-collapse:collapse;inline-size:100%}th,td{border:1px solid #999;padding:.4rem;vertical-align:top;text-align:start}ul{margin:0;padding-inline-start:1.2rem}@media print{body{margin:0}}</style>
</head><body>
${body}
</body></html>
`

/** Printable HTML: the controller, one table row per activity, then every category and recipient. */
export const recordHtml = (record: RecordOfProcessing, locale: RecordLocale): string => {
  const c = recordsCopy(locale)
  const head = [
    c['ropa.purpose'],
    c['ropa.basis'],
    c['ropa.subjects'],
    c['ropa.categories'],
    c['ropa.recipients'],
    c['ropa.transfers'],
    c['ropa.retention'],
  ]
  const rows = record.activities.map(
    (a) =>
      `<tr><td><strong>${esc(a.title)}</strong> (${esc(a.purpose)})<br>${esc(a.description)}</td><td>${esc(a.legalBasis)}</td><td>${list(a.subjects, c['ropa.none'])}</td><td>${list(a.categories, c['ropa.none'])}</td><td>${list(a.recipients, c['ropa.none'])}</td><td>${list(a.transfers.map(transferText), c['ropa.none'])}</td><td>${list(a.retention.map(retentionText), c['ropa.none'])}</td></tr>`,
  )
  return doc(
    locale,
    c['ropa.title'],
    `<h1>${esc(c['ropa.title'])}</h1>
<p><strong>${esc(c['ropa.controller'])}:</strong> ${esc(record.controller.name)} (${esc(record.controller.country)}) — <strong>${esc(c['ropa.contact'])}:</strong> ${esc(record.controller.contact)}</p>
<p><strong>${esc(c['ropa.jurisdictions'])}:</strong> ${esc(record.jurisdictions.join(', '))}</p>
<h2>${esc(c['ropa.activities'])}</h2>
<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<h2>${esc(c['ropa.allCategories'])}</h2>
${list(
  record.categories.map(
    (k) => `${k.id}: ${k.description}${k.retention ? ` — ${retentionText(k.retention)}` : ''}`,
  ),
  c['ropa.none'],
)}
<h2>${esc(c['ropa.allRecipients'])}</h2>
${list(
  record.recipients.map((r) => `${r.name} (${r.role}, ${r.service}; ${r.countries.join(', ')})`),
  c['ropa.none'],
)}
<h2>${esc(c['ropa.security'])}</h2>
${list(record.security, c['ropa.none'])}`,
  )
}

/** The transfer documentation a customer downloads: countries, recipients, safeguard. */
export const transfersHtml = (transfers: readonly Transfer[], locale: RecordLocale, shop: string): string => {
  const c = recordsCopy(locale)
  const body =
    transfers.length === 0
      ? `<p>${esc(c['transfers.none'])}</p>`
      : `<table><thead><tr><th scope="col">${esc(c['transfers.recipient'])}</th><th scope="col">${esc(c['transfers.countries'])}</th><th scope="col">${esc(c['transfers.mechanism'])}</th><th scope="col">${esc(c['transfers.details'])}</th></tr></thead><tbody>${transfers
          .map(
            (t) =>
              `<tr><td>${esc(t.recipient)}</td><td>${esc(t.countries.join(', '))}</td><td>${esc(t.mechanism ?? '—')}</td><td>${esc(t.details)}</td></tr>`,
          )
          .join('')}</tbody></table>`
  return doc(
    locale,
    `${c['transfers.title']} — ${shop}`,
    `<h1>${esc(c['transfers.title'])} — ${esc(shop)}</h1>\n<p>${esc(c['transfers.intro'])}</p>\n${body}`,
  )
}

/** The ODPC registration answers, printable, in the reader's language; the unverified items say so. */
export const odpcHtml = (registration: OdpcRegistration, locale: RecordLocale): string => {
  const c = recordsCopy(locale)
  const items = registration.items.map(
    (i) =>
      `<h2>${esc(c[`odpc.ask.${i.id}`])}</h2>\n${i.missing ? `<p><strong>${esc(c['odpc.missing'])}</strong></p>` : list(i.answers, c['ropa.none'])}`,
  )
  return doc(
    locale,
    c['odpc.title'],
    `<h1>${esc(c['odpc.title'])}</h1>
<p>${esc(c['odpc.intro'])}</p>
<p><strong>${esc(c['odpc.unverified'].replace('{sources}', registration.sources.join(', ')))}</strong></p>
${registration.servesKenya ? '' : `<p>${esc(c['odpc.notServed'])}</p>`}
${items.join('\n')}`,
  )
}
