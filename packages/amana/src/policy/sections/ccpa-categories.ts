import type { Manifest } from '../../manifest/index.ts'
import type { SectionBuilder } from '../section-builder.ts'
import type { PolicyContext } from './context.ts'

type Source = 'subject' | 'automatic' | 'third-party'
const sourceOrder: readonly Source[] = ['subject', 'automatic', 'third-party']

/** The sources a category declares; none when `source` is absent (a schema default is no statement). */
const declaredSources = (
  category: Pick<Manifest['categories'][string], 'source'> | undefined,
): readonly Source[] =>
  category?.source === undefined
    ? []
    : typeof category.source === 'string'
      ? [category.source]
      : category.source

/** Category ids in the manifest's order, without repeats. */
const inOrder = (c: PolicyContext, ids: Iterable<string>): string[] => {
  const wanted = new Set(ids)
  return Object.keys(c.manifest.categories).filter((id) => wanted.has(id))
}

/**
 * CCPA § 1798.110 / regs § 7011(e): the categories collected, their sources, and those disclosed for a
 * business purpose or sold or shared in the last 12 months — each from what the manifest declares: the
 * categories, their declared `source`, the processors' categories, the advertising purposes' categories.
 */
export const ccpaCategories = (c: PolicyContext, b: SectionBuilder): void => {
  const categories = Object.keys(c.manifest.categories)
  const labels = (ids: readonly string[]) => c.list(ids.map(c.categoryLabel))
  if (categories.length > 0)
    b.li(
      'ccpa.collected',
      c.t('ccpa.collected', { categories: labels(categories) }),
      categories.map((id) => `categories.${id}`),
      ['categories'],
    )
  const bySource = sourceOrder.flatMap((source) => {
    const ids = categories.filter((id) => declaredSources(c.manifest.categories[id]).includes(source))
    return ids.length === 0 ? [] : [{ source, ids }]
  })
  if (bySource.length > 0)
    b.li(
      'ccpa.sources',
      c.t('ccpa.sources', {
        sources: c.list(
          bySource.map(({ source, ids }) =>
            c.t('ccpa.source', { source: c.t(`collected.from.${source}`), categories: labels(ids) }),
          ),
        ),
      }),
      bySource.flatMap(({ ids }) => ids.map((id) => `categories.${id}.source`)),
      ['categories'],
    )
  disclosed(c, b, labels)
  sold(c, b, labels)
}

const disclosed = (c: PolicyContext, b: SectionBuilder, labels: (ids: readonly string[]) => string) => {
  const processors = Object.entries(c.processors).filter(
    ([, p]) => p.role === 'processor' && Object.keys(p.categories).length > 0,
  )
  const ids = inOrder(
    c,
    processors.flatMap(([, p]) => Object.keys(p.categories)),
  )
  if (ids.length === 0) return
  b.li(
    'ccpa.disclosed',
    c.t('ccpa.disclosed', { categories: labels(ids) }),
    processors.map(([id]) => `processors.${id}.categories`),
    ['recipients'],
  )
}

/** Sold or shared: the categories of advertising purposes (cross-context behavioural ads), when the shop says it sells. */
const sold = (c: PolicyContext, b: SectionBuilder, labels: (ids: readonly string[]) => string) => {
  if (c.manifest.commitments?.sellsPersonalData !== true) return
  const purposes = Object.entries(c.manifest.purposes).filter(([, p]) => p.kind === 'advertising')
  const ids = inOrder(
    c,
    purposes.flatMap(([, p]) => p.categories),
  )
  if (ids.length === 0) return
  b.li(
    'ccpa.sold',
    c.t('ccpa.sold', { categories: labels(ids) }),
    ['commitments.sellsPersonalData', ...purposes.map(([id]) => `purposes.${id}.categories`)],
    ['sale-opt-out'],
  )
}
