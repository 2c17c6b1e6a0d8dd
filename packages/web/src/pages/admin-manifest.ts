import { html, type SafeHtml } from '../html.ts'
import { type ConsolePageMessageKey, tp, tpIsolated } from '../i18n/console-pages-messages.ts'
import { formatNumber, type Locale } from '../i18n/locale.ts'
import { type AdminFrame, renderAdminPage } from './admin-shell.ts'

/** A manifest check finding as the developer's tool states it (English, shown as such). */
export interface ManifestFindingView {
  readonly severity: 'error' | 'warning'
  readonly rule: string
  readonly path: string
  readonly line?: number
  readonly message: string
  readonly fix: string
  /** The language the message and fix are in: the reader's when the finding has catalogue words, else English. */
  readonly lang: Locale
}

/** The manifest in the reader's words: the server fills labels from the policy's vocabulary. */
export interface AdminManifestView extends AdminFrame {
  readonly findings: readonly ManifestFindingView[]
  readonly systems: readonly {
    readonly id: string
    readonly kind: 'postgres' | 'mysql' | 'webhook' | 'manual' | 'files'
    readonly description: string
    readonly country: string
    readonly tables: readonly string[]
  }[]
  readonly categories: readonly {
    readonly id: string
    readonly label: string
    readonly sensitivity: 'normal' | 'confidential' | 'sensitive'
    /** Already in words: "7 years after the order is fulfilled, then anonymised". */
    readonly retention?: { readonly keep: string; readonly event: string; readonly action: string }
  }[]
  readonly purposes: readonly {
    readonly id: string
    readonly title: string
    readonly basis: string
    readonly categories: readonly string[]
  }[]
}

export interface AdminProcessorsView extends AdminFrame {
  readonly processors: readonly {
    readonly id: string
    readonly name: string
    readonly service: string
    /** Category label and the fields it covers (undefined: every field). */
    readonly receives: readonly { readonly category: string; readonly fields?: readonly string[] }[]
    readonly countries: readonly string[]
    readonly sent: number
    readonly refused: number
  }[]
}

export interface AdminTransfersView extends AdminFrame {
  readonly transfers: readonly {
    readonly recipient: string
    readonly countries: readonly string[]
    readonly mechanism?: string
    readonly details: string
  }[]
}

const th = (locale: Locale, key: ConsolePageMessageKey): SafeHtml =>
  html`<th scope="col">${tp(locale, key)}</th>`

const list = (items: readonly SafeHtml[]): SafeHtml =>
  html`${items.map((item, i) => html`${i > 0 ? '، ' : ''}${item}`)}`

const listIn = (locale: Locale, items: readonly SafeHtml[]): SafeHtml =>
  locale === 'ar' ? list(items) : html`${items.map((item, i) => html`${i > 0 ? ', ' : ''}${item}`)}`

const findingsPanel = (locale: Locale, findings: readonly ManifestFindingView[]): SafeHtml => {
  const errors = findings.filter((f) => f.severity === 'error').length
  return html`<section class="panel" aria-labelledby="h-check"><h2 id="h-check">${tp(locale, 'man.check.title')}</h2>
${
  findings.length === 0
    ? html`<p>${tp(locale, 'man.check.none')}</p>`
    : html`<p>${tpIsolated(locale, 'man.check.counts', { errors: formatNumber(locale, errors), warnings: formatNumber(locale, findings.length - errors) })}</p>
<div class="table-scroll"><table class="findings"><thead><tr>${th(locale, 'man.col.severity')}${th(locale, 'man.col.where')}${th(locale, 'man.col.finding')}</tr></thead>
<tbody>${findings.map(
        (f) =>
          html`<tr data-rule="${f.rule}"><td>${tp(locale, `man.severity.${f.severity}`)}</td><td><bdi><code>${f.path}${f.line === undefined ? '' : `:${f.line}`}</code></bdi></td>${f.lang === locale ? html`<td>${f.message}. ${f.fix}</td>` : html`<td lang="en" dir="ltr">${f.message} ${f.fix}</td>`}</tr>`,
      )}</tbody></table></div>`
}</section>`
}

/** A record's downloads in the reader's language: `formats` of `/v1/records/<path>`. */
const downloads = (locale: Locale, path: string, formats: readonly ('pdf' | 'html' | 'csv')[]): SafeHtml =>
  listIn(
    locale,
    formats.map(
      (f) =>
        html`<a href="/v1/records/${path}?lang=${locale}&amp;format=${f}" data-format="${f}">${tp(locale, `man.records.${f}`)}</a>`,
    ),
  )

/** The records the regulator asks for, printed from the same manifest: PDF, printable HTML, CSV. */
const recordsPanel = (locale: Locale): SafeHtml =>
  html`<section class="panel" aria-labelledby="h-records"><h2 id="h-records">${tp(locale, 'man.records.title')}</h2>
<p>${tp(locale, 'man.records.lead')}</p>
<ul class="records">
<li data-record="processing">${tp(locale, 'man.records.processing')}: ${downloads(locale, 'processing', ['pdf', 'html', 'csv'])}</li>
<li data-record="transfers">${tp(locale, 'man.records.transfers')}: ${downloads(locale, 'transfers', ['pdf', 'html'])}</li>
</ul></section>`

/** /admin/manifest: systems, categories with their retention, purposes, and what `amana check` finds. */
export const renderAdminManifest = (view: AdminManifestView): string => {
  const { locale } = view
  const country = (code: string) => regionName(locale, code)
  return renderAdminPage(view, {
    section: 'manifest',
    title: tp(locale, 'man.title'),
    body: html`<p class="lead">${tp(locale, 'man.lead')}</p>
${findingsPanel(locale, view.findings)}
<section class="panel" aria-labelledby="h-systems"><h2 id="h-systems">${tp(locale, 'man.systems.title')}</h2>
${
  view.systems.length === 0
    ? html`<p>${tp(locale, 'man.systems.none')}</p>`
    : html`<div class="table-scroll"><table><thead><tr>${th(locale, 'man.col.system')}${th(locale, 'man.col.kind')}${th(locale, 'man.col.country')}${th(locale, 'man.col.tables')}</tr></thead>
<tbody>${view.systems.map(
        (s) =>
          html`<tr data-system="${s.id}"><td><bdi>${s.description || s.id}</bdi></td><td>${tp(locale, `man.system.${s.kind}`)}</td><td>${country(s.country)}</td><td>${listIn(
            locale,
            s.tables.map((t) => html`<bdi><code>${t}</code></bdi>`),
          )}</td></tr>`,
      )}</tbody></table></div>`
}</section>
<section class="panel" aria-labelledby="h-categories"><h2 id="h-categories">${tp(locale, 'man.categories.title')}</h2>
<div class="table-scroll"><table><thead><tr>${th(locale, 'man.col.category')}${th(locale, 'man.col.sensitivity')}${th(locale, 'man.col.retention')}</tr></thead>
<tbody>${view.categories.map(
      (c) =>
        html`<tr data-category="${c.id}"><td><bdi>${c.label}</bdi></td><td>${tp(locale, `man.sensitivity.${c.sensitivity}`)}</td><td>${
          c.retention ? tp(locale, 'man.retention.period', c.retention) : tp(locale, 'man.retention.none')
        }</td></tr>`,
    )}</tbody></table></div></section>
<section class="panel" aria-labelledby="h-purposes"><h2 id="h-purposes">${tp(locale, 'man.purposes.title')}</h2>
<div class="table-scroll"><table><thead><tr>${th(locale, 'man.col.purpose')}${th(locale, 'man.col.basis')}${th(locale, 'man.col.categories')}</tr></thead>
<tbody>${view.purposes.map(
      (p) =>
        html`<tr data-purpose="${p.id}"><td><bdi>${p.title}</bdi></td><td>${p.basis}</td><td>${listIn(
          locale,
          p.categories.map((c) => html`<bdi>${c}</bdi>`),
        )}</td></tr>`,
    )}</tbody></table></div></section>
${recordsPanel(locale)}`,
  })
}

const regionNames = new Map<Locale, Intl.DisplayNames>()
const regionName = (locale: Locale, code: string): string => {
  let names = regionNames.get(locale)
  if (!names) {
    names = new Intl.DisplayNames([locale === 'ar' ? 'ar' : 'en-GB'], { type: 'region' })
    regionNames.set(locale, names)
  }
  return names.of(code) ?? code
}

/** /admin/processors: who receives which categories, where, and how often Amana handed data over. */
export const renderAdminProcessors = (view: AdminProcessorsView): string => {
  const { locale } = view
  return renderAdminPage(view, {
    section: 'processors',
    title: tp(locale, 'proc.title'),
    body: html`<p class="lead">${tp(locale, 'proc.lead')}</p>
${
  view.processors.length === 0
    ? html`<p>${tp(locale, 'proc.none')}</p>`
    : html`<div class="table-scroll"><table class="processors"><thead><tr>${th(locale, 'proc.col.name')}${th(locale, 'proc.col.service')}${th(locale, 'proc.col.receives')}${th(locale, 'proc.col.countries')}${th(locale, 'proc.col.sent')}${th(locale, 'proc.col.refused')}</tr></thead>
<tbody>${view.processors.map(
        (p) =>
          html`<tr data-processor="${p.id}"><td><bdi>${p.name}</bdi></td><td>${p.service}</td><td><ul>${p.receives.map(
            (r) =>
              html`<li><bdi>${r.category}</bdi> (${
                r.fields === undefined
                  ? tp(locale, 'proc.all')
                  : listIn(
                      locale,
                      r.fields.map((f) => html`<bdi><code>${f}</code></bdi>`),
                    )
              })</li>`,
          )}</ul></td><td>${listIn(
            locale,
            p.countries.map((c) => html`${regionName(locale, c)}`),
          )}</td><td class="count" data-sent="${p.sent}">${formatNumber(locale, p.sent)}</td><td class="count" data-refused="${p.refused}">${formatNumber(locale, p.refused)}</td></tr>`,
      )}</tbody></table></div>`
}`,
  })
}

/** /admin/transfers: the transfer register (recipients abroad, countries, safeguard). */
export const renderAdminTransfers = (view: AdminTransfersView): string => {
  const { locale } = view
  return renderAdminPage(view, {
    section: 'transfers',
    title: tp(locale, 'tr.title'),
    body: html`<p class="lead">${tp(locale, 'tr.lead')}</p>
${
  view.transfers.length === 0
    ? html`<p>${tp(locale, 'tr.none')}</p>`
    : html`<div class="table-scroll"><table class="transfers"><thead><tr>${th(locale, 'tr.col.recipient')}${th(locale, 'tr.col.countries')}${th(locale, 'tr.col.mechanism')}${th(locale, 'tr.col.details')}</tr></thead>
<tbody>${view.transfers.map(
        (t) =>
          html`<tr><td><bdi>${t.recipient}</bdi></td><td>${listIn(
            locale,
            t.countries.map((c) => html`${regionName(locale, c)}`),
          )}</td><td>${t.mechanism ?? html`<strong>${tp(locale, 'tr.mechanism.none')}</strong>`}</td><td>${t.details}</td></tr>`,
      )}</tbody></table></div>`
}
<p><a href="/v1/records/transfers?lang=${locale}&amp;format=html">${tp(locale, 'tr.printable')}</a> · <a href="/v1/records/transfers?lang=${locale}&amp;format=pdf" data-format="pdf">${tp(locale, 'tr.pdf')}</a></p>`,
  })
}
