import { html, type SafeHtml } from './html.ts'
import { directionOf, type Locale } from './i18n/locale.ts'
import { t } from './i18n/messages.ts'

export interface PageShell {
  readonly locale: Locale
  readonly title: string
  readonly area: 'privacy' | 'admin'
  /** Path of this page without query, for the language switch. */
  readonly path: string
  readonly shopName: string
  readonly body: SafeHtml
  /** Extra query parameters to keep when switching language. */
  readonly query?: Readonly<Record<string, string>>
}

const otherLocale = (locale: Locale): Locale => (locale === 'ar' ? 'en' : 'ar')

/** The document every page shares: language, direction, self-hosted font, skip link, language switch. */
export const renderPage = (shell: PageShell): string => {
  const { locale } = shell
  const switchTo = otherLocale(locale)
  const params = new URLSearchParams({ ...(shell.query ?? {}), lang: switchTo })
  return `<!doctype html>${
    html`<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shell.title} · ${shell.shopName}</title>
<link rel="stylesheet" href="/assets/amana.css">
</head>
<body class="area-${shell.area}">
<a class="skip" href="#main">${t(locale, 'nav.skip')}</a>
<header class="top">
  <a class="brand" href="${shell.area === 'admin' ? '/admin' : '/privacy'}?lang=${locale}"><bdi>${shell.shopName}</bdi></a>
  <a class="lang" href="${shell.path}?${params.toString()}" lang="${switchTo}" hreflang="${switchTo}">${t(locale, 'nav.language')}</a>
</header>
<main id="main" tabindex="-1">
${shell.body}
</main>
<footer class="bottom"><p>${t(locale, 'footer.powered')}</p></footer>
</body>
</html>`.__html
  }`
}
