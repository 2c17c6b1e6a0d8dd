import {
  durationDays,
  foreignCountries,
  type Manifest,
  processorName,
  purposesUsingCategory,
  purposesUsingProcessor,
  type Retention,
} from '../manifest/index.ts'

export const materialChangeKinds = [
  'purpose-added',
  'purpose-category-added',
  'category-added',
  'processor-added',
  'processor-category-added',
  'transfer-added',
  'retention-extended',
] as const
export type MaterialChangeKind = (typeof materialChangeKinds)[number]

export interface MaterialChange {
  readonly kind: MaterialChangeKind
  /** Manifest path in the newer manifest. */
  readonly path: string
  /** Purpose ids whose consent may need to be asked again. */
  readonly purposes: readonly string[]
  readonly summary: string
  /** What the change names, by manifest id (a country by ISO code), for a reader's sentence in either language. */
  readonly names?: {
    readonly purpose?: string
    readonly category?: string
    readonly processor?: string
    readonly country?: string
    readonly keep?: { readonly from: string; readonly to: string }
  }
}

const longest = (retention: Retention | undefined): number =>
  retention === undefined
    ? 0
    : Math.max(durationDays(retention.keep), retention.legalHold ? durationDays(retention.legalHold.keep) : 0)

const purposeChanges = (before: Manifest, after: Manifest): MaterialChange[] => {
  const changes: MaterialChange[] = []
  for (const [id, purpose] of Object.entries(after.purposes)) {
    const old = before.purposes[id]
    if (old === undefined) {
      changes.push({
        kind: 'purpose-added',
        path: `purposes.${id}`,
        purposes: [id],
        summary: `new purpose "${id}"`,
        names: { purpose: id },
      })
      continue
    }
    for (const category of purpose.categories) {
      if (!old.categories.includes(category)) {
        changes.push({
          kind: 'purpose-category-added',
          path: `purposes.${id}.categories`,
          purposes: [id],
          summary: `purpose "${id}" now uses "${category}"`,
          names: { purpose: id, category },
        })
      }
    }
  }
  return changes
}

const categoryChanges = (before: Manifest, after: Manifest): MaterialChange[] => {
  const changes: MaterialChange[] = []
  for (const [id, category] of Object.entries(after.categories)) {
    const old = before.categories[id]
    if (old === undefined) {
      changes.push({
        kind: 'category-added',
        path: `categories.${id}`,
        purposes: purposesUsingCategory(after, id),
        summary: `new category "${id}"`,
        names: { category: id },
      })
      continue
    }
    if (longest(category.retention) > longest(old.retention) && old.retention !== undefined) {
      changes.push({
        kind: 'retention-extended',
        path: `categories.${id}.retention`,
        purposes: purposesUsingCategory(after, id),
        summary: `"${id}" is kept longer (${old.retention.keep} → ${category.retention?.keep})`,
        names: { category: id, keep: { from: old.retention.keep, to: category.retention?.keep ?? '' } },
      })
    }
  }
  return changes
}

const processorChanges = (before: Manifest, after: Manifest): MaterialChange[] => {
  const changes: MaterialChange[] = []
  const home = after.organisation.homeCountry
  const oldProcessors = before.processors ?? {}
  for (const [id, processor] of Object.entries(after.processors ?? {})) {
    const old = oldProcessors[id]
    const purposes = purposesUsingProcessor(after, id)
    if (old === undefined) {
      changes.push({
        kind: 'processor-added',
        path: `processors.${id}`,
        purposes,
        summary: `new processor "${processorName(processor)}"`,
        names: { processor: id },
      })
    } else {
      for (const category of Object.keys(processor.categories)) {
        if (!Object.hasOwn(old.categories, category)) {
          changes.push({
            kind: 'processor-category-added',
            path: `processors.${id}.categories`,
            purposes,
            summary: `"${processorName(processor)}" now receives "${category}"`,
            names: { processor: id, category },
          })
        }
      }
    }
    const wasAbroad = new Set(old === undefined ? [] : foreignCountries(old, before.organisation.homeCountry))
    for (const country of foreignCountries(processor, home)) {
      if (!wasAbroad.has(country)) {
        changes.push({
          kind: 'transfer-added',
          path: `processors.${id}.countries`,
          purposes,
          summary: `data now goes to ${country} through "${processorName(processor)}"`,
          names: { processor: id, country },
        })
      }
    }
  }
  return changes
}

/** What changed between two manifests that customers must be told about (and may need to consent to again). */
export const diffPolicies = (before: Manifest, after: Manifest): MaterialChange[] => [
  ...purposeChanges(before, after),
  ...categoryChanges(before, after),
  ...processorChanges(before, after),
]
