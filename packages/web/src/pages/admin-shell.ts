import { html, type SafeHtml } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'

export type AdminSection =
  | 'home'
  | 'requests'
  | 'consent'
  | 'staff'
  | 'apiKeys'
  | 'audit'
  | 'mailbox'
  | 'account'

/** What every signed-in console page knows: who, which sections they may open, the CSRF token. */
export interface AdminFrame {
  readonly locale: Locale
  readonly shopName: string
  readonly csrfToken: string
  /** Sections the member's role may open, in menu order; the server decides, the page only lists them. */
  readonly sections: readonly AdminSection[]
}

const sectionPaths: Record<AdminSection, string> = {
  home: '/admin/home',
  requests: '/admin/requests',
  consent: '/admin/consent',
  staff: '/admin/staff',
  apiKeys: '/admin/api-keys',
  audit: '/admin/audit',
  mailbox: '/admin/mailbox',
  account: '/admin/account',
}

const sectionLabels = {
  home: 'nav.home',
  requests: 'nav.requests',
  consent: 'nav.consent',
  staff: 'nav.staff',
  apiKeys: 'nav.apiKeys',
  audit: 'nav.audit',
  mailbox: 'nav.mailbox',
  account: 'nav.account',
} as const

export const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="csrf" value="${token}">`

export const formatDateTime = (locale: Locale, date: Date): string =>
  new Intl.DateTimeFormat(locale === 'ar' ? 'ar-KW-u-ca-gregory' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  }).format(date)

/** A console page: section navigation, a sign-out button (a POST with the CSRF token) and the body. */
export const renderAdminPage = (
  frame: AdminFrame,
  page: { section: AdminSection; title: string; body: SafeHtml; query?: Readonly<Record<string, string>> },
): string => {
  const { locale } = frame
  return renderPage({
    locale,
    title: page.title,
    area: 'admin',
    path: sectionPaths[page.section],
    shopName: frame.shopName,
    ...(page.query ? { query: page.query } : {}),
    body: html`<nav class="admin-nav" aria-label="${ta(locale, 'nav.home')}">
  <ul>${frame.sections.map(
    (s) =>
      html`<li><a href="${sectionPaths[s]}?lang=${locale}"${s === page.section ? html` aria-current="page"` : ''}>${ta(locale, sectionLabels[s])}</a></li>`,
  )}</ul>
  <form method="post" action="/admin/sign-out?lang=${locale}">${csrfField(frame.csrfToken)}<button type="submit" class="secondary">${ta(locale, 'nav.signOut')}</button></form>
</nav>
<h1>${page.title}</h1>
${page.body}`,
  })
}

/** Shown instead of a page the member's role does not allow, or a form whose token expired. */
export const renderAdminRefused = (view: {
  locale: Locale
  shopName: string
  reason: 'forbidden' | 'csrf'
}): string =>
  renderPage({
    locale: view.locale,
    title: ta(view.locale, 'refused.title'),
    area: 'admin',
    path: '/admin/home',
    shopName: view.shopName,
    body: html`<h1>${ta(view.locale, 'refused.title')}</h1>
<p class="lead" data-refusal="${view.reason}">${ta(view.locale, view.reason === 'csrf' ? 'refused.csrf' : 'refused.lead')}</p>
<p><a href="/admin/home?lang=${view.locale}">${ta(view.locale, 'nav.home')}</a></p>`,
  })
