import { html, type SafeHtml } from '../html.ts'
import { formatDate, type Locale } from '../i18n/locale.ts'
import { type RequestMessageKey, tr } from '../i18n/requests-messages.ts'
import { type AdminFrame, csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'
import type { RequestStatusId, RequestTypeId } from './requests-page.ts'

export type SlaView = { readonly kind: 'on-time' | 'due-soon' | 'overdue' | 'closed'; readonly days: number }

export interface AdminRequestsFrame extends AdminFrame {
  /** The member may approve, deny, extend, merge and note (requests:manage). */
  readonly canManage: boolean
}

export interface AdminRequestsQueueView extends AdminRequestsFrame {
  readonly filters: { readonly status?: string; readonly type?: string; readonly overdue?: boolean }
  readonly statuses: readonly RequestStatusId[]
  readonly types: readonly RequestTypeId[]
  readonly rows: readonly {
    readonly id: string
    readonly reference: string
    readonly type: RequestTypeId
    readonly status: RequestStatusId
    readonly receivedAt: Date
    readonly dueAt: Date
    readonly sla: SlaView
    readonly extended: boolean
    readonly failing: boolean
  }[]
}

const typeLabel = (locale: Locale, type: RequestTypeId) => tr(locale, `req.type.${type}` as RequestMessageKey)
const statusLabel = (locale: Locale, status: RequestStatusId) =>
  tr(locale, `status.${status}.label` as RequestMessageKey)

export const slaText = (locale: Locale, sla: SlaView): string =>
  sla.kind === 'closed'
    ? tr(locale, 'admin.req.sla.closed')
    : sla.kind === 'overdue'
      ? tr(locale, 'admin.req.sla.overdue', { days: sla.days })
      : sla.kind === 'due-soon'
        ? tr(locale, 'admin.req.sla.soon', { days: sla.days })
        : tr(locale, 'admin.req.sla.left', { days: sla.days })

const frame = (
  view: AdminRequestsFrame,
  title: string,
  path: string,
  body: SafeHtml,
  query?: Record<string, string>,
) =>
  renderAdminPage(view, {
    section: 'requests',
    title,
    ...(path === '/admin/requests' ? {} : { path }),
    ...(query ? { query } : {}),
    body,
  })

/** The queue: filters, SLA countdown, overdue requests first and marked. */
export const renderAdminRequestsQueue = (view: AdminRequestsQueueView): string => {
  const { locale } = view
  const select = (
    name: string,
    label: string,
    options: readonly { value: string; label: string }[],
    current: string | undefined,
  ) =>
    html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">${tr(locale, 'admin.req.filter.all')}</option>${options.map(
      (o) =>
        html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`,
    )}</select></div>`
  return frame(
    view,
    tr(locale, 'admin.req.title'),
    '/admin/requests',
    html`<form class="filters" method="get" action="/admin/requests">
<input type="hidden" name="lang" value="${locale}">
${select(
  'status',
  tr(locale, 'admin.req.filter.status'),
  view.statuses.map((s) => ({ value: s, label: statusLabel(locale, s) })),
  view.filters.status,
)}
${select(
  'type',
  tr(locale, 'admin.req.filter.type'),
  view.types.map((t) => ({ value: t, label: typeLabel(locale, t) })),
  view.filters.type,
)}
<div class="check"><input type="checkbox" id="f-overdue" name="overdue" value="1"${view.filters.overdue ? html` checked` : ''}><label for="f-overdue">${tr(locale, 'admin.req.filter.overdue')}</label></div>
<button type="submit">${tr(locale, 'admin.req.filter.apply')}</button>
</form>
${
  view.rows.length === 0
    ? html`<p>${tr(locale, 'admin.req.empty')}</p>`
    : html`<div class="table-scroll"><table>
<thead><tr><th scope="col">${tr(locale, 'admin.req.col.reference')}</th><th scope="col">${tr(locale, 'admin.req.col.type')}</th><th scope="col">${tr(locale, 'admin.req.col.status')}</th><th scope="col">${tr(locale, 'admin.req.col.received')}</th><th scope="col">${tr(locale, 'admin.req.col.due')}</th><th scope="col">${tr(locale, 'admin.req.col.sla')}</th></tr></thead>
<tbody>${view.rows.map(
        (r) =>
          html`<tr class="sla-${r.sla.kind}"><td><a href="/admin/requests/${r.id}?lang=${locale}" dir="ltr">${r.reference}</a></td><td>${typeLabel(locale, r.type)}</td><td>${statusLabel(locale, r.status)}${r.extended ? html` (${tr(locale, 'admin.req.extendedFlag')})` : ''}${r.failing ? html` <strong class="error">!</strong>` : ''}</td><td>${formatDate(locale, r.receivedAt)}</td><td>${formatDate(locale, r.dueAt)}</td><td>${r.sla.kind === 'overdue' ? html`<strong>${slaText(locale, r.sla)}</strong>` : slaText(locale, r.sla)}</td></tr>`,
      )}</tbody></table></div>`
}`,
    {
      ...(view.filters.status ? { status: view.filters.status } : {}),
      ...(view.filters.type ? { type: view.filters.type } : {}),
    },
  )
}

export interface AdminRequestDetailView extends AdminRequestsFrame {
  readonly request: {
    readonly id: string
    readonly reference: string
    readonly type: RequestTypeId
    readonly status: RequestStatusId
    readonly requester: string
    readonly requesterKind: 'self' | 'agent' | 'guardian'
    readonly agentName?: string
    readonly verification: string
    readonly jurisdiction: string
    readonly deadlineSource: string
    readonly receivedAt: Date
    readonly dueAt: Date
    readonly extension?: { readonly dueAt: Date; readonly reason: string }
    readonly details?: string
    readonly orderNumber?: string
    readonly lastError?: string
  }
  readonly sla: SlaView
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
  readonly plan?:
    | {
        readonly ok: true
        readonly rows: readonly {
          readonly where: string
          readonly action: string
          readonly rows: number
          readonly columns: readonly string[]
        }[]
      }
    | { readonly ok: false; readonly problem: string }
  readonly steps: readonly {
    readonly step: string
    readonly status: string
    readonly attempts: number
    readonly error?: string
  }[]
  readonly tasks: readonly { readonly id: string; readonly title: string; readonly done: boolean }[]
  readonly history: readonly { readonly at: Date; readonly actor: string; readonly what: string }[]
  readonly duplicates: readonly {
    readonly id: string
    readonly reference: string
    readonly status: RequestStatusId
  }[]
}

/** One request: who, which law and clock, the dry-run plan, the steps, tasks, history and the staff's actions. */
export const renderAdminRequestDetail = (view: AdminRequestDetailView): string => {
  const { locale } = view
  const r = view.request
  const base = `/admin/requests/${r.id}`
  const csrf = csrfField(view.csrfToken)
  const reasonField = (id: string) =>
    html`<div><label for="${id}">${tr(locale, 'admin.req.reason')}</label><textarea id="${id}" name="reason" rows="2" required minlength="5"></textarea></div>`
  const dd = (label: string, value: string | SafeHtml) => html`<dt>${label}</dt><dd>${value}</dd>`
  const a = view.actions
  const manage = view.canManage
  return frame(
    view,
    tr(locale, 'admin.req.detail', { reference: r.reference }),
    base,
    html`<p><a href="/admin/requests?lang=${locale}">${tr(locale, 'admin.req.back')}</a></p>
<dl class="contacts">
${dd(tr(locale, 'admin.req.col.type'), typeLabel(locale, r.type))}
${dd(tr(locale, 'admin.req.col.status'), html`<strong>${statusLabel(locale, r.status)}</strong>`)}
${dd(tr(locale, 'admin.req.requester'), html`<span dir="ltr">${r.requester}</span>${r.requesterKind !== 'self' ? html` — ${tr(locale, `req.requester.${r.requesterKind}`)}${r.agentName ? html`: ${r.agentName}` : ''}` : ''}`)}
${dd(tr(locale, 'admin.req.verification'), r.verification)}
${dd(tr(locale, 'admin.req.jurisdiction'), r.jurisdiction)}
${dd(tr(locale, 'admin.req.col.received'), formatDateTime(locale, r.receivedAt))}
${dd(tr(locale, 'admin.req.col.due'), html`${formatDate(locale, r.extension?.dueAt ?? r.dueAt)} — ${slaText(locale, view.sla)}`)}
${dd(tr(locale, 'admin.req.deadlineSource'), r.deadlineSource)}
${r.orderNumber ? dd(tr(locale, 'req.orderNumber'), html`<span dir="ltr">${r.orderNumber}</span>`) : ''}
</dl>
${r.extension ? html`<p class="notice">${tr(locale, 'status.extended', { date: formatDate(locale, r.extension.dueAt), reason: r.extension.reason })}</p>` : ''}
${r.details ? html`<section class="panel"><h2>${tr(locale, 'admin.req.details')}</h2><p>${r.details}</p></section>` : ''}
${view.proof ? html`<p>${tr(locale, 'admin.req.proof')}: <a href="${view.proof.href}">${view.proof.name}</a> (${view.proof.size} B)</p>` : ''}
${
  r.lastError
    ? html`<section class="panel"><h2>${tr(locale, 'admin.req.error')}</h2><p class="error" role="alert">${r.lastError}</p>
${manage && a.retry ? html`<form method="post" action="${base}/retry?lang=${locale}">${csrf}<button type="submit">${tr(locale, 'admin.req.retry')}</button></form>` : ''}</section>`
    : ''
}
<section class="panel"><h2>${tr(locale, 'admin.req.plan')}</h2>
${
  !view.plan
    ? html`<p>${tr(locale, 'admin.req.plan.none')}</p>`
    : !view.plan.ok
      ? html`<p class="error">${view.plan.problem}</p>`
      : html`<table><thead><tr><th scope="col">${tr(locale, 'admin.req.plan.table')}</th><th scope="col">${tr(locale, 'admin.req.plan.action')}</th><th scope="col">${tr(locale, 'admin.req.plan.rows')}</th><th scope="col">${tr(locale, 'admin.req.plan.columns')}</th></tr></thead>
<tbody>${view.plan.rows.map((p) => html`<tr><td dir="ltr">${p.where}</td><td>${p.action}</td><td>${p.rows}</td><td dir="ltr">${p.columns.join(', ')}</td></tr>`)}</tbody></table>`
}</section>
${
  view.steps.length > 0
    ? html`<section class="panel"><h2>${tr(locale, 'admin.req.steps')}</h2><ol>${view.steps.map(
        (s) =>
          html`<li><span dir="ltr">${s.step}</span>: ${s.status} (${s.attempts})${s.error ? html` — <span class="error">${s.error}</span>` : ''}</li>`,
      )}</ol></section>`
    : ''
}
${
  view.tasks.length > 0
    ? html`<section class="panel"><h2>${tr(locale, 'admin.req.tasks')}</h2><ul>${view.tasks.map(
        (t) =>
          html`<li>${t.title}${
            t.done
              ? html` ✓`
              : manage
                ? html`<form method="post" action="${base}/tasks/${t.id}?lang=${locale}">${csrf}<label for="ev-${t.id}">${tr(locale, 'admin.req.task.evidence')}</label><input id="ev-${t.id}" name="evidence" required minlength="3"><button type="submit">${tr(locale, 'admin.req.task.done')}</button></form>`
                : ''
          }</li>`,
      )}</ul></section>`
    : ''
}
${
  manage
    ? html`<section class="panel"><h2>${tr(locale, 'admin.req.approve')}</h2>
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
    : ''
}
${
  view.duplicates.length > 0
    ? html`<section class="panel"><h2>${tr(locale, 'admin.req.duplicates')}</h2><ul>${view.duplicates.map(
        (d) =>
          html`<li><a href="/admin/requests/${d.id}?lang=${locale}" dir="ltr">${d.reference}</a> — ${statusLabel(locale, d.status)}</li>`,
      )}</ul></section>`
    : ''
}
<section class="panel"><h2>${tr(locale, 'admin.req.history')}</h2><ol>${view.history.map(
      (h) =>
        html`<li><time datetime="${h.at.toISOString()}">${formatDateTime(locale, h.at)}</time> — <span dir="ltr">${h.actor}</span>: ${h.what}</li>`,
    )}</ol></section>`,
  )
}
