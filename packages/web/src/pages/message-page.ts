import { html, type SafeHtml } from '../html.ts'
import type { Locale } from '../i18n/locale.ts'
import { renderPage } from '../layout.ts'

/** A page with a heading and content, for sections that render their own body (policy, errors). */
export const renderContentPage = (view: {
  readonly locale: Locale
  readonly shopName: string
  readonly area: 'privacy' | 'admin'
  readonly path: string
  readonly title: string
  readonly body: SafeHtml
  readonly query?: Readonly<Record<string, string>>
}): string =>
  renderPage({
    locale: view.locale,
    title: view.title,
    area: view.area,
    path: view.path,
    shopName: view.shopName,
    ...(view.query ? { query: view.query } : {}),
    body: html`<h1>${view.title}</h1>${view.body}`,
  })
