import { html, raw } from '../html.ts'
import { formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import { t } from '../i18n/messages.ts'
import { renderPage } from '../layout.ts'

export interface PolicyPageView {
  readonly locale: Locale
  readonly shopName: string
  readonly title: string
  /** The policy body, already rendered and escaped by the policy feature. */
  readonly bodyHtml: string
  readonly version: number | undefined
  readonly effectiveDate: string | undefined
  readonly path: string
}

export const renderPolicyPage = (view: PolicyPageView): string => {
  const { locale } = view
  const base = `${view.path}?lang=${locale}`
  const formats = t(locale, 'policy.formats', { md: '\u0000md\u0000', json: '\u0000json\u0000' })
    .split('\u0000')
    .map((part) =>
      part === 'md'
        ? html`<a href="${base}&format=md">Markdown</a>`
        : part === 'json'
          ? html`<a href="${base}&format=json">JSON</a>`
          : part,
    )
  // The body opens with the policy's own <h1>; the version line goes right under it.
  const cut = view.bodyHtml.indexOf('</h1>') + '</h1>'.length
  const [head, rest] = cut > 4 ? [view.bodyHtml.slice(0, cut), view.bodyHtml.slice(cut)] : ['', view.bodyHtml]
  const meta =
    view.version !== undefined && view.effectiveDate
      ? html`<p class="lead">${t(locale, 'policy.meta', { version: formatNumber(locale, view.version), date: formatDate(locale, new Date(view.effectiveDate)) })}
 <a href="/privacy/policy/versions?lang=${locale}">${t(locale, 'policy.versions')}</a></p>`
      : html`<p class="notice" role="note">${t(locale, 'policy.draft')}</p>`
  return renderPage({
    locale,
    title: view.title,
    area: 'privacy',
    path: view.path,
    shopName: view.shopName,
    body: html`<div class="policy">${raw(head)}
${meta}
${raw(rest)}
<p class="formats">${formats}</p>
</div>`,
  })
}

export interface PolicyVersionsView {
  readonly locale: Locale
  readonly shopName: string
  readonly versions: readonly {
    readonly version: number
    readonly effectiveDate: string
    /** Published with an effective date still to come: not in effect yet. */
    readonly scheduled?: boolean
  }[]
  /** The version in effect today; undefined when none is yet. */
  readonly current: number | undefined
}

export const renderPolicyVersions = (view: PolicyVersionsView): string => {
  const { locale } = view
  return renderPage({
    locale,
    title: t(locale, 'policy.versions.title'),
    area: 'privacy',
    path: '/privacy/policy/versions',
    shopName: view.shopName,
    body: html`<h1>${t(locale, 'policy.versions.title')}</h1>
<ul class="versions">${view.versions.map((v) => {
      const words = {
        version: formatNumber(locale, v.version),
        date: formatDate(locale, new Date(v.effectiveDate)),
      }
      const link = t(locale, v.scheduled ? 'policy.version.scheduled' : 'policy.version.link', words)
      const state = v.scheduled
        ? t(locale, 'policy.scheduled')
        : v.version === view.current
          ? t(locale, 'policy.current')
          : ''
      return html`<li><a href="/privacy/policy/v/${v.version}?lang=${locale}">${link}</a> ${state}</li>`
    })}</ul>`,
  })
}
