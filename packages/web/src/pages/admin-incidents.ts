import { html } from '../html.ts'
import { type IncidentAdminMessageKey, ti } from '../i18n/incident-admin-messages.ts'
import { type AdminFrame, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface IncidentClockView {
  readonly jurisdiction: string
  readonly authority: string
  readonly audience: 'regulator' | 'individuals'
  readonly hours: number | null
  readonly remainingSeconds: number | null
  readonly verified: boolean
  readonly people: number
}

export interface AdminIncidentsView extends AdminFrame {
  readonly incidents: readonly {
    /** With an id, the reference links to the incident's page. */
    readonly id?: string
    readonly reference: string
    readonly status: 'investigating' | 'contained' | 'closed'
    readonly discoveredAt: Date
    readonly summary: string
    readonly people: number
    readonly clocks: readonly IncidentClockView[]
  }[]
}

const clockText = (locale: AdminFrame['locale'], c: IncidentClockView): string => {
  const audience = ti(locale, `inc.clock.${c.audience}` as IncidentAdminMessageKey)
  const state =
    c.remainingSeconds === null
      ? ti(locale, 'inc.clock.none')
      : c.remainingSeconds <= 0
        ? ti(locale, 'inc.clock.expired')
        : ti(locale, 'inc.clock.left', { hours: String(Math.floor(c.remainingSeconds / 360) / 10) })
  return `${c.authority} (${audience}, ${c.hours ?? '—'} h): ${state}${c.verified ? '' : ` — ${ti(locale, 'inc.clock.unverified')}`}`
}

/** /admin/incidents: the register with each incident's countdowns. */
export const renderAdminIncidents = (view: AdminIncidentsView): string => {
  const { locale } = view
  return renderAdminPage(view, {
    section: 'incidents',
    title: ti(locale, 'inc.title'),
    body: html`<p class="lead">${ti(locale, 'inc.lead')}</p>
${
  view.incidents.length === 0
    ? html`<p>${ti(locale, 'inc.none')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${ti(locale, 'inc.reference')}</th><th scope="col">${ti(locale, 'inc.status')}</th><th scope="col">${ti(locale, 'inc.discovered')}</th><th scope="col">${ti(locale, 'inc.summary')}</th><th scope="col">${ti(locale, 'inc.people')}</th><th scope="col">${ti(locale, 'inc.clocks')}</th></tr></thead>
<tbody>${view.incidents.map(
        (i) =>
          html`<tr><td dir="ltr">${i.id ? html`<a href="/admin/incidents/${i.id}?lang=${locale}">${i.reference}</a>` : i.reference}</td><td>${ti(locale, `inc.status.${i.status}` as IncidentAdminMessageKey)}</td><td>${formatDateTime(locale, i.discoveredAt)}</td><td>${i.summary}</td><td>${String(i.people)}</td><td><ul>${i.clocks.map((c) => html`<li>${clockText(locale, c)}</li>`)}</ul></td></tr>`,
      )}</tbody></table></div>`
}`,
  })
}

export interface AdminComplaintsView extends AdminFrame {
  readonly complaints: readonly {
    /** With an id, the reference links to the complaint's page. */
    readonly id?: string
    readonly reference: string
    readonly channel: string
    readonly locale: string
    readonly dueAt: Date
    readonly day: number
    readonly status: string
    readonly overdue: boolean
    readonly assignee: string | null
  }[]
}

/** /admin/complaints: complaints by due date, the overdue ones marked. */
export const renderAdminComplaints = (view: AdminComplaintsView): string => {
  const { locale } = view
  return renderAdminPage(view, {
    section: 'complaints',
    title: ti(locale, 'cmp.title'),
    body: html`<p class="lead">${ti(locale, 'cmp.lead')}</p>
${
  view.complaints.length === 0
    ? html`<p>${ti(locale, 'cmp.none')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${ti(locale, 'cmp.reference')}</th><th scope="col">${ti(locale, 'cmp.channel')}</th><th scope="col">${ti(locale, 'cmp.language')}</th><th scope="col">${ti(locale, 'cmp.due')}</th><th scope="col">${ti(locale, 'cmp.status')}</th><th scope="col">${ti(locale, 'cmp.assignee')}</th></tr></thead>
<tbody>${view.complaints.map(
        (c) =>
          html`<tr><td dir="ltr">${c.id ? html`<a href="/admin/complaints/${c.id}?lang=${locale}">${c.reference}</a>` : c.reference}</td><td>${c.channel}</td><td>${c.locale}</td><td>${formatDateTime(locale, c.dueAt)}</td><td${c.overdue ? html` class="overdue"` : ''}>${
            c.status === 'resolved'
              ? ti(locale, 'cmp.resolved')
              : ti(locale, c.overdue ? 'cmp.overdue' : 'cmp.open', { day: String(c.day) })
          }</td><td>${c.assignee ?? '—'}</td></tr>`,
      )}</tbody></table></div>`
}`,
  })
}
