import type { EraseOptions } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import type { Found } from './closure.ts'
import { clockField } from './plan-erase.ts'

/**
 * Found rows of tables whose holds have no column timing their event get the time the shop
 * recorded for it (`POST /v1/events`, asked through `eventTimes` by the rows' first key column), so
 * each row's hold counts from its own event instead of the erasure. Rows are changed in place.
 */
export const addEventTimes = async (
  tables: readonly TablePlan[],
  found: Found,
  eventTimes: EraseOptions['eventTimes'],
): Promise<void> => {
  if (!eventTimes) return
  for (const t of tables) {
    const rows = [...(found.get(t.table)?.values() ?? [])]
    const key = t.primaryKey[0]
    if (rows.length === 0 || key === undefined) continue
    const events = new Set(t.fields.flatMap((f) => (f.hold && !f.hold.eventColumn ? [f.hold.after] : [])))
    for (const event of events) {
      const times = await eventTimes({ table: t.table, event, keys: rows.map((r) => String(r[key])) })
      for (const row of rows) {
        const at = times.get(String(row[key]))
        if (at) row[clockField(event)] = at
      }
    }
  }
}
