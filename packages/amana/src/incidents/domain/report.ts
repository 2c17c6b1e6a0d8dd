import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import type { BreachClock } from './clocks.ts'
import { copyFor, type NoticeLocale } from './notice.ts'
import type { RiskAssessment } from './risk.ts'

export interface ReportFacts {
  readonly reference: string
  readonly status: string
  readonly discoveredAt: string
  readonly summary: string
  readonly systems: readonly string[]
  readonly categories: readonly string[]
  readonly team: readonly string[]
  readonly experts: readonly string[]
  readonly timeline: readonly { readonly at: string; readonly kind: string; readonly note: string }[]
  readonly risk: RiskAssessment
}

export interface RegulatorReport {
  readonly jurisdiction: string
  readonly authority: { readonly name: string; readonly website: string | null }
  readonly organisation: { readonly name: string; readonly contact: string }
  readonly incident: ReportFacts
  readonly people: number
  readonly clock: BreachClock | undefined
}

/** The report to one authority, as data (the JSON answer) — the HTML is rendered from the same value. */
export const regulatorReport = (input: {
  readonly manifest: Manifest
  readonly pack: JurisdictionPack
  readonly facts: ReportFacts
  readonly clocks: readonly BreachClock[]
  readonly people: number
  readonly locale: NoticeLocale
}): RegulatorReport => ({
  jurisdiction: input.pack.id,
  authority: {
    name: input.pack.authority.value.name[input.locale],
    website: input.pack.authority.value.website,
  },
  organisation: {
    name: input.manifest.organisation.legalName,
    contact: input.manifest.organisation.privacyContact?.email ?? '',
  },
  incident: input.facts,
  people: input.people,
  clock: input.clocks.find((c) => c.jurisdiction === input.pack.id && c.audience === 'regulator'),
})

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )

/** Printable HTML (no scripts, print styles only), right-to-left in Arabic. */
export const regulatorReportHtml = (report: RegulatorReport, locale: NoticeLocale): string => {
  const c = copyFor(locale)
  const f = report.incident
  const row = (label: string, value: string) =>
    `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`
  const list = (items: readonly string[]) => items.join(locale === 'ar' ? '، ' : ', ')
  const clock = report.clock
  const deadline =
    clock?.dueAt && clock.hours !== null
      ? `${c['report.within'](clock.hours, `${clock.dueAt.slice(0, 16).replace('T', ' ')} UTC`)}${clock.verified ? '' : ` ${c['report.unverified']}`}`
      : '—'
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<title>${esc(c['report.title'](report.organisation.name))}</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:48rem;margin:2rem auto;line-height:1.5}th{text-align:start;vertical-align:top;padding-inline-end:1rem}@media print{body{margin:0}}</style>
</head><body>
<h1>${esc(c['report.title'](report.organisation.name))}</h1>
<table>
${row(c['report.authority'], report.authority.name)}
${row(c['report.reference'], f.reference)}
${row(c['report.discovered'], f.discoveredAt)}
${row(c['report.status'], f.status)}
${row(c['report.summary'], f.summary)}
${row(c['report.systems'], list(f.systems))}
${row(c['report.categories'], list(f.categories))}
${row(c['report.people'], String(report.people))}
${row(c['report.deadline'], deadline)}
${row(c['report.risk'], f.risk.likelyHighRisk ? c['report.yes'] : c['report.no'])}
${row(c['report.reasons'], f.risk.reasons.map((r) => r.text[locale]).join('; ') || '—')}
${row(c['report.team'], list(f.team) || '—')}
${row(c['report.experts'], list(f.experts) || '—')}
${row(c['report.contact'], `${report.organisation.name} — ${report.organisation.contact}`)}
</table>
<h2>${esc(c['report.timeline'])}</h2>
<ol>${f.timeline.map((e) => `<li><time>${esc(e.at)}</time> — ${esc(e.note)}</li>`).join('')}</ol>
</body></html>
`
}
