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

/** What the evidence bundle holds, as far as its printable page shows it. */
export interface EvidenceView {
  readonly request: {
    readonly reference: string
    readonly type: string
    readonly status: string
    readonly receivedAt: string
    readonly dueAt: string
    readonly completedAt: string | null
  }
  readonly timeline: readonly {
    readonly at: string
    readonly kind: string
    readonly actor: string
    readonly from: string | null
    readonly to: string | null
  }[]
  readonly steps: readonly {
    readonly step: string
    readonly status: string
    readonly attempts: number
    readonly error: string | null
  }[]
  readonly requestEntries: readonly number[]
  readonly audit: {
    readonly entries: readonly { readonly seq: number | string; readonly body: string }[]
  } & {
    readonly closing?: unknown
  }
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—')
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`

/** The action an audit entry records, read from its body (JSON); the seq alone when it is not. */
const actionOf = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { action?: unknown; at?: unknown }
    return typeof parsed.action === 'string' ? parsed.action : ''
  } catch {
    return ''
  }
}

/** A request's evidence bundle, printable: the request, its timeline and steps, its audit entries and the chain proof. */
export const evidenceHtml = (bundle: EvidenceView, locale: RecordLocale): string => {
  const c = recordsCopy(locale)
  const r = bundle.request
  const title = c['evidence.title'].replace('{reference}', r.reference)
  const mine = new Set(bundle.requestEntries.map(Number))
  const entries = bundle.audit.entries.filter((e) => mine.has(Number(e.seq)))
  const seqs = bundle.audit.entries.map((e) => Number(e.seq))
  const closing = (bundle.audit.closing as { seq?: unknown } | null | undefined)?.seq
  const proof =
    seqs.length === 0
      ? c['evidence.noProof']
      : c['evidence.proof']
          .replace('{first}', String(Math.min(...seqs)))
          .replace('{last}', String(Math.max(...seqs)))
          .replace('{closing}', `#${String(closing ?? Math.max(...seqs))}`)
  return doc(
    locale,
    title,
    `<h1>${esc(title)}</h1>
<h2>${esc(c['evidence.request'])}</h2>
${table(
  [
    c['evidence.type'],
    c['evidence.status'],
    c['evidence.received'],
    c['evidence.due'],
    c['evidence.completed'],
  ],
  [[r.type, r.status, when(r.receivedAt), when(r.dueAt), when(r.completedAt)]],
)}
<h2>${esc(c['evidence.timeline'])}</h2>
${table(
  [c['evidence.at'], c['evidence.event'], c['evidence.actor']],
  bundle.timeline.map((e) => [
    when(e.at),
    `${e.kind}${e.from || e.to ? ` (${e.from ?? '—'} → ${e.to ?? '—'})` : ''}`,
    e.actor,
  ]),
)}
<h2>${esc(c['evidence.steps'])}</h2>
${table(
  [c['evidence.step'], c['evidence.status'], c['evidence.attempts'], c['evidence.error']],
  bundle.steps.map((s) => [s.step, s.status, String(s.attempts), s.error ?? '—']),
)}
<h2>${esc(c['evidence.audit'])}</h2>
${table(
  [c['evidence.seq'], c['evidence.action']],
  entries.map((e) => [`#${String(e.seq)}`, actionOf(e.body)]),
)}
<p>${esc(proof)}</p>`,
  )
}
