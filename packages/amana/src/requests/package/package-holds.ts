import type { CountedFromView, Locale } from '@amana/web'
import {
  clockField,
  type DatasetPlan,
  type FieldHold,
  holdEventOf,
  holdUntil,
  type Row,
  type TablePlan,
} from '../../connectors/index.ts'
import type { Manifest, Text } from '../../manifest/index.ts'
import type { HoldEventClock } from '../ports.ts'
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
  /** What the period counts from, as the erasure's report and the dry run code it (`rp.from.*`). */
  readonly countedFrom: CountedFromView
  /** The earliest and latest end of the hold over the records (ISO). */
  readonly until: readonly [string, string]
  readonly records: number
}

/** When the shop recorded holds' events for the collected rows: per `system/table/event`, by record key. */
export type RecordedEvents = ReadonlyMap<string, ReadonlyMap<string, Date>>

const recordedId = (system: string, table: string, event: string) => `${system}\u0000${table}\u0000${event}`

/** Events of a table's holds that no column times: the shop may have recorded them (`POST /v1/events`). */
const clockedEvents = (table: TablePlan | undefined): Set<string> =>
  new Set((table?.fields ?? []).flatMap((f) => (f.hold && !f.hold.eventColumn ? [f.hold.after] : [])))

/**
 * The times the shop recorded for the collected rows' hold events, asked of the same event clock
 * the erasure asks (by the rows' first key column, as the erasure does), so the package states the
 * end the erasure would record.
 */
export const recordedEvents = async (
  plan: DatasetPlan,
  collected: readonly CollectedSystem[],
  eventTimes: HoldEventClock,
): Promise<RecordedEvents> => {
  const out = new Map<string, ReadonlyMap<string, Date>>()
  for (const s of collected)
    for (const t of s.tables) {
      const table = plan.tables.find((x) => x.system === s.system && x.table === t.table)
      const key = table?.primaryKey[0]
      if (key === undefined || t.rows.length === 0) continue
      const keys = t.rows.map((r) => String(r[key]))
      for (const event of clockedEvents(table))
        out.set(
          recordedId(s.system, t.table, event),
          await eventTimes({ system: s.system, table: t.table, event, keys }),
        )
    }
  return out
}

const textIn = (text: Text | undefined, locale: Locale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

type Group = {
  hold: FieldHold
  from: CountedFromView
  columns: string[]
  categories: Set<string>
  ends: string[]
}

/**
 * A table's held columns grouped by hold and by what each row's period counts from, with each
 * row's end: the erasure's own function (`holdEventOf`) over the row as the erasure sees it.
 */
const groupsOf = (
  system: string,
  table: TablePlan,
  rows: readonly Row[],
  recorded: RecordedEvents | undefined,
  now: Date,
): Group[] => {
  const groups = new Map<string, Group>()
  const key = table.primaryKey[0]
  for (const f of table.fields) {
    if (f.onErase !== 'keep' || !f.hold) continue
    const hold = f.hold
    const times = recorded?.get(recordedId(system, table.table, hold.after))
    for (const row of rows) {
      const at = key === undefined ? undefined : times?.get(String(row[key]))
      const event = holdEventOf(hold, table.table, at ? { ...row, [clockField(hold.after)]: at } : row, now)
      const until = holdUntil(hold.keep, event.at).toISOString()
      if (until <= now.toISOString()) continue
      const id = `${JSON.stringify(hold)}\u0000${JSON.stringify(event.basis)}`
      const g = groups.get(id) ?? { hold, from: event.basis, columns: [], categories: new Set(), ends: [] }
      if (!g.columns.includes(f.column)) g.columns.push(f.column)
      g.categories.add(f.category)
      if (g.columns[0] === f.column) g.ends.push(until)
      groups.set(id, g)
    }
  }
  return [...groups.values()]
}

/**
 * Per table and hold: the held columns of the requester's records, why, under which law, until
 * when and counted from what (each record's event column when the plan names one, else the time
 * the shop recorded for the event, else today, as an erasure today would). Records whose hold has
 * already ended are not listed. Pure.
 */
export const heldInPackage = (input: {
  plan: DatasetPlan
  manifest: Manifest
  collected: readonly CollectedSystem[]
  locale: Locale
  now: Date
  recorded?: RecordedEvents
}): PackageHold[] => {
  const out: PackageHold[] = []
  for (const s of input.collected)
    for (const t of s.tables) {
      const table = input.plan.tables.find((x) => x.system === s.system && x.table === t.table)
      if (!table) continue
      for (const { hold, from, columns, categories, ends } of groupsOf(
        s.system,
        table,
        t.rows,
        input.recorded,
        input.now,
      )) {
        const sorted = [...ends].sort()
        const [first] = sorted
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
          countedFrom: from,
          until: [first, sorted[sorted.length - 1] ?? first],
          records: sorted.length,
        })
      }
    }
  return out
}
