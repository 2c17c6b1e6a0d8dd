import { html, type SafeHtml } from '../html.ts'
import { type AdminMessageKey, roleLabels, ta, taIsolated } from '../i18n/admin-messages.ts'
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
${today.consent ? consentPanel(locale, today.consent) : ''}
${today.audit ? auditPanel(locale, today.audit) : ''}
</div>
<p class="signed-in">${taIsolated(locale, 'home.signedInAs', { email: view.email, role: roleLabels[locale][view.role] ?? view.role })}</p>`,
  })
}
