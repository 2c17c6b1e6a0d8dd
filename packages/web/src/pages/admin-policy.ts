import { html, raw, type SafeHtml } from '../html.ts'
import { type ConsolePageMessageKey, tp, tpIsolated } from '../i18n/console-pages-messages.ts'
import { formatDate, formatNumber, type Locale } from '../i18n/locale.ts'
import { type AdminFrame, csrfField, renderAdminPage } from './admin-shell.ts'

export type PolicyVersionStatus = 'live' | 'scheduled' | 'retired'

export interface PolicyVersionRow {
  readonly version: number
  readonly effectiveDate: string
  readonly publishedAt: Date
  readonly status: PolicyVersionStatus
}

/** A material change between two versions in the reader's words: its kind, what it names, the purposes to ask again. */
export interface PolicyChangeView {
  readonly kind: string
  readonly text: SafeHtml
  /** The purposes' titles. */
  readonly purposes: readonly string[]
}

export interface AdminPolicyView extends AdminFrame {
  readonly versions: readonly PolicyVersionRow[]
  /** The manifest running now: unchanged since a published version, or a draft. */
  readonly draft: { readonly sameAs: number } | { readonly sameAs?: undefined }
  readonly canPublish: boolean
  /** Today (YYYY-MM-DD), the form's default effective date. */
  readonly today: string
  readonly diff?: {
    readonly from: number
    readonly to: number
    readonly changes: readonly PolicyChangeView[] | 'bad'
    /** What changed in the published text (sections, figures), one line each; empty when nothing did. */
    readonly summary?: readonly SafeHtml[]
  }
  readonly notice?: { readonly kind: 'success' | 'error'; readonly text: SafeHtml }
}

const day = (locale: Locale, isoDate: string): string => formatDate(locale, new Date(`${isoDate}T00:00:00Z`))

const previewLinks = (locale: Locale, target: string): SafeHtml =>
  html`${(['en', 'ar'] as const).map(
    (lang, i) =>
      html`${i > 0 ? ' · ' : ''}<a href="/admin/policy/${target}?lang=${locale}&amp;doc=${lang}">${tp(locale, `pol.lang.${lang}`)}</a>`,
  )}`

const versionName = (locale: Locale, version: number): SafeHtml =>
  tpIsolated(locale, 'pol.versionNumber', { version: formatNumber(locale, version) })

const versionsTable = (view: AdminPolicyView): SafeHtml => {
  const { locale } = view
  return html`<div class="table-scroll"><table class="policy-versions">
<thead><tr><th scope="col">${tp(locale, 'pol.col.version')}</th><th scope="col">${tp(locale, 'pol.col.status')}</th><th scope="col">${tp(locale, 'pol.col.effective')}</th><th scope="col">${tp(locale, 'pol.col.published')}</th><th scope="col">${tp(locale, 'pol.col.preview')}</th></tr></thead>
<tbody>${
    view.draft.sameAs === undefined
      ? html`<tr data-status="draft"><td>${tp(locale, 'pol.draft.name')}</td><td>${tp(locale, 'pol.status.draft')}</td><td>—</td><td>—</td><td>${previewLinks(locale, 'draft')}</td></tr>`
      : ''
  }${view.versions.map(
    (v) =>
      html`<tr data-version="${v.version}" data-status="${v.status}"><td>${versionName(locale, v.version)}</td><td>${v.status === 'scheduled' ? html`<strong>${tp(locale, 'pol.status.scheduled')}</strong>` : tp(locale, `pol.status.${v.status}`)}</td><td>${day(locale, v.effectiveDate)}</td><td>${formatDate(locale, v.publishedAt)}</td><td>${previewLinks(locale, String(v.version))}</td></tr>`,
  )}</tbody></table></div>`
}

const textSummary = (locale: Locale, lines: readonly SafeHtml[]): SafeHtml =>
  html`<h3 id="diff-text">${tp(locale, 'pol.sum.heading')}</h3>
${lines.length === 0 ? html`<p>${tp(locale, 'pol.sum.none')}</p>` : html`<ul class="changes" data-summary>${lines.map((line) => html`<li>${line}</li>`)}</ul>`}`

const diffSection = (view: AdminPolicyView): SafeHtml => {
  const { locale } = view
  const options = (selected: number | undefined) =>
    view.versions.map(
      (v) =>
        html`<option value="${v.version}"${v.version === selected ? ' selected' : ''}>${formatNumber(locale, v.version)}</option>`,
    )
  const older = view.versions[1]?.version
  const newest = view.versions[0]?.version
  const d = view.diff
  return html`<section class="panel" aria-labelledby="h-diff"><h2 id="h-diff">${tp(locale, 'pol.diff.title')}</h2>
<form method="get" action="/admin/policy" class="filters">
<input type="hidden" name="lang" value="${locale}">
<p><label for="diff-from">${tp(locale, 'pol.diff.from')}</label><select id="diff-from" name="from">${options(d?.from ?? older)}</select></p>
<p><label for="diff-to">${tp(locale, 'pol.diff.to')}</label><select id="diff-to" name="to">${options(d?.to ?? newest)}</select></p>
<p><button type="submit">${tp(locale, 'pol.diff.submit')}</button></p>
</form>
${
  d === undefined
    ? ''
    : d.changes === 'bad'
      ? html`<p class="error" role="alert">${tp(locale, 'pol.diff.bad')}</p>`
      : html`<h3 id="diff-result">${tpIsolated(locale, 'pol.diff.heading', { from: formatNumber(locale, d.from), to: formatNumber(locale, d.to) })}</h3>
${
  d.changes.length === 0
    ? html`<p>${tp(locale, 'pol.diff.none')}</p>`
    : html`<ul class="changes">${d.changes.map(
        (c) =>
          html`<li data-kind="${c.kind}"><strong>${tp(locale, `pol.change.${c.kind}` as ConsolePageMessageKey)}</strong><br>${c.text}${
            c.purposes.length > 0
              ? html`<br>${tpIsolated(locale, 'pol.diff.purposes', { purposes: c.purposes.join(locale === 'ar' ? '، ' : ', ') })}`
              : ''
          }</li>`,
      )}</ul>`
}${d.summary === undefined ? '' : textSummary(locale, d.summary)}`
}</section>`
}

const publishSection = (view: AdminPolicyView): SafeHtml => {
  const { locale } = view
  return html`<section class="panel" aria-labelledby="h-publish"><h2 id="h-publish">${tp(locale, 'pol.publish.title')}</h2>
<p>${view.draft.sameAs === undefined ? tp(locale, 'pol.draft.changed') : tpIsolated(locale, 'pol.draft.same', { version: formatNumber(locale, view.draft.sameAs) })}</p>
${
  view.canPublish
    ? html`<form method="post" action="/admin/policy/publish?lang=${locale}">${csrfField(view.csrfToken)}
<p><label for="effective-date">${tp(locale, 'pol.publish.date')}</label>
<input id="effective-date" name="effectiveDate" type="date" required value="${view.today}" aria-describedby="effective-date-hint" dir="ltr">
<span id="effective-date-hint" class="hint">${tp(locale, 'pol.publish.hint')}</span></p>
<p><button type="submit">${tp(locale, 'pol.publish.submit')}</button></p></form>`
    : html`<p>${tp(locale, 'pol.publish.notAllowed')}</p>`
}</section>`
}

/** /admin/policy: every version with its status and dates, a comparison, and the publish form. */
export const renderAdminPolicy = (view: AdminPolicyView): string => {
  const { locale } = view
  return renderAdminPage(view, {
    section: 'policy',
    title: tp(locale, 'pol.title'),
    body: html`${view.notice ? html`<p class="${view.notice.kind}" role="${view.notice.kind === 'error' ? 'alert' : 'status'}">${view.notice.text}</p>` : ''}
<p class="lead">${tp(locale, 'pol.lead')}</p>
${view.versions.length === 0 && view.draft.sameAs === undefined ? html`<p>${tp(locale, 'pol.none')}</p>` : ''}
${versionsTable(view)}
${view.versions.length > 1 ? diffSection(view) : ''}
${publishSection(view)}`,
  })
}

/** One sentence (or table row) of a policy with the manifest paths and pack entries behind it. */
export interface TracedStatement {
  readonly id: string
  readonly text: string
  readonly sources: readonly string[]
}

export interface AdminPolicyPreviewView extends AdminFrame {
  /** A published version's number, or undefined for the draft. */
  readonly version?: number
  readonly document: {
    readonly locale: Locale
    /** The policy's HTML, already escaped by the policy renderer. */
    readonly html: string
    readonly sections: readonly {
      readonly id: string
      readonly title: string
      readonly statements: readonly TracedStatement[]
    }[]
  }
  readonly trace: boolean
}

const traceBody = (view: AdminPolicyPreviewView): SafeHtml => {
  const { locale } = view
  const doc = view.document
  return html`<p>${tp(locale, 'pol.trace.lead')}</p>
<div class="policy-trace" lang="${doc.locale}" dir="${doc.locale === 'ar' ? 'rtl' : 'ltr'}">${doc.sections.map(
    (s) =>
      html`<section aria-labelledby="trace-${s.id}"><h2 id="trace-${s.id}">${s.title}</h2>
<ol>${s.statements.map(
        (st) =>
          html`<li data-statement="${st.id}"><p>${st.text}</p><p class="trace-sources" lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">${tp(locale, 'pol.trace.from')}: ${st.sources.map((p, i) => html`${i > 0 ? ', ' : ''}<bdi><code>${p}</code></bdi>`)}</p></li>`,
      )}</ol></section>`,
  )}</div>`
}

/** /admin/policy/:version: a version (or the draft) as customers will read it, with its trace on demand. */
export const renderAdminPolicyPreview = (view: AdminPolicyPreviewView): string => {
  const { locale } = view
  const doc = view.document
  const language = tp(locale, `pol.lang.${doc.locale}` as ConsolePageMessageKey)
  const target = view.version === undefined ? 'draft' : String(view.version)
  const path = `/admin/policy/${target}`
  const other = doc.locale === 'en' ? 'ar' : 'en'
  const title =
    view.version === undefined
      ? tp(locale, 'pol.preview.draftTitle', { language })
      : tp(locale, 'pol.preview.title', { version: formatNumber(locale, view.version), language })
  return renderAdminPage(view, {
    section: 'policy',
    title,
    path,
    query: { doc: doc.locale, ...(view.trace ? { trace: '1' } : {}) },
    body: html`<p><a href="/admin/policy?lang=${locale}">${tp(locale, 'pol.preview.back')}</a>
· <a href="${path}?lang=${locale}&amp;doc=${other}${view.trace ? '&trace=1' : ''}">${tp(locale, 'pol.preview.other', { language: tp(locale, `pol.lang.${other}`) })}</a>
· <a class="trace-toggle" href="${path}?lang=${locale}&amp;doc=${doc.locale}${view.trace ? '' : '&trace=1'}" aria-pressed="${view.trace ? 'true' : 'false'}" role="button">${tp(locale, view.trace ? 'pol.trace.hide' : 'pol.trace.show')}</a></p>
${
  view.trace
    ? traceBody(view)
    : html`<div class="policy-preview" lang="${doc.locale}" dir="${doc.locale === 'ar' ? 'rtl' : 'ltr'}">${raw(doc.html)}</div>`
}`,
  })
}
