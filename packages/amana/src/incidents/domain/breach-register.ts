import { copyFor, type NoticeLocale } from './notice.ts'
import type { RiskAssessment } from './risk.ts'

/**
 * The register of personal data breaches Oman's Executive Regulation (MD 34/2024) requires the
 * controller to keep (Art 28 per the reference, O1/O4), built from the incident register. Which
 * columns the regulation names is **not verified** against its text: these are the facts the
 * register holds for each breach — when it was found, what happened, the data and people involved,
 * the likely consequences, the measures taken, and who was notified when.
 */
export interface BreachRegisterEntry {
  readonly reference: string
  readonly discoveredAt: string
  readonly status: string
  readonly closedAt: string | null
  readonly summary: string
  readonly systems: readonly string[]
  readonly categories: readonly string[]
  readonly people: number
  readonly peopleInOman: number
  readonly likelyHighRisk: boolean
  readonly consequences: readonly string[]
  readonly measures: readonly { readonly at: string; readonly note: string }[]
  /** The deadline to notify the Ministry (MTCIT), where the incident involves people in Oman. */
  readonly ministryDeadline: string | null
  readonly noticesSent: number
}

export interface BreachRegister {
  readonly law: 'Oman PDPL (RD 6/2022), Executive Regulation (MD 34/2024) Art 28'
  readonly verified: false
  readonly sources: readonly string[]
  readonly servesOman: boolean
  readonly entries: readonly BreachRegisterEntry[]
}

export interface RegisterIncident {
  readonly reference: string
  readonly discoveredAt: string
  readonly status: string
  readonly closedAt: string | null
  readonly summary: string
  readonly systems: readonly string[]
  readonly categories: readonly string[]
  readonly people: readonly { readonly jurisdiction: string }[]
  readonly risk: RiskAssessment
  readonly timeline: readonly { readonly at: string; readonly kind: string; readonly note: string }[]
  readonly clocks: readonly {
    readonly jurisdiction: string
    readonly audience: string
    readonly dueAt: string | null
  }[]
}

/** Pure: one entry per incident, oldest first, the consequences in `locale`. */
export const breachRegister = (input: {
  readonly incidents: readonly (RegisterIncident & { readonly noticesSent: number })[]
  readonly servesOman: boolean
  readonly locale: NoticeLocale
}): BreachRegister => ({
  law: 'Oman PDPL (RD 6/2022), Executive Regulation (MD 34/2024) Art 28',
  verified: false,
  sources: ['O1', 'O4'],
  servesOman: input.servesOman,
  entries: [...input.incidents]
    .sort((a, b) => a.discoveredAt.localeCompare(b.discoveredAt))
    .map((i) => ({
      reference: i.reference,
      discoveredAt: i.discoveredAt,
      status: i.status,
      closedAt: i.closedAt,
      summary: i.summary,
      systems: i.systems,
      categories: i.categories,
      people: i.people.length,
      peopleInOman: i.people.filter((p) => p.jurisdiction === 'om').length,
      likelyHighRisk: i.risk.likelyHighRisk,
      consequences: i.risk.reasons.map((r) => r.text[input.locale]),
      measures: i.timeline.filter((e) => e.kind === 'action').map((e) => ({ at: e.at, note: e.note })),
      ministryDeadline:
        i.clocks.find((c) => c.jurisdiction === 'om' && c.audience === 'regulator')?.dueAt ?? null,
      noticesSent: i.noticesSent,
    })),
})

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )

/** Printable HTML, one table row per breach, right-to-left in Arabic. */
export const breachRegisterHtml = (register: BreachRegister, shop: string, locale: NoticeLocale): string => {
  const c = copyFor(locale)
  const sep = locale === 'ar' ? '، ' : ', '
  const head = [
    c['register.reference'],
    c['report.discovered'],
    c['report.summary'],
    c['report.categories'],
    c['register.people'],
    c['register.consequences'],
    c['register.measures'],
    c['register.ministry'],
    c['register.notices'],
    c['report.status'],
  ]
  const rows = register.entries.map(
    (e) =>
      `<tr><td dir="ltr">${esc(e.reference)}</td><td><time>${esc(e.discoveredAt)}</time></td><td>${esc(e.summary)}</td><td>${esc(e.categories.join(sep) || '—')}</td><td>${e.people} (${e.peopleInOman})</td><td>${e.likelyHighRisk ? esc(c['report.yes']) : esc(c['report.no'])}: ${esc(e.consequences.join('; ') || '—')}</td><td><ul>${e.measures.map((m) => `<li><time>${esc(m.at)}</time> — ${esc(m.note)}</li>`).join('')}</ul></td><td>${esc(e.ministryDeadline ?? '—')}</td><td>${e.noticesSent}</td><td>${esc(e.status)}${e.closedAt ? ` (${esc(e.closedAt)})` : ''}</td></tr>`,
  )
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<title>${esc(c['register.title'](shop))}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}th,td{text-align:start;vertical-align:top;padding:.25rem .5rem;border-block-end:1px solid #ccc}table{border-collapse:collapse}@media print{body{margin:0}}</style>
</head><body>
<h1>${esc(c['register.title'](shop))}</h1>
<p>${esc(c['register.law'])} — <strong>${esc(c['report.unverified'])}</strong> (${esc(register.sources.join(', '))})</p>
${register.servesOman ? '' : `<p>${esc(c['register.notServed'])}</p>`}
<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`
}
