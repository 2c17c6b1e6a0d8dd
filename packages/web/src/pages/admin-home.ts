import { html } from '../html.ts'
import { roleLabels, ta } from '../i18n/admin-messages.ts'
import { type AdminFrame, renderAdminPage } from './admin-shell.ts'

export interface AdminHomeView extends AdminFrame {
  readonly email: string
  readonly role: string
}

export const renderAdminHome = (view: AdminHomeView): string =>
  renderAdminPage(view, {
    section: 'home',
    title: ta(view.locale, 'home.title'),
    body: html`<p class="lead">${ta(view.locale, 'home.signedInAs', { email: view.email, role: roleLabels[view.locale][view.role] ?? view.role })}</p>`,
  })
