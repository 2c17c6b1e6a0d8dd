import { html } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import { type AdminFrame, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface AdminAuditView extends AdminFrame {
  readonly filters: {
    readonly actor?: string
    readonly action?: string
    readonly subject?: string
    readonly from?: string
    readonly to?: string
  }
  readonly entries: readonly {
    readonly seq: string
    readonly at: Date
    readonly actorType: string
    readonly actorId: string
    /** A staff member's email, when the actor is one. */
    readonly actorName?: string | undefined
    readonly action: string
    /** A request's reference, else the subject id; empty when the entry has none. */
    readonly subject: string
    readonly subjectHref?: string
  }[]
  /** The filters as a query string, for the CSV download of the same entries. */
  readonly exportQuery?: string
  /** Query string for the next (older) page, when there is one. */
  readonly olderQuery?: string
  readonly verification:
    | { readonly kind: 'verified'; readonly entries: number }
    | { readonly kind: 'broken'; readonly problem: string }
    | { readonly kind: 'unavailable' }
}

export const renderAdminAudit = (view: AdminAuditView): string => {
  const { locale, filters } = view
  const v = view.verification
  const status =
    v.kind === 'verified'
      ? html`<p class="notice" role="status">${ta(locale, 'audit.verified', { count: String(v.entries) })}</p>`
      : v.kind === 'broken'
        ? html`<p class="error" role="alert">${ta(locale, 'audit.broken', { problem: v.problem })}</p>`
        : html`<p class="error" role="status">${ta(locale, 'audit.unavailable')}</p>`
  const field = (name: keyof AdminAuditView['filters'], type: string, label: string, hint?: string) =>
    html`<div><label for="f-${name}">${label}</label><input id="f-${name}" name="${name}" type="${type}" value="${filters[name] ?? ''}" dir="ltr"${hint ? html` aria-describedby="h-${name}"` : ''}>${hint ? html`<span id="h-${name}" class="hint">${hint}</span>` : ''}</div>`
  return renderAdminPage(view, {
    section: 'audit',
    title: ta(locale, 'audit.title'),
    body: html`${status}
<form class="filters" method="get" action="/admin/audit">
  <input type="hidden" name="lang" value="${locale}">
  ${field('actor', 'text', ta(locale, 'audit.actor'), ta(locale, 'audit.actorHint'))}
  ${field('action', 'text', ta(locale, 'audit.action'), ta(locale, 'audit.actionHint'))}
  ${field('subject', 'text', ta(locale, 'audit.subject'), ta(locale, 'audit.subjectHint'))}
  ${field('from', 'date', ta(locale, 'audit.from'))}
  ${field('to', 'date', ta(locale, 'audit.to'))}
  <button type="submit">${ta(locale, 'audit.filter')}</button>
</form>
${
  view.entries.length === 0
    ? html`<p>${ta(locale, 'audit.none')}</p>`
    : html`<div class="table-scroll"><table>
<thead><tr><th scope="col">${ta(locale, 'audit.seq')}</th><th scope="col">${ta(locale, 'audit.when')}</th><th scope="col">${ta(locale, 'audit.actor')}</th><th scope="col">${ta(locale, 'audit.action')}</th><th scope="col">${ta(locale, 'audit.subject')}</th></tr></thead>
<tbody>${view.entries.map(
        (e) =>
          html`<tr><td>${e.seq}</td><td>${formatDateTime(locale, e.at)}</td><td><bdi>${e.actorName ?? `${e.actorType}:${e.actorId}`}</bdi></td><td><bdi><code>${e.action}</code></bdi></td><td>${e.subjectHref ? html`<a href="${e.subjectHref}?lang=${locale}"><bdi>${e.subject}</bdi></a>` : html`<bdi>${e.subject}</bdi>`}</td></tr>`,
      )}</tbody>
</table></div>`
}
${view.olderQuery ? html`<p><a href="/admin/audit?${view.olderQuery}">${ta(locale, 'audit.older')}</a></p>` : ''}
${view.exportQuery !== undefined ? html`<p><a href="/admin/audit/export.csv?${view.exportQuery}" download>${ta(locale, 'audit.export')}</a></p>` : ''}`,
  })
}
