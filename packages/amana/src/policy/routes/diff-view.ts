import { formatNumber, type Locale, type PolicyChangeView, type SafeHtml, tp, tpIsolated } from '@amana/web'
import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import { type Manifest, processorName } from '../../manifest/index.ts'
import type { MaterialChange } from '../diff-policies.ts'
import type { PolicyDocument } from '../document.ts'
import { countryName, formatDuration, pick } from '../format.ts'
import { rightLabels } from '../labels.ts'
import { type PolicyVersionSummary, summariseVersions } from '../version-summary.ts'

/** The names a material change mentions, in the reader's language, from the newer manifest. */
const namesIn = (manifest: Manifest, locale: Locale, names: NonNullable<MaterialChange['names']>) => {
  const category = names.category === undefined ? undefined : manifest.categories[names.category]
  const processor = names.processor === undefined ? undefined : manifest.processors?.[names.processor]
  return {
    purpose: purposeTitle(manifest, locale, names.purpose ?? ''),
    category: (category && pick(category.label ?? category.description, locale)) ?? names.category ?? '',
    processor: processor ? processorName(processor, locale) : (names.processor ?? ''),
    country: names.country ? countryName(names.country, locale) : '',
    from: names.keep ? formatDuration(names.keep.from, locale) : '',
    to: names.keep?.to ? formatDuration(names.keep.to, locale) : '',
  }
}

const purposeTitle = (manifest: Manifest, locale: Locale, id: string): string => {
  const purpose = manifest.purposes[id]
  return (purpose && pick(purpose.title, locale)) ?? id
}

/** Each material change as a sentence in the reader's language, naming purposes, data and processors as the shop titles them. */
export const changeViews = (
  changes: readonly MaterialChange[],
  manifest: Manifest,
  locale: Locale,
): PolicyChangeView[] =>
  changes.map((c) => ({
    kind: c.kind,
    text: tpIsolated(locale, `pol.line.${c.kind}`, namesIn(manifest, locale, c.names ?? {})),
    purposes: c.purposes.map((id) => purposeTitle(manifest, locale, id)),
  }))

const packName = (packs: readonly JurisdictionPack[], id: string, locale: Locale): string =>
  packs.find((p) => p.id === id)?.name[locale] ?? id

/** What changed in the published text between two versions' documents (the reader's language), one line each. */
export const summaryLines = (
  before: PolicyDocument,
  after: PolicyDocument,
  packs: readonly JurisdictionPack[],
  locale: Locale,
): SafeHtml[] => {
  const s = summariseVersions(before, after)
  const n = (value: number) => formatNumber(locale, value)
  return [
    ...s.sectionsAdded.map(({ title }) => tpIsolated(locale, 'pol.sum.added', { title })),
    ...s.sectionsRemoved.map(({ title }) => tpIsolated(locale, 'pol.sum.removed', { title })),
    ...s.sectionsChanged.map((c) =>
      tpIsolated(locale, 'pol.sum.changed', {
        title: c.title,
        added: n(c.added),
        removed: n(c.removed),
        reworded: n(c.reworded),
      }),
    ),
    ...figureLines(s.figures, packs, locale),
  ]
}

/** One line per clock and jurisdiction: the rights whose clock moved alike are named together, or not at all when several did. */
const figureLines = (
  figures: PolicyVersionSummary['figures'],
  packs: readonly JurisdictionPack[],
  locale: Locale,
): SafeHtml[] => {
  const groups = new Map<string, { f: PolicyVersionSummary['figures'][number]; rights: string[] }>()
  for (const f of figures) {
    const key = `${f.kind}|${f.jurisdiction}|${f.from}|${f.to}`
    const group = groups.get(key) ?? { f, rights: [] }
    if (f.right) group.rights.push(rightLabels[f.right as keyof typeof rightLabels]?.[locale] ?? f.right)
    groups.set(key, group)
  }
  return [...groups.values()].map(({ f, rights }) =>
    tpIsolated(locale, 'pol.sum.figure', {
      figure: tp(locale, `pol.fig.${f.kind}`),
      where: [packName(packs, f.jurisdiction, locale), ...(rights.length === 1 ? rights : [])].join(
        locale === 'ar' ? '، ' : ', ',
      ),
      from: formatNumber(locale, f.from),
      to: formatNumber(locale, f.to),
    }),
  )
}
