import { html } from '../html.ts'
import { type IncidentAdminMessageKey, ti } from '../i18n/incident-admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import type { IncidentClockView } from './admin-incidents.ts'
import { type AdminFrame, csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface IncidentDetailView extends AdminFrame {
  readonly id: string
  readonly reference: string
  readonly status: 'investigating' | 'contained' | 'closed'
  readonly discoveredAt: Date
  readonly summary: string
  readonly systems: readonly string[]
  readonly categories: readonly string[]
  readonly team: readonly string[]
  readonly experts: readonly string[]
  readonly clocks: readonly (IncidentClockView & { readonly dueAt: Date | null })[]
  readonly risk: {
    readonly likelyHighRisk: boolean
    readonly reasons: readonly { readonly weight: 'raises' | 'lowers'; readonly text: string }[]
  }
  /** Each scope group's reasoning, in the staff member's language. */
  readonly groups: readonly string[]
  /** Named systems Amana cannot read (webhook, manual, files): each a task to check by hand, with whom to ask. */
  readonly handChecks?: readonly string[]
  readonly people: readonly {
    readonly ref: string
    readonly jurisdiction: string
    readonly locale: string | null
    readonly placedGuess: boolean
    readonly placedText: string
    readonly localeGuess: boolean
    readonly localeText: string
    readonly notice: string | null
  }[]
  readonly timeline: readonly {
    readonly at: Date
    readonly actor: string
    readonly kind: string
    readonly note: string
  }[]
  readonly reports: readonly { readonly jurisdiction: string; readonly authority: string }[]
  readonly canManage: boolean
}

/** "5 h 12 min left", "expired" or "no deadline set": the countdown at the moment the page was drawn. */
const countdown = (locale: Locale, seconds: number | null): string =>
  seconds === null
    ? ti(locale, 'inc.clock.none')
    : seconds <= 0
      ? ti(locale, 'inc.clock.expired')
      : ti(locale, 'incd.left', {
          hours: String(Math.floor(seconds / 3600)),
          minutes: String(Math.floor((seconds % 3600) / 60)),
        })

const guessMark = (locale: Locale, guess: boolean, text: string) =>
  guess ? html`<strong>${ti(locale, 'incd.guess')}</strong> — ${text}` : html`${text}`

/** /admin/incidents/:id: clocks as countdowns, risk, scope with its reasoning, notices review and send, timeline, reports. */
export const renderAdminIncidentDetail = (view: IncidentDetailView): string => {
  const { locale } = view
  const base = `/admin/incidents/${view.id}`
  const csrf = csrfField(view.csrfToken)
  const list = (items: readonly string[]) =>
    items.length === 0 ? '—' : html`${items.map((x, i) => html`${i > 0 ? ', ' : ''}<bdi>${x}</bdi>`)}`
  const textarea = (id: string, name: string, key: IncidentAdminMessageKey, dir: 'ltr' | 'rtl') =>
    html`<div><label for="${id}">${ti(locale, key)}</label><textarea id="${id}" name="${name}" rows="3" dir="${dir}"></textarea></div>`
  return renderAdminPage(view, {
    section: 'incidents',
    title: `${ti(locale, 'inc.title')} — ${view.reference}`,
    heading: html`<bdi dir="ltr">${view.reference}</bdi>`,
    body: html`<dl class="facts">
<dt>${ti(locale, 'inc.status')}</dt><dd>${ti(locale, `inc.status.${view.status}` as IncidentAdminMessageKey)}</dd>
<dt>${ti(locale, 'inc.discovered')}</dt><dd><time datetime="${view.discoveredAt.toISOString()}">${formatDateTime(locale, view.discoveredAt)}</time></dd>
<dt>${ti(locale, 'inc.summary')}</dt><dd>${view.summary}</dd>
<dt>${ti(locale, 'incd.systems')}</dt><dd>${list(view.systems)}</dd>
<dt>${ti(locale, 'incd.categories')}</dt><dd>${list(view.categories)}</dd>
<dt>${ti(locale, 'incd.team')}</dt><dd>${list(view.team)}</dd>
<dt>${ti(locale, 'incd.experts')}</dt><dd>${list(view.experts)}</dd>
</dl>
<h2>${ti(locale, 'incd.clocks')}</h2>
<ul class="clocks">${view.clocks.map(
      (c) =>
        html`<li>${c.authority} (${ti(locale, `inc.clock.${c.audience}` as IncidentAdminMessageKey)}, ${c.hours === null ? '—' : String(c.hours)} h, ${String(c.people)}): <strong>${countdown(locale, c.remainingSeconds)}</strong>${
          c.dueAt
            ? html` — <time datetime="${c.dueAt.toISOString()}">${ti(locale, 'incd.due', { date: formatDateTime(locale, c.dueAt) })}</time>`
            : ''
        }${c.verified ? '' : html` — ${ti(locale, 'inc.clock.unverified')}`}</li>`,
    )}</ul>
<h2>${ti(locale, 'incd.risk')}</h2>
<p>${ti(locale, view.risk.likelyHighRisk ? 'incd.risk.high' : 'incd.risk.low')}</p>
<ul>${view.risk.reasons.map((r) => html`<li>${ti(locale, r.weight === 'raises' ? 'incd.raises' : 'incd.lowers')}: ${r.text}</li>`)}</ul>
<h2>${ti(locale, 'incd.scope')}</h2>
${
  view.groups.length === 0
    ? html`<p>${ti(locale, 'incd.scope.none', { id: view.id })}</p>`
    : html`<ul>${view.groups.map((g) => html`<li>${g}</li>`)}</ul>`
}
${
  view.handChecks?.length
    ? html`<h3>${ti(locale, 'incd.handChecks')}</h3><ul>${view.handChecks.map((t) => html`<li>${t}</li>`)}</ul>`
    : ''
}
<h2>${ti(locale, 'incd.people')}</h2>
${
  view.people.length === 0
    ? ''
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${ti(locale, 'incd.person')}</th><th scope="col">${ti(locale, 'incd.jurisdiction')}</th><th scope="col">${ti(locale, 'incd.language')}</th><th scope="col">${ti(locale, 'incd.notice')}</th></tr></thead>
<tbody>${view.people.map(
        (p) =>
          html`<tr><td><bdi dir="ltr">${p.ref}</bdi></td><td><bdi>${p.jurisdiction}</bdi> — ${guessMark(locale, p.placedGuess, p.placedText)}</td><td><bdi>${p.locale ?? '—'}</bdi> — ${guessMark(locale, p.localeGuess, p.localeText)}</td><td>${p.notice ?? ti(locale, 'incd.notice.none')}</td></tr>`,
      )}</tbody></table></div>`
}
${
  view.canManage && view.people.length > 0
    ? html`<h2>${ti(locale, 'incd.send')}</h2><p>${ti(locale, 'incd.send.lead')}</p>
<form method="post" action="${base}/notices?lang=${locale}">${csrf}${textarea('f-what-en', 'whatHappenedEn', 'incd.whatHappened.en', 'ltr')}${textarea('f-what-ar', 'whatHappenedAr', 'incd.whatHappened.ar', 'rtl')}${textarea('f-doing-en', 'whatWeAreDoingEn', 'incd.doing.en', 'ltr')}${textarea('f-doing-ar', 'whatWeAreDoingAr', 'incd.doing.ar', 'rtl')}<button type="submit">${ti(locale, 'incd.send')}</button></form>`
    : ''
}
<h2>${ti(locale, 'incd.reports')}</h2>
<ul>${view.reports.map(
      (r) =>
        html`<li>${r.authority} (<bdi>${r.jurisdiction}</bdi>): <a href="/v1/incidents/${view.id}/reports/${r.jurisdiction}?format=html&amp;lang=en">${ti(locale, 'incd.report.html', { lang: 'English' })}</a>, <a href="/v1/incidents/${view.id}/reports/${r.jurisdiction}?format=html&amp;lang=ar">${ti(locale, 'incd.report.html', { lang: 'العربية' })}</a>, <a href="/v1/incidents/${view.id}/reports/${r.jurisdiction}?format=pdf&amp;lang=en">${ti(locale, 'incd.report.pdf', { lang: 'English' })}</a>, <a href="/v1/incidents/${view.id}/reports/${r.jurisdiction}?format=pdf&amp;lang=ar">${ti(locale, 'incd.report.pdf', { lang: 'العربية' })}</a>, <a href="/v1/incidents/${view.id}/reports/${r.jurisdiction}?lang=${locale}">${ti(locale, 'incd.report.json')}</a></li>`,
    )}</ul>
<h2>${ti(locale, 'incd.timeline')}</h2>
<ol>${view.timeline.map(
      (e) =>
        html`<li><time datetime="${e.at.toISOString()}">${formatDateTime(locale, e.at)}</time> — <bdi dir="ltr">${e.actor}</bdi>: ${e.note}</li>`,
    )}</ol>
${
  view.canManage
    ? html`<form method="post" action="${base}/actions?lang=${locale}">${csrf}<div><label for="f-action">${ti(locale, 'incd.action.text')}</label><textarea id="f-action" name="note" rows="2" required></textarea></div><button type="submit" class="secondary">${ti(locale, 'incd.action')}</button></form>`
    : ''
}`,
  })
}

export interface ComplaintDetailView extends AdminFrame {
  readonly id: string
  readonly reference: string
  readonly channel: string
  readonly complaintLocale: string
  readonly status: string
  readonly overdue: boolean
  readonly day: number
  readonly receivedAt: Date
  readonly dueAt: Date
  readonly acknowledgedAt: Date | null
  readonly assignee: string | null
  readonly summary: string
  readonly email: string | null
  readonly resolution: string | null
  /** The routes beyond the shop, in the complainant's language (as their acknowledgement said). */
  readonly escalation: readonly string[]
  readonly timeline: readonly { readonly at: Date; readonly actor: string; readonly note: string }[]
  readonly canManage: boolean
}

/** /admin/complaints/:id: the complaint (an audited read), its clock, escalation routes; assign, note, resolve. */
export const renderAdminComplaintDetail = (view: ComplaintDetailView): string => {
  const { locale } = view
  const base = `/admin/complaints/${view.id}`
  const csrf = csrfField(view.csrfToken)
  const theirs = view.complaintLocale === 'ar' ? 'ar' : 'en'
  return renderAdminPage(view, {
    section: 'complaints',
    title: `${ti(locale, 'cmp.title')} — ${view.reference}`,
    heading: html`<bdi dir="ltr">${view.reference}</bdi>`,
    body: html`<dl class="facts">
<dt>${ti(locale, 'cmp.channel')}</dt><dd>${view.channel}</dd>
<dt>${ti(locale, 'cmp.language')}</dt><dd>${view.complaintLocale}</dd>
<dt>${ti(locale, 'cmpd.received')}</dt><dd><time datetime="${view.receivedAt.toISOString()}">${formatDateTime(locale, view.receivedAt)}</time></dd>
<dt>${ti(locale, 'cmpd.acknowledged')}</dt><dd>${view.acknowledgedAt ? html`<time datetime="${view.acknowledgedAt.toISOString()}">${formatDateTime(locale, view.acknowledgedAt)}</time>` : ti(locale, 'cmpd.notAcknowledged')}</dd>
<dt>${ti(locale, 'cmp.due')}</dt><dd><time datetime="${view.dueAt.toISOString()}">${formatDateTime(locale, view.dueAt)}</time></dd>
<dt>${ti(locale, 'cmp.status')}</dt><dd${view.overdue ? html` class="overdue"` : ''}>${
      view.status === 'resolved'
        ? ti(locale, 'cmp.resolved')
        : ti(locale, view.overdue ? 'cmp.overdue' : 'cmp.open', { day: String(view.day) })
    }</dd>
<dt>${ti(locale, 'cmp.assignee')}</dt><dd>${view.assignee ?? '—'}</dd>
<dt>${ti(locale, 'cmpd.email')}</dt><dd><bdi dir="ltr">${view.email ?? '—'}</bdi></dd>
</dl>
<h2>${ti(locale, 'cmpd.text')}</h2>
<p dir="auto">${view.summary}</p>
${view.resolution ? html`<h2>${ti(locale, 'cmpd.resolution.done')}</h2><p dir="auto">${view.resolution}</p>` : ''}
<h2>${ti(locale, 'cmpd.escalation', { lang: theirs === 'ar' ? 'العربية' : 'English' })}</h2>
<ul lang="${theirs}" dir="${theirs === 'ar' ? 'rtl' : 'ltr'}">${view.escalation.map((r) => html`<li>${r}</li>`)}</ul>
<h2>${ti(locale, 'cmpd.timeline')}</h2>
<ol>${view.timeline.map(
      (e) =>
        html`<li><time datetime="${e.at.toISOString()}">${formatDateTime(locale, e.at)}</time> — <bdi dir="ltr">${e.actor}</bdi>: ${e.note}</li>`,
    )}</ol>
${
  view.canManage
    ? html`<h2>${ti(locale, 'cmpd.assign')}</h2>
<form method="post" action="${base}/assign?lang=${locale}">${csrf}<div><label for="f-assignee">${ti(locale, 'cmpd.assignee')}</label><input id="f-assignee" name="assignee" required maxlength="200"></div><button type="submit">${ti(locale, 'cmpd.assign')}</button></form>
<h2>${ti(locale, 'cmpd.note')}</h2>
<form method="post" action="${base}/notes?lang=${locale}">${csrf}<div><label for="f-note">${ti(locale, 'cmpd.note.text')}</label><textarea id="f-note" name="note" rows="2" required></textarea></div><button type="submit" class="secondary">${ti(locale, 'cmpd.note')}</button></form>
${
  view.status === 'resolved'
    ? ''
    : html`<h2>${ti(locale, 'cmpd.resolve')}</h2>
<form method="post" action="${base}/resolve?lang=${locale}">${csrf}<div><label for="f-resolution">${ti(locale, 'cmpd.resolution')}</label><textarea id="f-resolution" name="resolution" rows="3" required></textarea></div><button type="submit">${ti(locale, 'cmpd.resolve')}</button></form>`
}`
    : ''
}`,
  })
}
