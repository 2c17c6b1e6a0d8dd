import { html } from '../html.ts'
import { formatNumber } from '../i18n/locale.ts'
import { type RetentionAdminMessageKey, tret } from '../i18n/retention-admin-messages.ts'
import { type AdminFrame, csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface RetentionCalendarLine {
  readonly rule: string
  readonly categories: readonly string[]
  readonly system: string
  readonly table: string
  readonly unit: 'rows' | 'subjects'
  readonly due: { readonly today: number; readonly week: number; readonly month: number }
  readonly error?: string
}

export interface AdminRetentionView extends AdminFrame {
  readonly paused: boolean
  readonly canManage: boolean
  readonly calendar: readonly RetentionCalendarLine[]
  readonly runs: readonly {
    readonly startedAt: Date
    readonly trigger: string
    readonly status: string
    readonly rows: number
  }[]
  /** Passes over Amana's own records, newest first; each count with the period it applied (already in words). */
  readonly ownRuns: readonly OwnRecordsRunLine[]
}

const ownRecordKinds = ['sentMail', 'verificationCodes', 'requestRecords', 'consentRecords'] as const

export interface OwnRecordsRunLine {
  readonly at: Date
  readonly trigger: string
  readonly kinds: Readonly<
    Record<(typeof ownRecordKinds)[number], { readonly count: number; readonly kept: string } | undefined>
  >
}

const statusText = (locale: AdminFrame['locale'], status: string) =>
  ['completed', 'running', 'interrupted', 'failed'].includes(status)
    ? tret(locale, `ret.status.${status}` as RetentionAdminMessageKey)
    : status

/** The own-records passes: one row a pass, one column a kind, each count with the period applied. */
const ownRecordsSection = (view: AdminRetentionView) => {
  const { locale } = view
  const paused = view.paused ? html`<p>${tret(locale, 'ret.ownPaused')}</p>` : ''
  if (view.ownRuns.length === 0)
    return html`<p>${tret(locale, 'ret.ownLead')}</p>${paused}<p>${tret(locale, 'ret.ownNoRuns')}</p>`
  const cell = (line: { count: number; kept: string } | undefined) =>
    line
      ? html`<td>${formatNumber(locale, line.count)} <small>(${tret(locale, 'ret.own.kept', { period: line.kept })})</small></td>`
      : html`<td>—</td>`
  return html`<p>${tret(locale, 'ret.ownLead')}</p>${paused}
<div class="table-wrap"><table><caption>${tret(locale, 'ret.ownRuns')}</caption><thead><tr><th scope="col">${tret(locale, 'ret.own.at')}</th><th scope="col">${tret(locale, 'ret.run.trigger')}</th>${ownRecordKinds.map(
    (kind) => html`<th scope="col">${tret(locale, `ret.own.${kind}`)}</th>`,
  )}</tr></thead>
<tbody>${view.ownRuns.map(
    (r) =>
      html`<tr><td>${formatDateTime(locale, r.at)}</td><td dir="ltr">${r.trigger}</td>${ownRecordKinds.map((kind) => cell(r.kinds[kind]))}</tr>`,
  )}</tbody></table></div>`
}

/** /admin/retention: the calendar of upcoming deletions, the last sweeps, and the pause switch. */
export const renderAdminRetention = (view: AdminRetentionView): string => {
  const { locale } = view
  const n = (value: number) => formatNumber(locale, value)
  const calendar =
    view.calendar.length === 0
      ? html`<p>${tret(locale, 'ret.noRules')}</p>`
      : html`<div class="table-wrap"><table><caption>${tret(locale, 'ret.calendarLead')}</caption><thead><tr><th scope="col">${tret(locale, 'ret.categories')}</th><th scope="col">${tret(locale, 'ret.system')}</th><th scope="col">${tret(locale, 'ret.table')}</th><th scope="col">${tret(locale, 'ret.unit')}</th><th scope="col">${tret(locale, 'ret.today')}</th><th scope="col">${tret(locale, 'ret.week')}</th><th scope="col">${tret(locale, 'ret.month')}</th></tr></thead>
<tbody>${view.calendar.map((l) => {
          const unit = tret(locale, l.unit === 'rows' ? 'ret.rows' : 'ret.subjects')
          return html`<tr><td>${l.categories.join(locale === 'ar' ? '، ' : ', ')}</td><td><code>${l.system}</code></td><td><code>${l.table}</code></td><td>${unit}</td>${
            l.error
              ? html`<td colspan="3">${tret(locale, 'ret.unreachable', { reason: l.error })}</td>`
              : html`<td>${n(l.due.today)}</td><td>${n(l.due.week)}</td><td>${n(l.due.month)}</td>`
          }</tr>`
        })}</tbody></table></div>`
  const runs =
    view.runs.length === 0
      ? html`<p>${tret(locale, 'ret.noRuns')}</p>`
      : html`<div class="table-wrap"><table><thead><tr><th scope="col">${tret(locale, 'ret.run.started')}</th><th scope="col">${tret(locale, 'ret.run.trigger')}</th><th scope="col">${tret(locale, 'ret.run.status')}</th><th scope="col">${tret(locale, 'ret.run.rows')}</th></tr></thead>
<tbody>${view.runs.map(
          (r) =>
            html`<tr><td>${formatDateTime(locale, r.startedAt)}</td><td dir="ltr">${r.trigger}</td><td>${statusText(locale, r.status)}</td><td>${n(r.rows)}</td></tr>`,
        )}</tbody></table></div>`
  const pause = html`<p role="status">${tret(locale, view.paused ? 'ret.paused' : 'ret.running')}</p>
${
  view.canManage
    ? html`<form method="post" action="/admin/retention/pause?lang=${locale}">${csrfField(view.csrfToken)}<input type="hidden" name="paused" value="${view.paused ? 'false' : 'true'}"><label for="pause-reason">${tret(locale, 'ret.reason')}</label> <input id="pause-reason" name="reason" maxlength="500"> <button type="submit">${tret(locale, view.paused ? 'ret.resumeButton' : 'ret.pauseButton')}</button></form>`
    : ''
}`
  return renderAdminPage(view, {
    section: 'retention',
    title: tret(locale, 'ret.title'),
    body: html`<p class="lead">${tret(locale, 'ret.lead')}</p>
<h2>${tret(locale, 'ret.pause')}</h2>
${pause}
<h2>${tret(locale, 'ret.calendar')}</h2>
${calendar}
<h2>${tret(locale, 'ret.runs')}</h2>
${runs}
<h2>${tret(locale, 'ret.own')}</h2>
${ownRecordsSection(view)}
<h2>${tret(locale, 'ret.report')}</h2>
<ul><li><a href="/v1/retention/report?format=html&amp;lang=${locale}">${tret(locale, 'ret.reportHtml')}</a></li><li><a href="/v1/retention/report?format=pdf&amp;lang=${locale}">${tret(locale, 'ret.reportPdf')}</a></li><li><a href="/v1/retention/report?format=csv">${tret(locale, 'ret.reportCsv')}</a></li></ul>`,
  })
}
