import { escapeHtml, html, raw, type SafeHtml } from '../html.ts'
import { formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import {
  type CountedFromView,
  countedFromText,
  fillIn,
  type RequestPageMessageKey,
  trp,
} from '../i18n/request-page-messages.ts'
import { type RequestMessageKey, tr } from '../i18n/requests-messages.ts'
import type { StaffWaitId } from './admin-home.ts'
import { type AdminRequestsFrame, type SlaView, slaText } from './admin-requests.ts'
import { csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'
import type { RequestStatusId, RequestTypeId } from './requests-page.ts'

export type VerificationId =
  | 'email-code'
  | 'sms-code'
  | 'whatsapp-code'
  | 'shop-session'
  | 'proof'
  | 'pending'
export type FoundActionId = 'read' | 'delete' | 'anonymise' | 'held' | 'none' | 'task' | 'file'

/** One system of the shop, in its own terms: which data (the manifest's categories) sits where, and what happens to it. */
export interface FoundSystemView {
  readonly system: string
  readonly rows: readonly {
    readonly table: string
    /** The manifest's category labels for this table, in the reader's language. */
    readonly categories: readonly string[]
    readonly action: FoundActionId
    readonly count: number
    /** For the developer: columns read or rewritten, and the connector's reason. */
    readonly columns: readonly string[]
    readonly reason?: string
    /** Rows of a parent other people refer to too, left unchanged. */
    readonly shared?: number
    /** What legal holds keep here: columns (empty: whole rows), why, until when (absent: no end). */
    readonly held?: readonly {
      readonly columns: readonly string[]
      readonly reason: string
      readonly until?: Date
      /** What the period counts from (rendered through `rp.from.*`). */
      readonly countedFrom?: CountedFromView
    }[]
    /** Columns left as they were, with why (the developer's words) and how many rows. */
    readonly skipped?: readonly { readonly column: string; readonly reason: string; readonly rows: number }[]
  }[]
}

/** One system's part of a request step, as recorded before and after its change (counts, never values). */
export interface SystemRecordView {
  readonly system: string
  readonly step: string
  readonly status: 'running' | 'committing' | 'done' | 'failed' | 'waiting'
  readonly attempts: number
  readonly startedAt: Date
  readonly finishedAt?: Date
  /** Completed by a recovery after a crash between the commit and its record. */
  readonly recovered: boolean
  readonly error?: string
  readonly changes: readonly {
    readonly table: string
    readonly action: string
    readonly rows: number
    readonly held?: readonly {
      readonly columns: readonly string[]
      readonly until: Date | null
      /** What the period counts from (absent on records made before it was kept). */
      readonly countedFrom?: CountedFromView
    }[]
  }[]
}

export interface AdminRequestDetailView extends AdminRequestsFrame {
  readonly request: {
    readonly id: string
    readonly reference: string
    readonly type: RequestTypeId
    readonly status: RequestStatusId
    /** The requester's email and phone; undefined once erased. */
    readonly contact?: string
    readonly requesterKind: 'self' | 'agent' | 'guardian'
    readonly agentName?: string
    readonly verification: VerificationId
    /** The laws applied (their names in the reader's language). */
    readonly laws: readonly string[]
    readonly receivedAt: Date
    readonly dueAt: Date
    readonly extension?: { readonly dueAt: Date; readonly reason: string }
    readonly details?: string
    readonly orderNumber?: string
    readonly lastError?: string
    /** For the developer: the rule that set the deadline and the steps this type runs. */
    readonly deadlineRule: string
  }
  readonly sla: SlaView
  readonly waitingFor?: StaffWaitId
  readonly actions: {
    readonly approve: boolean
    readonly verifyProof: boolean
    readonly deny: boolean
    readonly retry: boolean
    readonly merge: boolean
    /** Latest date an extension may reach; null: the law allows none; undefined: not now. */
    readonly extendUntil?: Date | null
    readonly changes: boolean
  }
  readonly proof?: { readonly name: string; readonly size: number; readonly href: string }
  readonly found?:
    | { readonly ok: true; readonly systems: readonly FoundSystemView[] }
    | { readonly ok: false; readonly problem: string }
  /** Each system's record of the request's steps (dsr_system_step). */
  readonly systems?: readonly SystemRecordView[]
  readonly steps: readonly {
    readonly step: string
    readonly status: string
    readonly attempts: number
    readonly error?: string
  }[]
  readonly tasks: readonly { readonly id: string; readonly title: string; readonly done: boolean }[]
  readonly history: readonly {
    readonly at: Date
    readonly actor: { readonly type: string; readonly id: string; readonly name?: string }
    readonly kind: string
    readonly toStatus?: RequestStatusId
    /** For the developer: the event's details as recorded. */
    readonly details: string
  }[]
  readonly duplicates: readonly {
    readonly id: string
    readonly reference: string
    readonly status: RequestStatusId
  }[]
}

const typeLabel = (locale: Locale, type: RequestTypeId) => tr(locale, `req.type.${type}` as RequestMessageKey)
const statusLabel = (locale: Locale, status: RequestStatusId) =>
  tr(locale, `status.${status}.label` as RequestMessageKey)

/** A catalogue sentence with each value isolated in <bdi> (a date, a reference, a Latin name). */
export const sentence = (text: string, params: Readonly<Record<string, string>>): SafeHtml =>
  raw(
    fillIn(
      escapeHtml(text),
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, `<bdi>${escapeHtml(v)}</bdi>`])),
    ),
  )

const nextStep = (view: AdminRequestDetailView): RequestPageMessageKey => {
  const s = view.request.status
  if (s === 'completed' || s === 'denied' || s === 'merged') return 'rp.next.closed'
  if (view.waitingFor) return `rp.next.${view.waitingFor}`
  return s === 'received' || s === 'verifying' ? 'rp.next.customer' : 'rp.next.amana'
}

const requesterOf = (locale: Locale, r: AdminRequestDetailView['request']): SafeHtml => {
  const kind =
    r.requesterKind === 'agent' && r.agentName
      ? sentence(trp(locale, 'rp.by.agentNamed'), { name: r.agentName })
      : trp(locale, `rp.by.${r.requesterKind}`)
  return html`${r.contact ? html`<bdi>${r.contact}</bdi>` : trp(locale, 'rp.erased')} — ${kind}`
}

const factsPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  const r = view.request
  const dd = (label: RequestPageMessageKey | string, value: string | SafeHtml) =>
    html`<dt>${label.startsWith('rp.') ? trp(locale, label) : label}</dt><dd>${value}</dd>`
  const due = r.extension?.dueAt ?? r.dueAt
  return html`<section class="panel plain" aria-labelledby="h-facts"><h2 id="h-facts" class="visually-hidden">${trp(locale, 'rp.asked')}</h2><dl>
${dd('rp.asked', typeLabel(locale, r.type))}
${dd('rp.by', requesterOf(locale, r))}
${dd('rp.verified', trp(locale, `rp.verified.${r.verification}`))}
${dd('rp.deadline', html`${formatDate(locale, due)} — ${view.sla.kind === 'overdue' ? html`<strong>${slaText(locale, view.sla)}</strong>` : slaText(locale, view.sla)}`)}
${dd('rp.law', r.laws.join(locale === 'ar' ? '، ' : '; '))}
${dd('rp.status', statusLabel(locale, r.status))}
${r.orderNumber ? dd(tr(locale, 'req.orderNumber'), html`<bdi>${r.orderNumber}</bdi>`) : ''}
</dl>
${r.extension ? html`<p class="notice">${tr(locale, 'status.extended', { date: formatDate(locale, r.extension.dueAt), reason: r.extension.reason })}</p>` : ''}
${r.details ? html`<h3>${tr(locale, 'admin.req.details')}</h3><p>${r.details}</p>` : ''}
${view.proof ? html`<p>${tr(locale, 'admin.req.proof')}: <a href="${view.proof.href}"><bdi>${view.proof.name}</bdi></a> (<bdi>${formatNumber(locale, view.proof.size)}</bdi> B)</p>` : ''}
</section>`
}

const closedStatuses: readonly RequestStatusId[] = ['completed', 'denied', 'merged']

/**
 * What running the request would do now. A closed request is not looked up again: what it did is in
 * each system's record and the history, so the panel is left out rather than ask for an identity check.
 */
const foundPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  const found = view.found
  if (!found && closedStatuses.includes(view.request.status)) return html``
  const body = !found
    ? html`<p>${trp(locale, 'rp.found.none')}</p>`
    : !found.ok
      ? html`<p class="error">${trp(locale, 'rp.found.problem')}</p>`
      : html`<p>${trp(locale, 'rp.found.preview')}</p>${found.systems.map(
          (s) =>
            html`<h3><bdi>${s.system}</bdi></h3>${
              s.rows.length === 0
                ? html`<p>${trp(locale, 'rp.found.empty')}</p>`
                : html`<div class="table-scroll"><table><thead><tr><th scope="col">${trp(locale, 'rp.col.data')}</th><th scope="col">${trp(locale, 'rp.col.where')}</th><th scope="col">${trp(locale, 'rp.col.what')}</th><th scope="col">${trp(locale, 'rp.col.count')}</th></tr></thead>
<tbody>${s.rows.map(
                    (row) =>
                      html`<tr><td>${row.categories.length > 0 ? row.categories.map((c, i) => html`${i > 0 ? (locale === 'ar' ? '، ' : ', ') : ''}<bdi>${c}</bdi>`) : trp(locale, 'rp.uncategorised')}</td><td><bdi dir="ltr">${row.table}</bdi></td><td>${trp(locale, `rp.do.${row.action}`)}</td><td>${formatNumber(locale, row.count)}</td></tr>`,
                  )}</tbody></table></div>`
            }`,
        )}`
  const link = found
    ? html`<p><a href="/admin/requests/${view.request.id}/dry-run?lang=${locale}">${trp(locale, 'rp.dry.link')}</a></p>`
    : ''
  return html`<section class="panel" aria-labelledby="h-found"><h2 id="h-found">${trp(locale, 'rp.found')}</h2>${body}${link}</section>`
}

const progressPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  if (view.steps.length === 0) return html``
  return html`<section class="panel" aria-labelledby="h-progress"><h2 id="h-progress">${trp(locale, 'rp.progress')}</h2><ol>${view.steps.map(
    (s) =>
      html`<li>${trp(locale, `rp.step.${s.step}`, 'rp.event.other')} — ${trp(locale, `rp.stepState.${s.status}`, 'rp.stepState.pending')}</li>`,
  )}</ol>${view.request.lastError ? html`<p class="error" role="alert">${trp(locale, 'rp.failure')}</p>` : ''}</section>`
}

const list = (locale: Locale, items: readonly string[]) => items.join(locale === 'ar' ? '، ' : ', ')

const changeLine = (locale: Locale, c: SystemRecordView['changes'][number]): SafeHtml => {
  const key = ['delete', 'anonymise', 'held', 'none'].includes(c.action)
    ? `rp.sys.change.${c.action}`
    : 'rp.sys.change.other'
  const kept = (c.held ?? []).map((h) => {
    const columns = h.columns.length > 0 ? list(locale, h.columns) : trp(locale, 'rp.sys.wholeRows')
    const kept = h.until
      ? sentence(trp(locale, 'rp.sys.keptUntil'), { date: formatDate(locale, h.until), columns })
      : sentence(trp(locale, 'rp.sys.keptOpen'), { columns })
    if (!h.countedFrom) return kept
    return html`${kept} (${sentence(trp(locale, 'rp.sys.countedFrom'), { from: countedFromText(locale, h.countedFrom) })})`
  })
  return html`<li>${sentence(trp(locale, key), { table: c.table, count: formatNumber(locale, c.rows) })}${
    kept.length > 0 ? html`<ul>${kept.map((k) => html`<li>${k}</li>`)}</ul>` : ''
  }</li>`
}

/** Each system's record in plain words: its state and when, attempts, what it changed and what a hold kept. */
const systemsPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  const systems = view.systems ?? []
  if (systems.length === 0) return html``
  return html`<section class="panel" aria-labelledby="h-systems"><h2 id="h-systems">${trp(locale, 'rp.sys')}</h2><p>${trp(locale, 'rp.sys.intro')}</p>${systems.map(
    (s) =>
      html`<article class="system-record" data-system="${s.system}" data-status="${s.status}"><h3><bdi>${s.system}</bdi> — ${trp(locale, `rp.step.${s.step}`, 'rp.event.other')}</h3>
<p>${sentence(trp(locale, `rp.sys.state.${s.status}`, 'rp.sys.state.running'), { date: formatDateTime(locale, s.finishedAt ?? s.startedAt) })} ${sentence(trp(locale, 'rp.sys.attempts'), { count: formatNumber(locale, s.attempts) })}</p>
${s.recovered ? html`<p class="notice">${trp(locale, 'rp.sys.recovered')}</p>` : ''}
${s.changes.length > 0 ? html`<ul>${s.changes.map((c) => changeLine(locale, c))}</ul>` : html`<p>${trp(locale, s.status === 'done' ? 'rp.sys.nothingDone' : 'rp.sys.nothing')}</p>`}</article>`,
  )}</section>`
}

/** Who acted; in demo mode the autopilot is named as such, not as Amana, since it stands in for staff. */
const actorOf = (locale: Locale, actor: AdminRequestDetailView['history'][number]['actor']): SafeHtml =>
  actor.type === 'staff'
    ? html`${trp(locale, 'rp.actor.staff')}${actor.name ? html` <bdi>${actor.name}</bdi>` : ''}`
    : actor.type === 'system' && actor.id === 'demo-autopilot'
      ? html`${trp(locale, 'rp.actor.demo-autopilot')}`
      : html`${trp(locale, `rp.actor.${actor.type}`, 'rp.actor.system')}`

const historyPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  return html`<section class="panel" aria-labelledby="h-history"><h2 id="h-history">${trp(locale, 'rp.history')}</h2><ol>${view.history.map(
    (h) =>
      html`<li><time datetime="${h.at.toISOString()}">${formatDateTime(locale, h.at)}</time> — ${actorOf(locale, h.actor)}: ${trp(locale, `rp.event.${h.kind}`)}${h.toStatus ? html` (${statusLabel(locale, h.toStatus)})` : ''}</li>`,
  )}</ol></section>`
}

const technicalDetail = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  const r = view.request
  const found = view.found
  return html`<details class="technical"><summary>${trp(locale, 'rp.technical')}</summary><div dir="ltr" lang="en">
<h3>${trp(locale, 'rp.tech.deadline')}</h3><p><code>${r.deadlineRule}</code></p>
${r.lastError ? html`<h3>${trp(locale, 'rp.tech.error')}</h3><pre>${r.lastError}</pre>` : ''}
${found && !found.ok ? html`<pre>${found.problem}</pre>` : ''}
${
  view.steps.length > 0
    ? html`<h3>${trp(locale, 'rp.tech.steps')}</h3><ol>${view.steps.map((s) => html`<li><code>${s.step}</code>: ${s.status} (${s.attempts})${s.error ? html` — ${s.error}` : ''}</li>`)}</ol>`
    : ''
}
${
  (view.systems ?? []).some((s) => s.error)
    ? html`<ul>${(view.systems ?? []).flatMap((s) => (s.error ? [html`<li><code>${s.step}/${s.system}</code>: ${s.error}</li>`] : []))}</ul>`
    : ''
}
${
  found?.ok
    ? html`<h3>${trp(locale, 'rp.tech.plan')}</h3><ul>${found.systems.flatMap((s) => s.rows.map((row) => html`<li><code>${s.system}.${row.table}</code> ${row.action}${row.reason ? ` (${row.reason})` : ''}: ${row.columns.join(', ')}</li>`))}</ul>`
    : ''
}
<h3>${trp(locale, 'rp.tech.events')}</h3><ol>${view.history.map((h) => html`<li><code>${h.actor.type}:${h.actor.id} ${h.kind}</code> ${h.details}</li>`)}</ol>
</div></details>`
}

const actionsPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  const base = `/admin/requests/${view.request.id}`
  const csrf = csrfField(view.csrfToken)
  const a = view.actions
  const reasonField = (id: string) =>
    html`<div><label for="${id}">${tr(locale, 'admin.req.reason')}</label><textarea id="${id}" name="reason" rows="2" required minlength="5"></textarea></div>`
  return html`<section class="panel" aria-labelledby="h-act"><h2 id="h-act">${tr(locale, 'admin.req.approve')}</h2>
${a.retry ? html`<form method="post" action="${base}/retry?lang=${locale}">${csrf}<button type="submit">${tr(locale, 'admin.req.retry')}</button></form>` : ''}
${a.verifyProof ? html`<form method="post" action="${base}/verify-proof?lang=${locale}">${csrf}<button type="submit">${tr(locale, 'admin.req.verifyProof')}</button></form>` : ''}
${
  a.approve
    ? html`<form method="post" action="${base}/approve?lang=${locale}">${csrf}${
        a.changes
          ? html`<div><label for="f-changes">${tr(locale, 'admin.req.changes')}</label><textarea id="f-changes" name="changes" rows="4" dir="ltr"></textarea></div>`
          : ''
      }<button type="submit">${tr(locale, 'admin.req.approve')}</button></form>`
    : ''
}
${a.deny ? html`<form method="post" action="${base}/deny?lang=${locale}">${csrf}${reasonField('f-deny')}<button type="submit" class="secondary">${tr(locale, 'admin.req.deny')}</button></form>` : ''}
${
  a.extendUntil === null
    ? html`<p>${tr(locale, 'admin.req.extend.none')}</p>`
    : a.extendUntil
      ? html`<form method="post" action="${base}/extend?lang=${locale}">${csrf}<p>${tr(locale, 'admin.req.extend.until', { date: formatDate(locale, a.extendUntil) })}</p>${reasonField('f-extend')}<button type="submit">${tr(locale, 'admin.req.extend')}</button></form>`
      : ''
}
${
  a.merge
    ? html`<form method="post" action="${base}/merge?lang=${locale}">${csrf}<div><label for="f-merge">${tr(locale, 'admin.req.merge.target')}</label><input id="f-merge" name="into" dir="ltr" required pattern="DSR-[0-9A-Z]{4}-[0-9A-Z]{4}"></div><button type="submit" class="secondary">${tr(locale, 'admin.req.merge')}</button></form>`
    : ''
}
<form method="post" action="${base}/notes?lang=${locale}">${csrf}<div><label for="f-note">${tr(locale, 'admin.req.note.text')}</label><textarea id="f-note" name="note" rows="2" required></textarea></div><button type="submit" class="secondary">${tr(locale, 'admin.req.note')}</button></form>
</section>`
}

const tasksPanel = (view: AdminRequestDetailView): SafeHtml => {
  const { locale } = view
  if (view.tasks.length === 0) return html``
  const base = `/admin/requests/${view.request.id}`
  return html`<section class="panel" aria-labelledby="h-tasks"><h2 id="h-tasks">${tr(locale, 'admin.req.tasks')}</h2><ul>${view.tasks.map(
    (t) =>
      html`<li>${t.title}${
        t.done
          ? html` ✓`
          : view.canManage
            ? html`<form method="post" action="${base}/tasks/${t.id}?lang=${locale}">${csrfField(view.csrfToken)}<label for="ev-${t.id}">${tr(locale, 'admin.req.task.evidence')}</label><input id="ev-${t.id}" name="evidence" required minlength="3"><button type="submit">${tr(locale, 'admin.req.task.done')}</button></form>`
            : ''
      }</li>`,
  )}</ul></section>`
}

/** One request in plain words: what was asked, by whom, how identity was checked, the deadline, who acts next, what Amana found per system; the raw detail folded away. */
export const renderAdminRequestDetail = (view: AdminRequestDetailView): string => {
  const { locale } = view
  const r = view.request
  return renderAdminPage(view, {
    section: 'requests',
    title: tr(locale, 'admin.req.detail', { reference: r.reference }),
    heading: sentence(tr(locale, 'admin.req.detail'), { reference: r.reference }),
    path: `/admin/requests/${r.id}`,
    body: html`<p><a href="/admin/requests?lang=${locale}">${tr(locale, 'admin.req.back')}</a></p>
<p class="lead">${sentence(trp(locale, 'rp.summary'), { date: formatDate(locale, r.receivedAt), what: typeLabel(locale, r.type) })}</p>
<section class="panel next" aria-labelledby="h-next"><h2 id="h-next">${trp(locale, 'rp.next')}</h2><p data-next="${view.waitingFor ?? ''}"><strong>${trp(locale, nextStep(view))}</strong></p></section>
${factsPanel(view)}
${tasksPanel(view)}
${view.canManage ? actionsPanel(view) : ''}
${foundPanel(view)}
${progressPanel(view)}
${systemsPanel(view)}
${
  view.duplicates.length > 0
    ? html`<section class="panel" aria-labelledby="h-dup"><h2 id="h-dup">${tr(locale, 'admin.req.duplicates')}</h2><ul>${view.duplicates.map(
        (d) =>
          html`<li><a href="/admin/requests/${d.id}?lang=${locale}"><bdi>${d.reference}</bdi></a> — ${statusLabel(locale, d.status)}</li>`,
      )}</ul></section>`
    : ''
}
${historyPanel(view)}
${technicalDetail(view)}`,
  })
}
