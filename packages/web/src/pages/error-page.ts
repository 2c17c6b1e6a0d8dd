import { html } from '../html.ts'
import type { Locale } from '../i18n/locale.ts'
import { t } from '../i18n/messages.ts'
import { renderContentPage } from './message-page.ts'

export interface ErrorPageView {
  readonly locale: Locale
  readonly shopName: string
  /** 404: nothing at this address; 500: our fault, with the request id to quote. */
  readonly status: 404 | 500
  readonly requestId: string
  readonly path: string
}

/** The page a browser gets for an address that does not exist or a failure, in the reader's language. */
export const renderErrorPage = (view: ErrorPageView): string => {
  const notFound = view.status === 404
  return renderContentPage({
    locale: view.locale,
    shopName: view.shopName,
    area: view.path.startsWith('/admin') ? 'admin' : 'privacy',
    path: view.path,
    title: t(view.locale, notFound ? 'page.notFound' : 'page.error'),
    body: html`<p>${
      notFound
        ? t(view.locale, 'page.notFound.desc')
        : t(view.locale, 'page.error.desc', { ref: view.requestId })
    }</p>
      <p><a href="/privacy?lang=${view.locale}">${t(view.locale, 'nav.home')}</a></p>`,
  })
}
