import { html, type SafeHtml } from '../html.ts'
import { formatDate, type Locale } from '../i18n/locale.ts'
import { type RequestMessageKey, tr } from '../i18n/requests-messages.ts'
import { type AdminFrame, renderAdminPage } from './admin-shell.ts'
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
