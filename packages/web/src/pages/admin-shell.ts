import { html, type SafeHtml } from '../html.ts'
import { type AdminMessageKey, ta } from '../i18n/admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'

/**
 * The console menu, in order: each entry's page and its label. The server decides which entries a
 * member sees (by the permission each page's route declares); a new console page adds one entry here,
 * its label in both catalogues, and its permission in the staff feature's console frame.
 */
export const adminSections = [
  { id: 'home', path: '/admin/home', label: 'nav.home' },
  { id: 'requests', path: '/admin/requests', label: 'nav.requests' },
  { id: 'consent', path: '/admin/consent', label: 'nav.consent' },
  { id: 'incidents', path: '/admin/incidents', label: 'nav.incidents' },
  { id: 'complaints', path: '/admin/complaints', label: 'nav.complaints' },
  { id: 'retention', path: '/admin/retention', label: 'nav.retention' },
  { id: 'policy', path: '/admin/policy', label: 'nav.policy' },
  { id: 'manifest', path: '/admin/manifest', label: 'nav.manifest' },
  { id: 'processors', path: '/admin/processors', label: 'nav.processors' },
  { id: 'transfers', path: '/admin/transfers', label: 'nav.transfers' },
  { id: 'staff', path: '/admin/staff', label: 'nav.staff' },
  { id: 'apiKeys', path: '/admin/api-keys', label: 'nav.apiKeys' },
  { id: 'audit', path: '/admin/audit', label: 'nav.audit' },
  { id: 'mailbox', path: '/admin/mailbox', label: 'nav.mailbox' },
  { id: 'account', path: '/admin/account', label: 'nav.account' },
] as const satisfies readonly { id: string; path: string; label: AdminMessageKey }[]

export type AdminSection = (typeof adminSections)[number]['id']

/** What every signed-in console page knows: who, which sections they may open, the CSRF token. */
export interface AdminFrame {
  readonly locale: Locale
  readonly shopName: string
  readonly csrfToken: string
  /** Sections the member's role may open, in menu order; the server decides, the page only lists them. */
  readonly sections: readonly AdminSection[]
}

const sectionOf = (id: AdminSection) => adminSections.find((s) => s.id === id) ?? adminSections[0]

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
  page: {
    section: AdminSection
    title: string
    /** The page's heading when it holds a value to isolate (a reference); else the title. */
    heading?: SafeHtml
    body: SafeHtml
    /** This page's own path when it is not the section's (a request's page), for the language switch. */
    path?: string
    query?: Readonly<Record<string, string>>
  },
): string => {
  const { locale } = frame
  return renderPage({
    locale,
    title: page.title,
    area: 'admin',
    path: page.path ?? sectionOf(page.section).path,
    shopName: frame.shopName,
    ...(page.query ? { query: page.query } : {}),
    body: html`<nav class="admin-nav" aria-label="${ta(locale, 'nav.menu')}">
  <ul>${frame.sections.map((id) => {
    const s = sectionOf(id)
    return html`<li><a href="${s.path}?lang=${locale}"${id === page.section ? html` aria-current="${page.path ? 'true' : 'page'}"` : ''}>${ta(locale, s.label)}</a></li>`
  })}</ul>
  <form method="post" action="/admin/sign-out?lang=${locale}">${csrfField(frame.csrfToken)}<button type="submit" class="secondary">${ta(locale, 'nav.signOut')}</button></form>
</nav>
<h1>${page.heading ?? page.title}</h1>
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
