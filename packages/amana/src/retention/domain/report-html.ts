import { ar } from '../copy/ar.ts'
import { en, type RetentionCopy, type RetentionCopyKey } from '../copy/en.ts'
import type { RetentionTarget } from './plan.ts'
import type { ReportRun } from './report.ts'

export type ReportLocale = 'en' | 'ar'

export const retentionCopy = (locale: ReportLocale): RetentionCopy => (locale === 'ar' ? ar : en)

/** A phrase of the catalogue with its `{placeholders}` filled. */
export const retentionText = (
  locale: ReportLocale,
  key: RetentionCopyKey,
  params: Record<string, string> = {},
): string =>
  Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), retentionCopy(locale)[key])

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )
/** Codes, paths and digests stay left-to-right inside an Arabic page. */
const ltr = (s: string) => `<bdi dir="ltr">${esc(s)}</bdi>`
const when = (d: Date | null) => (d ? ltr(d.toISOString().replace('T', ' ').slice(0, 19)) : '—')

type Count = { system: string; table: string; action: string; rows: number }

const copyOr = (locale: ReportLocale, key: string, fallback: string) =>
  Object.hasOwn(en, key) ? retentionText(locale, key as RetentionCopyKey) : fallback

/**
 * The printable retention report for auditors, in English or Arabic (right to left): every rule
 * as the sweep reads it, then every sweep with its rows per table and digest. The same rows as
 * the CSV (`retentionReportRows`), laid out to be read and printed.
 */
export const retentionReportHtml = (input: {
  locale: ReportLocale
  organisation: string
  generatedAt: Date
  targets: readonly RetentionTarget[]
  runs: readonly ReportRun[]
}): string => {
  const { locale } = input
  const c = retentionCopy(locale)
  const th = (keys: RetentionCopyKey[]) =>
    `<thead><tr>${keys.map((k) => `<th scope="col">${esc(c[k])}</th>`).join('')}</tr></thead>`
  const rules = input.targets.flatMap((t) =>
    t.tables.map(
      (table) =>
        `<tr><td>${ltr(t.id)}</td><td>${ltr(t.system)}</td><td>${ltr(table.table)}</td><td>${ltr(t.categories.join(', '))}</td><td>${ltr(t.keep)}</td><td>${ltr(t.after)}</td><td>${esc(copyOr(locale, `action.${t.action}`, t.action))}</td><td>${ltr(t.declaredAt.join(' '))}</td></tr>`,
    ),
  )
  const runs = input.runs.map((r) => {
    const counts = r.counts as Count[]
    const results =
      counts.length === 0
        ? esc(c['report.nothing'])
        : `<ul>${counts
            .map(
              (n) =>
                `<li>${ltr(`${n.system}.${n.table}`)}: ${esc(copyOr(locale, `action.${n.action}`, n.action))} ${ltr(String(n.rows))}</li>`,
            )
            .join('')}</ul>`
    return `<tr><td>${ltr(r.id)}</td><td>${esc(copyOr(locale, `status.${r.status}`, r.status))}</td><td>${ltr(r.trigger)}</td><td>${when(r.asOf)}</td><td>${when(r.finishedAt)}</td><td>${results}</td><td class="digest">${r.digest ? ltr(r.digest) : '—'}</td></tr>`
  })
  const title = c['report.title']
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}table{border-collapse:collapse;inline-size:100%;margin-block-end:1.5rem}th,td{border:1px solid #999;padding:.4rem;vertical-align:top;text-align:start}ul{margin:0;padding-inline-start:1.2rem}.digest{word-break:break-all;font-family:monospace;font-size:.8rem}@media print{body{margin:0}}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>${esc(retentionText(locale, 'report.generated', { at: input.generatedAt.toISOString().slice(0, 16).replace('T', ' '), organisation: input.organisation }))}</p>
<p>${esc(c['report.intro'])}</p>
<h2>${esc(c['report.rules'])}</h2>
${
  rules.length === 0
    ? `<p>${esc(c['report.noRules'])}</p>`
    : `<table>${th(['report.rule', 'report.system', 'report.table', 'report.categories', 'report.keep', 'report.after', 'report.action', 'report.declaredAt'])}<tbody>${rules.join('\n')}</tbody></table>`
}
<h2>${esc(c['report.runs'])}</h2>
${
  runs.length === 0
    ? `<p>${esc(c['report.noRuns'])}</p>`
    : `<table>${th(['report.run', 'report.status', 'report.trigger', 'report.asOf', 'report.finished', 'report.results', 'report.digest'])}<tbody>${runs.join('\n')}</tbody></table>`
}
</body></html>
`
}
