import { type Copy, copy, type Lang } from './copy.ts'
import { html, type Raw } from './html.ts'

export interface PageOptions {
  readonly lang: Lang
  readonly title: string
  /** The path after /<lang>, to link the same page in the other language. */
  readonly path: string
  readonly amanaUrl: string
  readonly signedIn: boolean
  readonly cartCount: number
  readonly body: Raw
}

const nav = (t: Copy, lang: Lang, o: PageOptions) => html`<nav aria-label="${t.shopName}">
  <a href="/${lang}">${t.menu.catalogue}</a>
  <a href="/${lang}/design">${t.menu.design}</a>
  <a href="/${lang}/cart">${t.menu.cart} (<span data-cart-count>${o.cartCount}</span>)</a>
  ${
    o.signedIn
      ? html`<a href="/${lang}/account">${t.menu.account}</a>
      <form method="post" action="/${lang}/sign-out" class="inline"><button type="submit" class="link">${t.menu.signOut}</button></form>`
      : html`<a href="/${lang}/sign-in">${t.menu.signIn}</a> <a href="/${lang}/sign-up">${t.menu.signUp}</a>`
  }
  <a href="/${lang === 'en' ? 'ar' : 'en'}${o.path}" lang="${lang === 'en' ? 'ar' : 'en'}">${t.otherLanguage}</a>
</nav>`

/**
 * Every page: language and direction, the consent banner from Amana, and the shop's optional scripts
 * held back as text/plain with their category — the banner runs them only once that category is
 * granted, so a visitor who rejects marketing never runs the marketing script.
 */
export const page = (o: PageOptions): string => {
  const t = copy[o.lang]
  return html`<!doctype html>
<html lang="${o.lang}" dir="${o.lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t.shopName}</title>
<link rel="stylesheet" href="/static/shop.css">
<script src="${o.amanaUrl}/consent.js?lang=${o.lang}" data-lang="${o.lang}"></script>
<script type="text/plain" data-amana-category="analytics" src="/static/analytics.js"></script>
<script type="text/plain" data-amana-category="marketing" src="/static/marketing.js"></script>
</head>
<body>
<header><a class="brand" href="/${o.lang}">${t.shopName}</a><p>${t.tagline}</p>${nav(t, o.lang, o)}</header>
<main id="main">
<h1>${o.title}</h1>
${o.body}
</main>
<footer>
  <a href="${o.amanaUrl}/privacy?lang=${o.lang}">${t.footer.privacy}</a>
  <a href="#" data-amana-open>${t.footer.cookies}</a>
</footer>
</body>
</html>`.value
}

/** A field with its label and, when the last submission was refused for it, the reason beside it. */
export const field = (o: {
  name: string
  label: string
  type?: string
  value?: string | undefined
  error?: string | undefined
  required?: boolean
  autocomplete?: string
  extra?: Raw
}) => html`<p class="field">
  <label for="f-${o.name}">${o.label}</label>
  <input id="f-${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"
    ${o.required ? html`required` : ''} ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''}
    ${o.error ? html`aria-invalid="true" aria-describedby="e-${o.name}"` : ''}>
  ${o.error ? html`<span class="error" id="e-${o.name}">${o.error}</span>` : ''}
</p>`
