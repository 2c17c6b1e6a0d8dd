import { html, raw, type SafeHtml } from '../html.ts'
import { tc } from '../i18n/consent-messages.ts'
import { formatNumber, type Locale } from '../i18n/locale.ts'
import { type AdminFrame, renderAdminPage } from './admin-shell.ts'

export interface ConsentRateSeriesView {
  readonly label: string
  readonly points: readonly {
    readonly day: string
    readonly granted: number
    readonly refused: number
    readonly rate: number
  }[]
}

export interface AdminConsentView extends AdminFrame {
  readonly from: string
  readonly to: string
  readonly series: readonly ConsentRateSeriesView[]
  /** Where the CSV/JSON export lives, with the same period. */
  readonly exportHref: string
}

// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000']
const dashes = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4']

/** A line chart as inline SVG (no script, presentation attributes only, so the strict CSP holds). */
export const consentChart = (locale: Locale, series: readonly ConsentRateSeriesView[]): SafeHtml => {
  const view = { series }
  const days = [...new Set(view.series.flatMap((s) => s.points.map((p) => p.day)))].sort()
  const w = 640
  const h = 240
  const pad = 44
  const x = (i: number) =>
    pad + (days.length <= 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (days.length - 1))
  const y = (rate: number) => h - pad - rate * (h - 2 * pad)
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (g) =>
        `<line x1="${pad}" x2="${w - pad}" y1="${y(g)}" y2="${y(g)}" stroke="#ccc" stroke-width="1"/><text x="${pad - 6}" y="${y(g) + 4}" font-size="11" text-anchor="end" fill="#333">${g * 100}%</text>`,
    )
    .join('')
  const lines = view.series
    .map((s, i) => {
      const pts = s.points
        .map((p) => `${x(days.indexOf(p.day)).toFixed(1)},${y(p.rate).toFixed(1)}`)
        .join(' ')
      const colour = palette[i % palette.length]
      const dash = dashes[i % dashes.length]
      return `<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${s.points
        .map(
          (p) =>
            `<circle cx="${x(days.indexOf(p.day)).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="3" fill="${colour}"/>`,
        )
        .join('')}`
    })
    .join('')
  const first = days[0] ?? ''
  const last = days[days.length - 1] ?? ''
  const axis = `<text x="${pad}" y="${h - 8}" font-size="11" fill="#333">${first}</text><text x="${w - pad}" y="${h - 8}" font-size="11" text-anchor="end" fill="#333">${last}</text>`
  const legend = view.series.map(
    (s, i) =>
      html`<li><svg width="24" height="10" aria-hidden="true">${raw(`<line x1="0" x2="24" y1="5" y2="5" stroke="${palette[i % palette.length]}" stroke-width="2"${dashes[i % dashes.length] ? ` stroke-dasharray="${dashes[i % dashes.length]}"` : ''}/>`)}</svg> ${s.label}</li>`,
  )
  const title = tc(locale, 'admin.consent.chart')
  return html`<figure>
<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${w} ${h}" width="100%" dir="ltr"><title id="chart-title">${title}</title>${raw(grid + lines + axis)}</svg>
<figcaption><ul class="legend">${legend}</ul></figcaption>
</figure>`
}

/** Staff view: consent rates per purpose over time, with the numbers in a table for screen readers. */
export const renderAdminConsent = (view: AdminConsentView): string => {
  const { locale } = view
  const totals = view.series.map((s) => {
    const granted = s.points.reduce((n, p) => n + p.granted, 0)
    const refused = s.points.reduce((n, p) => n + p.refused, 0)
    return {
      label: s.label,
      granted,
      refused,
      rate: granted + refused === 0 ? 0 : granted / (granted + refused),
    }
  })
  return renderAdminPage(view, {
    section: 'consent',
    title: tc(locale, 'admin.consent.title'),
    query: { from: view.from, to: view.to },
    body: html`<p class="lead">${tc(locale, 'admin.consent.lead', { from: view.from, to: view.to })}</p>
${
  view.series.length === 0
    ? html`<p>${tc(locale, 'admin.consent.empty')}</p>`
    : html`${consentChart(locale, view.series)}
<table>
<caption>${tc(locale, 'admin.consent.table')}</caption>
<thead><tr><th scope="col">${tc(locale, 'admin.consent.purpose')}</th><th scope="col">${tc(locale, 'admin.consent.granted')}</th><th scope="col">${tc(locale, 'admin.consent.refused')}</th><th scope="col">${tc(locale, 'admin.consent.rate')}</th></tr></thead>
<tbody>${totals.map((t) => html`<tr><th scope="row">${t.label}</th><td>${formatNumber(locale, t.granted)}</td><td>${formatNumber(locale, t.refused)}</td><td>${formatNumber(locale, Math.round(t.rate * 100))}%</td></tr>`)}</tbody>
</table>`
}
<p><a href="${view.exportHref}&amp;format=csv">${tc(locale, 'admin.consent.export')} (CSV)</a> · <a href="${view.exportHref}&amp;format=json">${tc(locale, 'admin.consent.export')} (JSON)</a></p>`,
  })
}
