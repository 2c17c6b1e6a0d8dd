import type { Locale } from '@amana/web'
import { type DatasetPlan, type FieldHold, rowHoldUntil } from '../../connectors/index.ts'
import type { Manifest, Text } from '../../manifest/index.ts'
import type { CollectedSystem } from './build-access-package.ts'

/** What a legal hold would keep of the requester's records if they asked for erasure, and until when. */
export type PackageHold = {
  readonly system: string
  readonly table: string
  readonly columns: readonly string[]
  /** The kept data in the manifest's words (its categories' descriptions). */
  readonly name: string
  readonly reason: string
  readonly law?: string
  readonly keep: string
  readonly after: string
  /** The earliest and latest end of the hold over the records (ISO). */
  readonly until: readonly [string, string]
  readonly records: number
}

const textIn = (text: Text | undefined, locale: Locale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

/**
 * Per table and hold: the held columns of the requester's records, why, under which law and until
 * when (each record's end counted from its event column when the plan names one, else from today,
 * as an erasure today would). Records whose hold has already ended are not listed. Pure.
 */
export const heldInPackage = (input: {
  plan: DatasetPlan
  manifest: Manifest
  collected: readonly CollectedSystem[]
  locale: Locale
  now: Date
}): PackageHold[] => {
  const out: PackageHold[] = []
  for (const s of input.collected)
    for (const t of s.tables) {
      const table = input.plan.tables.find((x) => x.system === s.system && x.table === t.table)
      const groups = new Map<string, { hold: FieldHold; columns: string[]; categories: Set<string> }>()
      for (const f of table?.fields ?? []) {
        if (f.onErase !== 'keep' || !f.hold) continue
        const id = JSON.stringify(f.hold)
        const g = groups.get(id) ?? { hold: f.hold, columns: [], categories: new Set<string>() }
        g.columns.push(f.column)
        g.categories.add(f.category)
        groups.set(id, g)
      }
      for (const { hold, columns, categories } of groups.values()) {
        const ends = t.rows
          .map((r) => rowHoldUntil(hold, r, input.now).toISOString())
          .filter((d) => d > input.now.toISOString())
          .sort()
        const [first] = ends
        if (!first) continue
        const name = [...categories]
          .map((c) => {
            const category = input.manifest.categories[c]
            return textIn(category?.description, input.locale) ?? textIn(category?.label, input.locale) ?? c
          })
          .join('; ')
        out.push({
          system: s.system,
          table: t.table,
          columns,
          name,
          reason: textIn(hold.reason, input.locale) ?? '',
          ...(hold.law ? { law: hold.law } : {}),
          keep: hold.keep,
          after: hold.after,
          until: [first, ends[ends.length - 1] ?? first],
          records: ends.length,
        })
      }
    }
  return out
}
