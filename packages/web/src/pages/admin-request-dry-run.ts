import { html, type SafeHtml } from '../html.ts'
import { formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import { countedFromText, trp } from '../i18n/request-page-messages.ts'
import { tr } from '../i18n/requests-messages.ts'
import { type FoundSystemView, sentence } from './admin-request-detail.ts'
import type { AdminRequestsFrame } from './admin-requests.ts'
import { renderAdminPage } from './admin-shell.ts'

/** One finding of the check of the shop's databases, in the reader's language when the catalogue has its words. */
export interface DryRunFinding {
  readonly system?: string
  readonly table?: string
  readonly column?: string
  readonly message: string
  /** The message's language; English (the CLI's words) when absent. */
  readonly lang?: Locale
}

export interface AdminRequestDryRunView extends AdminRequestsFrame {
  readonly request: { readonly id: string; readonly reference: string }
  /** `unverified`: nothing is looked up before identity is checked. */
  readonly state: 'unverified' | 'checked'
  /** Pre-flight findings: the request does not start while any is left. */
  readonly stops: readonly DryRunFinding[]
  /** Findings that do not stop the request but should be fixed (indexes, undeclared data, sampled values). */
  readonly warnings: readonly DryRunFinding[]
  /** The plan, when nothing stops it. */
  readonly systems?: readonly FoundSystemView[]
  /** A system could not be read (unreachable), in the developer's words. */
  readonly problem?: string
}

const where = (f: DryRunFinding): SafeHtml =>
  html`<bdi dir="ltr">${[f.system, f.table, f.column].filter((x) => x !== undefined).join('.')}</bdi>`

/** English keeps its own direction inside an Arabic page; Arabic words follow the page's. */
const findingCell = (f: DryRunFinding): SafeHtml =>
  f.lang && f.lang !== 'en'
    ? html`<td lang="${f.lang}">${f.message}</td>`
    : html`<td dir="ltr" lang="en">${f.message}</td>`

const findingsTable = (locale: Locale, findings: readonly DryRunFinding[], kind: string): SafeHtml =>
  html`<div class="table-scroll"><table data-findings="${kind}"><thead><tr><th scope="col">${trp(locale, 'rp.dry.col.where')}</th><th scope="col">${trp(locale, 'rp.dry.col.finding')}</th></tr></thead>
<tbody>${findings.map((f) => html`<tr><td>${where(f)}</td>${findingCell(f)}</tr>`)}</tbody></table></div>`

const notesOf = (locale: Locale, row: FoundSystemView['rows'][number]): SafeHtml[] => {
  const out: SafeHtml[] = []
  const list = (items: readonly string[]) => items.join(locale === 'ar' ? '، ' : ', ')
  if (row.shared)
    out.push(sentence(trp(locale, 'rp.dry.shared'), { count: formatNumber(locale, row.shared) }))
  for (const h of row.held ?? []) {
    const columns = h.columns.length > 0 ? list(h.columns) : trp(locale, 'rp.sys.wholeRows')
    out.push(
      h.until
        ? sentence(trp(locale, 'rp.dry.held'), {
            reason: h.reason,
            date: formatDate(locale, h.until),
            columns,
          })
        : sentence(trp(locale, 'rp.dry.heldOpen'), { reason: h.reason, columns }),
    )
    if (h.until && h.countedFrom)
      out.push(sentence(trp(locale, 'rp.sys.countedFrom'), { from: countedFromText(locale, h.countedFrom) }))
  }
  for (const k of row.skipped ?? [])
    out.push(
      sentence(trp(locale, 'rp.dry.skipped'), { column: k.column, count: formatNumber(locale, k.rows) }),
    )
  return out
}

const planTable = (locale: Locale, s: FoundSystemView): SafeHtml =>
  html`<h3><bdi>${s.system}</bdi></h3>${
    s.rows.length === 0
      ? html`<p>${trp(locale, 'rp.found.empty')}</p>`
      : html`<div class="table-scroll"><table data-system="${s.system}"><thead><tr><th scope="col">${trp(locale, 'rp.col.where')}</th><th scope="col">${trp(locale, 'rp.col.data')}</th><th scope="col">${trp(locale, 'rp.col.what')}</th><th scope="col">${trp(locale, 'rp.col.count')}</th><th scope="col">${trp(locale, 'rp.dry.col.notes')}</th></tr></thead>
<tbody>${s.rows.map((row) => {
          const notes = notesOf(locale, row)
          return html`<tr data-table="${row.table}" data-action="${row.action}"><td><bdi dir="ltr">${row.table}</bdi></td><td>${row.categories.length > 0 ? row.categories.map((c, i) => html`${i > 0 ? (locale === 'ar' ? '، ' : ', ') : ''}<bdi>${c}</bdi>`) : trp(locale, 'rp.uncategorised')}</td><td>${trp(locale, `rp.do.${row.action}`)}</td><td>${formatNumber(locale, row.count)}</td><td>${notes.length > 0 ? html`<ul>${notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}</td></tr>`
        })}</tbody></table></div>`
  }`

/**
 * `/admin/requests/:id/dry-run`: the whole plan of one request without running it — what stops it
 * (pre-flight), per system and table the rows that would be deleted, anonymised or held (with
 * shared parents, holds and columns left as they are), and the check's other findings, sampled
 * ones included. Nothing is changed; no value is shown.
 */
export const renderAdminRequestDryRun = (view: AdminRequestDryRunView): string => {
  const { locale } = view
  const r = view.request
  const section = (id: string, title: string, body: SafeHtml | string) =>
    html`<section class="panel" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`
  const body =
    view.state === 'unverified'
      ? html`<p>${trp(locale, 'rp.dry.unverified')}</p>`
      : html`${section(
          'h-stops',
          trp(locale, 'rp.dry.stops'),
          view.stops.length === 0
            ? html`<p data-stops="0">${trp(locale, 'rp.dry.stops.none')}</p>`
            : html`<p class="error" role="alert">${trp(locale, 'rp.dry.stops.intro')}</p>${findingsTable(locale, view.stops, 'stops')}`,
        )}
${section(
  'h-plan',
  trp(locale, 'rp.dry.plan'),
  view.systems
    ? html`<p>${trp(locale, 'rp.found.preview')}</p>${view.systems.map((s) => planTable(locale, s))}`
    : view.problem
      ? html`<p class="error">${trp(locale, 'rp.found.problem')}</p><pre dir="ltr" lang="en">${view.problem}</pre>`
      : html`<p>${trp(locale, 'rp.dry.plan.stopped')}</p>`,
)}
${section(
  'h-warnings',
  trp(locale, 'rp.dry.warnings'),
  view.warnings.length === 0
    ? html`<p>${trp(locale, 'rp.dry.warnings.none')}</p>`
    : html`<p>${trp(locale, 'rp.dry.sampled')}</p>${findingsTable(locale, view.warnings, 'warnings')}`,
)}`
  return renderAdminPage(view, {
    section: 'requests',
    title: trp(locale, 'rp.dry.title').replace('{reference}', r.reference),
    heading: sentence(trp(locale, 'rp.dry.title'), { reference: r.reference }),
    path: `/admin/requests/${r.id}/dry-run`,
    body: html`<p><a href="/admin/requests/${r.id}?lang=${locale}">${trp(locale, 'rp.dry.back')}</a> · <a href="/admin/requests?lang=${locale}">${tr(locale, 'admin.req.back')}</a></p>
<p class="lead">${trp(locale, 'rp.dry.intro')}</p>
${body}`,
  })
}
