import { labelled, sentence } from '../format.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

const sources = ['subject', 'automatic', 'third-party'] as const
type Source = (typeof sources)[number]

const sourcesOf = (source: Source | readonly Source[] | undefined): readonly Source[] =>
  source === undefined ? ['subject'] : typeof source === 'string' ? [source] : source

const categoryItem = (c: PolicyContext, id: string): string | undefined => {
  const category = c.manifest.categories[id]
  if (category === undefined) return undefined
  const description = c.tx(category.description)
  const text = description === undefined ? c.categoryLabel(id) : labelled(c.categoryLabel(id), description)
  const parts = [sentence(text)]
  // Several sources: listed under the first, and the others named on the item.
  const also = sourcesOf(category.source).slice(1)
  if (also.length > 0)
    parts.push(
      c.t('collected.also-from', {
        sources: c.list(
          also.map((s) => c.t(`collected.from.${s}`)),
          'disjunction',
        ),
      }),
    )
  if (category.sensitivity === 'sensitive') parts.push(c.t('collected.sensitive'))
  const provision = category.provision
  if (provision !== undefined) {
    const consequence = c.tx(provision.consequence)
    if (!provision.required) parts.push(c.t('collected.optional'))
    else if (consequence === undefined) parts.push(c.t('collected.required'))
    else parts.push(c.t('collected.required.consequence', { consequence: sentence(consequence) }))
  }
  return parts.join(' ')
}

/** The categories of information, grouped by where they come from. */
export const collected: SectionRenderer = (c, b) => {
  const groups: Record<Source, string[]> = { subject: [], automatic: [], 'third-party': [] }
  for (const [id, category] of Object.entries(c.manifest.categories))
    groups[sourcesOf(category.source)[0] ?? 'subject'].push(id)
  for (const source of sources) {
    const ids = groups[source]
    if (ids.length === 0) continue
    b.p(
      `source-${source}`,
      c.t(`collected.source-${source}`, { services: c.services }),
      ids.map((id) => `categories.${id}`),
      ['categories'],
    )
    for (const id of ids) {
      const text = categoryItem(c, id)
      if (text !== undefined) b.li(`category-${id}`, text, [`categories.${id}`], ['categories'])
    }
  }
}
