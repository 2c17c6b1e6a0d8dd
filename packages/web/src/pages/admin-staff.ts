import { html } from '../html.ts'
import { roleLabels, ta, taIsolated } from '../i18n/admin-messages.ts'
import { type AdminFrame, csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface AdminStaffView extends AdminFrame {
  readonly selfId: string
  readonly members: readonly {
    readonly id: string
    readonly email: string
    readonly role: string
    readonly totpEnabled: boolean
    readonly hasPassword: boolean
    readonly liveSessions: number
    /** Whether the viewer's role may act on this member. */
    readonly manageable: boolean
  }[]
  /** Roles the viewer may grant. */
  readonly assignableRoles: readonly string[]
  readonly setupLink?: {
    readonly email: string
    readonly url: string
    readonly expiresAt: Date
    /** The invitation went out by email (through the mail outbox). */
    readonly mailed?: boolean
  }
  readonly notice?: string
  readonly error?: string
}

export const renderAdminStaff = (view: AdminStaffView): string => {
  const { locale } = view
  const label = (role: string) => roleLabels[locale][role] ?? role
  const roleSelect = (id: string, current: string) =>
    html`<select id="role-${id}" name="role">${view.assignableRoles.map((r) => html`<option value="${r}"${r === current ? html` selected` : ''}>${label(r)}</option>`)}</select>`
  return renderAdminPage(view, {
    section: 'staff',
    title: ta(locale, 'staff.title'),
    body: html`${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${
  view.setupLink
    ? html`<div class="shown-once" role="status">${view.setupLink.mailed ? html`<p><strong>${taIsolated(locale, 'staff.inviteMailed', { email: view.setupLink.email })}</strong></p>` : ''}<p>${taIsolated(locale, 'staff.linkCreated', { email: view.setupLink.email, date: formatDateTime(locale, view.setupLink.expiresAt) })}</p><p><code dir="ltr">${view.setupLink.url}</code></p></div>`
    : ''
}
<table>
<thead><tr><th scope="col">${ta(locale, 'staff.email')}</th><th scope="col">${ta(locale, 'staff.role')}</th><th scope="col">${ta(locale, 'staff.secondFactor')}</th><th scope="col">${ta(locale, 'staff.sessions')}</th><th scope="col">${ta(locale, 'staff.actions')}</th></tr></thead>
<tbody>${view.members.map(
      (m) => html`<tr>
<td dir="ltr">${m.email} ${m.id === view.selfId ? ta(locale, 'staff.you') : ''}${m.hasPassword ? '' : html` <em>${ta(locale, 'staff.pending')}</em>`}</td>
<td>${label(m.role)}</td>
<td>${ta(locale, m.totpEnabled ? 'yes' : 'no')}</td>
<td>${m.liveSessions}</td>
<td class="actions">${
        m.manageable && m.id !== view.selfId
          ? html`<form method="post" action="/admin/staff/${m.id}/role?lang=${locale}">${csrfField(view.csrfToken)}<label class="visually-hidden" for="role-${m.id}">${ta(locale, 'staff.changeRole')}</label>${roleSelect(m.id, m.role)}<button type="submit">${ta(locale, 'staff.changeRole')}</button></form>
<form method="post" action="/admin/staff/${m.id}/revoke-sessions?lang=${locale}">${csrfField(view.csrfToken)}<button type="submit" class="secondary">${ta(locale, 'staff.revoke')}</button></form>
${m.hasPassword ? '' : html`<form method="post" action="/admin/staff/${m.id}/setup-link?lang=${locale}">${csrfField(view.csrfToken)}<button type="submit" class="secondary">${ta(locale, 'staff.newLink')}</button></form>`}`
          : ''
      }</td>
</tr>`,
    )}</tbody>
</table>
<form class="panel" method="post" action="/admin/staff/invite?lang=${locale}">
  <h2>${ta(locale, 'staff.invite')}</h2>
  ${csrfField(view.csrfToken)}
  <label for="invite-email">${ta(locale, 'staff.email')}</label>
  <input id="invite-email" name="email" type="email" required dir="ltr">
  <label for="invite-role">${ta(locale, 'staff.role')}</label>
  <select id="invite-role" name="role">${view.assignableRoles.map((r) => html`<option value="${r}">${label(r)}</option>`)}</select>
  <label for="invite-lang">${ta(locale, 'staff.inviteLanguage')}</label>
  <select id="invite-lang" name="language"><option value="en"${locale === 'en' ? html` selected` : ''} lang="en">English</option><option value="ar"${locale === 'ar' ? html` selected` : ''} lang="ar">العربية</option></select>
  <button type="submit">${ta(locale, 'staff.inviteSubmit')}</button>
</form>`,
  })
}
