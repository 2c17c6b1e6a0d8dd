import { html, type SafeHtml } from '../html.ts'
import { type AdminMessageKey, roleLabels, ta, taIsolated } from '../i18n/admin-messages.ts'
import { tp, tpIsolated } from '../i18n/console-pages-messages.ts'
import { type IncidentAdminMessageKey, ti } from '../i18n/incident-admin-messages.ts'
import { formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import { type RequestMessageKey, tr } from '../i18n/requests-messages.ts'
import { type ConsentRateSeriesView, consentChart } from './admin-consent.ts'
import { type SlaView, slaText } from './admin-requests.ts'
import { type AdminFrame, formatDateTime, renderAdminPage } from './admin-shell.ts'
import type { RequestStatusId, RequestTypeId } from './requests-page.ts'

/** Why an open request waits for a staff member. */
export type StaffWaitId = 'approval' | 'proof' | 'task' | 'failed' | 'review'

export interface OverviewRequest {
  readonly id: string
  readonly reference: string
  readonly type: RequestTypeId
  readonly status: RequestStatusId
  readonly dueAt: Date
  readonly sla: SlaView
  readonly waitingFor?: StaffWaitId
  readonly failing: boolean
}

/** What the overview shows; a part the member's role may not see is left out. */
export interface AdminToday {
  readonly requests?: readonly OverviewRequest[]
  readonly consent?: {
    readonly from: string
    readonly to: string
    readonly series: readonly ConsentRateSeriesView[]
  }
  readonly audit?: {
    readonly verification: { readonly ok: true; readonly entries: number } | { readonly ok: false }
    readonly lastCheckpoint?: Date
  }
  readonly retention?: {
    readonly paused: boolean
    /** When the next full sweep is queued; undefined when none has run yet (the first comes when a worker runs). */
    readonly nextSweep?: Date
    readonly due: { readonly today: number; readonly week: number; readonly month: number }
    /** Rules whose system could not be counted. */
    readonly failed: number
  }
  /** Open incidents, the most pressing clock first. */
  readonly incidents?: readonly {
    readonly id: string
    readonly reference: string
    readonly status: 'investigating' | 'contained'
    readonly clocks: readonly { readonly authority: string; readonly remainingSeconds: number | null }[]
  }[]
  /** Open complaints, overdue first, then by due date. */
  readonly complaints?: readonly {
    readonly reference: string
    readonly dueAt: Date
    readonly overdue: boolean
  }[]
}

export interface AdminHomeView extends AdminFrame {
  readonly email: string
  readonly role: string
  readonly today: AdminToday
}

const typeLabel = (locale: Locale, type: RequestTypeId) => tr(locale, `req.type.${type}` as RequestMessageKey)

/** Who has the next move: a staff member (and what they must do), the customer, or Amana. */
const nextMove = (locale: Locale, r: OverviewRequest): string =>
  r.waitingFor
    ? ta(locale, `home.wait.${r.waitingFor}` as AdminMessageKey)
    : r.status === 'received' || r.status === 'verifying'
      ? ta(locale, 'home.next.customer')
      : ta(locale, 'home.next.amana')

const requestLink = (locale: Locale, r: OverviewRequest): SafeHtml =>
  html`<a href="/admin/requests/${r.id}?lang=${locale}"><bdi>${r.reference}</bdi></a>`

const requestsPanel = (locale: Locale, rows: readonly OverviewRequest[]): SafeHtml => {
  const overdue = rows.filter((r) => r.sla.kind === 'overdue').length
  const soon = rows.filter((r) => r.sla.kind === 'due-soon').length
  const n = (value: number) => formatNumber(locale, value)
  return html`<section class="panel" aria-labelledby="h-open"><h2 id="h-open">${ta(locale, 'home.open.title')}</h2>
<p class="summary">${taIsolated(locale, 'home.open.counts', { open: n(rows.length), overdue: n(overdue), soon: n(soon) })}</p>
${
  rows.length === 0
    ? html`<p>${ta(locale, 'home.open.none')}</p>`
    : html`<div class="table-scroll"><table class="today">
<thead><tr><th scope="col">${tr(locale, 'admin.req.col.reference')}</th><th scope="col">${tr(locale, 'admin.req.col.type')}</th><th scope="col">${tr(locale, 'admin.req.col.due')}</th><th scope="col">${ta(locale, 'home.open.next')}</th></tr></thead>
<tbody>${rows.map(
        (r) =>
          html`<tr class="sla-${r.sla.kind}" data-reference="${r.reference}"><td>${requestLink(locale, r)}</td><td>${typeLabel(locale, r.type)}</td><td>${formatDate(locale, r.dueAt)}<br>${r.sla.kind === 'overdue' ? html`<strong>${slaText(locale, r.sla)}</strong>` : slaText(locale, r.sla)}</td><td>${nextMove(locale, r)}</td></tr>`,
      )}</tbody></table></div>`
}
<p><a href="/admin/requests?lang=${locale}">${ta(locale, 'home.open.all')}</a></p></section>`
}

const listPanel = (
  locale: Locale,
  id: string,
  title: AdminMessageKey,
  empty: AdminMessageKey,
  rows: readonly OverviewRequest[],
): SafeHtml =>
  html`<section class="panel" aria-labelledby="h-${id}"><h2 id="h-${id}">${ta(locale, title)}</h2>
${
  rows.length === 0
    ? html`<p>${ta(locale, empty)}</p>`
    : html`<ul>${rows.map((r) => html`<li>${requestLink(locale, r)} — ${nextMove(locale, r)} (${slaText(locale, r.sla)})</li>`)}</ul>`
}</section>`

const consentPanel = (locale: Locale, consent: NonNullable<AdminToday['consent']>): SafeHtml =>
  html`<section class="panel" aria-labelledby="h-consent"><h2 id="h-consent">${ta(locale, 'home.consent.title')}</h2>
${consent.series.length === 0 ? html`<p>${ta(locale, 'home.consent.none')}</p>` : consentChart(locale, consent.series)}
<p><a href="/admin/consent?lang=${locale}">${ta(locale, 'home.consent.more')}</a></p></section>`

const auditPanel = (locale: Locale, audit: NonNullable<AdminToday['audit']>): SafeHtml =>
  html`<section class="panel" aria-labelledby="h-audit"><h2 id="h-audit">${ta(locale, 'home.audit.title')}</h2>
<p${audit.verification.ok ? '' : html` class="error" role="alert"`}>${
    audit.verification.ok
      ? ta(locale, 'home.audit.intact', { entries: formatNumber(locale, audit.verification.entries) })
      : ta(locale, 'home.audit.broken')
  }</p>
<p>${
    audit.lastCheckpoint
      ? ta(locale, 'home.audit.checkpoint', { date: formatDateTime(locale, audit.lastCheckpoint) })
      : ta(locale, 'home.audit.noCheckpoint')
  }</p>
<p><a href="/admin/audit?lang=${locale}">${ta(locale, 'home.audit.open')}</a></p></section>`

const retentionPanel = (locale: Locale, r: NonNullable<AdminToday['retention']>): SafeHtml => {
  const n = (value: number) => formatNumber(locale, value)
  return html`<section class="panel" aria-labelledby="h-retention"><h2 id="h-retention">${tp(locale, 'today.retention.title')}</h2>
<p${r.paused ? html` class="error" role="alert"` : ''} data-paused="${r.paused ? 'true' : 'false'}">${tp(locale, r.paused ? 'today.retention.paused' : 'today.retention.on')}</p>
<p>${r.nextSweep ? tpIsolated(locale, 'today.retention.next', { date: formatDateTime(locale, r.nextSweep) }) : tp(locale, 'today.retention.nextFirst')}</p>
<p class="summary">${tpIsolated(locale, 'today.retention.due', { today: n(r.due.today), week: n(r.due.week), month: n(r.due.month) })}</p>
${r.failed > 0 ? html`<p class="error">${tpIsolated(locale, 'today.retention.failed', { count: n(r.failed) })}</p>` : ''}
<p><a href="/admin/retention?lang=${locale}">${tp(locale, 'today.retention.open')}</a></p></section>`
}

const clockLine = (locale: Locale, c: { authority: string; remainingSeconds: number | null }): SafeHtml =>
  c.remainingSeconds === null
    ? tpIsolated(locale, 'today.incidents.noClock', { authority: c.authority })
    : c.remainingSeconds <= 0
      ? html`<strong>${tpIsolated(locale, 'today.incidents.expired', { authority: c.authority })}</strong>`
      : tpIsolated(locale, 'today.incidents.left', {
          authority: c.authority,
          hours: formatNumber(locale, Math.floor(c.remainingSeconds / 360) / 10),
        })

const incidentsPanel = (locale: Locale, rows: NonNullable<AdminToday['incidents']>): SafeHtml =>
  html`<section class="panel" aria-labelledby="h-incidents"><h2 id="h-incidents">${tp(locale, 'today.incidents.title')}</h2>
${
  rows.length === 0
    ? html`<p>${tp(locale, 'today.incidents.none')}</p>`
    : html`<ul class="incidents">${rows.map(
        (i) =>
          html`<li data-incident="${i.reference}"><a href="/admin/incidents?lang=${locale}"><bdi>${i.reference}</bdi></a> — ${ti(locale, `inc.status.${i.status}` as IncidentAdminMessageKey)}<ul>${i.clocks.map((c) => html`<li>${clockLine(locale, c)}</li>`)}</ul></li>`,
      )}</ul>`
}
<p><a href="/admin/incidents?lang=${locale}">${tp(locale, 'today.incidents.open')}</a></p></section>`

const complaintsPanel = (locale: Locale, rows: NonNullable<AdminToday['complaints']>): SafeHtml => {
  const overdue = rows.filter((c) => c.overdue).length
  return html`<section class="panel" aria-labelledby="h-complaints"><h2 id="h-complaints">${tp(locale, 'today.complaints.title')}</h2>
${
  rows.length === 0
    ? html`<p>${tp(locale, 'today.complaints.none')}</p>`
    : html`<p class="summary">${tpIsolated(locale, 'today.complaints.counts', { open: formatNumber(locale, rows.length), overdue: formatNumber(locale, overdue) })}</p>
<ul class="complaints">${rows.map(
        (c) =>
          html`<li data-complaint="${c.reference}"${c.overdue ? html` class="sla-overdue"` : ''}><a href="/admin/complaints?lang=${locale}"><bdi>${c.reference}</bdi></a> — ${
            c.overdue
              ? html`<strong>${tpIsolated(locale, 'today.complaints.overdue', { date: formatDate(locale, c.dueAt) })}</strong>`
              : tpIsolated(locale, 'today.complaints.due', { date: formatDate(locale, c.dueAt) })
          }</li>`,
      )}</ul>`
}
<p><a href="/admin/complaints?lang=${locale}">${tp(locale, 'today.complaints.open')}</a></p></section>`
}

/** The overview: what needs the member today, overdue requests first, one click from each. */
export const renderAdminHome = (view: AdminHomeView): string => {
  const { locale, today } = view
  const requests = today.requests
  return renderAdminPage(view, {
    section: 'home',
    title: ta(locale, 'home.title'),
    body: html`<p class="lead">${ta(locale, 'home.lead')}</p>
<div class="today-grid">
${requests ? requestsPanel(locale, requests) : ''}
${
  requests
    ? listPanel(
        locale,
        'waiting',
        'home.waiting.title',
        'home.waiting.none',
        requests.filter((r) => r.waitingFor !== undefined),
      )
    : ''
}
${
  requests
    ? listPanel(
        locale,
        'failing',
        'home.failing.title',
        'home.failing.none',
        requests.filter((r) => r.failing),
      )
    : ''
}
${today.incidents ? incidentsPanel(locale, today.incidents) : ''}
${today.complaints ? complaintsPanel(locale, today.complaints) : ''}
${today.retention ? retentionPanel(locale, today.retention) : ''}
${today.consent ? consentPanel(locale, today.consent) : ''}
${today.audit ? auditPanel(locale, today.audit) : ''}
</div>
<p class="signed-in">${taIsolated(locale, 'home.signedInAs', { email: view.email, role: roleLabels[locale][view.role] ?? view.role })}</p>`,
  })
}
