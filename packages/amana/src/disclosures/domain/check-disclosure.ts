import type { Manifest } from '../../manifest/index.ts'

/** A value the shop may hand over: what a form field or a column holds. */
export type FieldValue = string | number | boolean | null

export interface DisclosureAsk {
  /** The processor's id in amana.yaml `processors:`. */
  readonly processor: string
  /** The purpose in amana.yaml `purposes:` this hand-over serves (its `shares` must name the processor). */
  readonly purpose: string
  /** Field → value. A field is a column named in a category's storage: `column` or `table.column`. */
  readonly fields: Readonly<Record<string, FieldValue>>
}

export type RefusalReason =
  | 'unknown-processor'
  | 'unknown-purpose'
  | 'purpose-does-not-share'
  | 'undeclared-field'
  | 'ambiguous-field'
  | 'category-not-allowed'
  | 'field-not-allowed'
  | 'category-not-shared'

export interface Refusal {
  /** `processor`, `purpose`, or `fields.<name>`: the part of the request refused. */
  readonly field: string
  readonly reason: RefusalReason
  /** What to change, in the request or in amana.yaml. */
  readonly fix: string
}

export type DisclosureCheck =
  | {
      readonly ok: true
      readonly released: Readonly<Record<string, FieldValue>>
      /** Categories of the released fields, sorted. */
      readonly categories: readonly string[]
    }
  | { readonly ok: false; readonly refusals: readonly Refusal[] }

interface FieldHome {
  readonly category: string
  readonly table: string
  readonly column: string
}

/** Every column a category's storage names, by `column` and by `table.column`. */
const fieldHomes = (manifest: Manifest): Map<string, FieldHome[]> => {
  const homes = new Map<string, FieldHome[]>()
  const add = (key: string, home: FieldHome) => {
    const list = homes.get(key) ?? []
    if (!list.some((h) => h.category === home.category && h.table === home.table)) list.push(home)
    homes.set(key, list)
  }
  for (const [category, def] of Object.entries(manifest.categories))
    for (const tables of Object.values(def.storage ?? {}))
      for (const [table, columns] of Object.entries(tables))
        for (const column of columns) {
          add(column, { category, table, column })
          add(`${table}.${column}`, { category, table, column })
        }
  return homes
}

const list = (values: Iterable<string>): string => [...values].join(', ') || '(none)'

/** The processor and purpose named, or the refusals that stop the check before any field is read. */
const checkParties = (manifest: Manifest, ask: DisclosureAsk): Refusal[] => {
  const processors = manifest.processors ?? {}
  const refusals: Refusal[] = []
  if (processors[ask.processor] === undefined)
    refusals.push({
      field: 'processor',
      reason: 'unknown-processor',
      fix: `"${ask.processor}" is not in amana.yaml processors; use one of: ${list(Object.keys(processors))}.`,
    })
  const purpose = manifest.purposes[ask.purpose]
  if (purpose === undefined)
    refusals.push({
      field: 'purpose',
      reason: 'unknown-purpose',
      fix: `"${ask.purpose}" is not in amana.yaml purposes; use one whose shares name the processor: ${list(
        Object.entries(manifest.purposes)
          .filter(([, p]) => p.shares?.[ask.processor] !== undefined)
          .map(([id]) => id),
      )}.`,
    })
  else if (refusals.length === 0 && purpose.shares?.[ask.processor] === undefined)
    refusals.push({
      field: 'purpose',
      reason: 'purpose-does-not-share',
      fix: `purposes.${ask.purpose}.shares does not name ${ask.processor}: send it for a purpose that does, or add "${ask.processor}: [categories]" to purposes.${ask.purpose}.shares in amana.yaml (the policy will then say so).`,
    })
  return refusals
}

/** Why one field may not go to the processor, or undefined when it may. */
const refuseField = (
  manifest: Manifest,
  ask: DisclosureAsk,
  name: string,
  homes: readonly FieldHome[] | undefined,
): Refusal | undefined => {
  const field = `fields.${name}`
  if (homes === undefined || homes.length === 0)
    return {
      field,
      reason: 'undeclared-field',
      fix: `"${name}" is in no category's storage in amana.yaml: leave it out, or declare the column under the category it belongs to.`,
    }
  if (homes.length > 1)
    return {
      field,
      reason: 'ambiguous-field',
      fix: `"${name}" is stored in several tables (${list(homes.map((h) => `${h.table}.${h.column}`))}): name it as table.column.`,
    }
  const home = homes[0] as FieldHome
  const allowed = manifest.processors?.[ask.processor]?.categories[home.category]
  const allowance = `processors.${ask.processor}.categories`
  if (allowed === undefined)
    return {
      field,
      reason: 'category-not-allowed',
      fix: `${ask.processor} may not receive ${home.category} data: remove "${name}" from the request, or add ${home.category} to ${allowance} in amana.yaml (the policy will then say so).`,
    }
  if (allowed !== 'all' && !allowed.includes(home.column))
    return {
      field,
      reason: 'field-not-allowed',
      fix: `${ask.processor} may receive only ${list(allowed)} of ${home.category}: remove "${name}" from the request, or add ${home.column} to ${allowance}.${home.category} in amana.yaml.`,
    }
  const shared = manifest.purposes[ask.purpose]?.shares?.[ask.processor] ?? []
  if (!shared.includes(home.category))
    return {
      field,
      reason: 'category-not-shared',
      fix: `purpose ${ask.purpose} does not send ${home.category} to ${ask.processor}: remove "${name}", or add ${home.category} to purposes.${ask.purpose}.shares.${ask.processor} in amana.yaml.`,
    }
  return undefined
}

/**
 * Whether the shop may hand these fields to this processor for this purpose, by the manifest: the
 * processor's allowlist (`processors.<id>.categories`) and the purpose's `shares`. All or nothing — one
 * field not allowed refuses the hand-over, each refusal naming the field and the fix.
 */
export const checkDisclosure = (manifest: Manifest, ask: DisclosureAsk): DisclosureCheck => {
  const parties = checkParties(manifest, ask)
  if (parties.length > 0) return { ok: false, refusals: parties }
  const homes = fieldHomes(manifest)
  const refusals: Refusal[] = []
  const categories = new Set<string>()
  for (const name of Object.keys(ask.fields)) {
    const refusal = refuseField(manifest, ask, name, homes.get(name))
    if (refusal) refusals.push(refusal)
    else categories.add((homes.get(name) as FieldHome[])[0]?.category as string)
  }
  if (refusals.length > 0) return { ok: false, refusals }
  return { ok: true, released: { ...ask.fields }, categories: [...categories].sort() }
}
