import type { Row } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import { rowKey, type Traversal, valueKey } from './closure.ts'
import type { SchemaInfo } from './schema-info.ts'
import type { TableRead } from './statements.ts'

type Source = { table: string; column: string; refColumn: string }

/** Every (table, column) that may refer to `table`: the schema's foreign keys and the plan's references. */
const sourcesOf = (table: string, tables: readonly TablePlan[], schema: SchemaInfo): Source[] => {
  const sources = new Map<string, Source>()
  for (const fk of schema.foreignKeys)
    if (fk.refTable === table)
      sources.set(`${fk.table}\u0000${fk.column}`, {
        table: fk.table,
        column: fk.column,
        refColumn: fk.refColumn,
      })
  for (const t of tables)
    for (const r of t.references)
      if ((r.to.system ?? t.system) === t.system && r.to.table === table)
        sources.set(`${t.table}\u0000${r.column}`, {
          table: t.table,
          column: r.column,
          refColumn: r.to.column,
        })
  return [...sources.values()]
}

/**
 * The rows reached only upwards (see `Traversal.linked`) that someone other than the subject refers
 * to, per table. Each referring table is asked for its key and the link alone (no other column of
 * anyone else's row is read); a row of a table the plan does not declare always counts as someone
 * else's. A linked row whose referred column was not read counts as shared: never changed on a guess.
 */
export const findSharedRows = async (
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  { found, linked }: Traversal,
  read: (read: TableRead) => Promise<Row[]>,
): Promise<Map<string, Set<string>>> => {
  const byName = new Map(tables.map((t) => [t.table, t]))
  const shared = new Map<string, Set<string>>()
  for (const [tableName, keys] of linked) {
    const table = byName.get(tableName)
    if (!table || keys.size === 0) continue
    const rows = [...keys].flatMap((k) => {
      const row = found.get(tableName)?.get(k)
      return row ? [{ key: k, row }] : []
    })
    const mine = new Set<string>()
    shared.set(tableName, mine)
    for (const source of sourcesOf(tableName, tables, schema)) {
      const wanted = new Map<string, { raw: unknown; key: string }>()
      for (const { key, row } of rows) {
        const raw = row[source.refColumn]
        if (raw === undefined) mine.add(key)
        else if (raw !== null) wanted.set(valueKey(raw), { raw, key })
      }
      if (wanted.size === 0) continue
      const child = byName.get(source.table)
      const theirs = child ? found.get(source.table) : undefined
      const refs = await read({
        table: source.table,
        columns: child ? [...new Set([...child.primaryKey, source.column])] : [source.column],
        conditions: [{ column: source.column, values: [...wanted.values()].map((w) => w.raw) }],
      })
      for (const ref of refs) {
        if (child && theirs?.has(rowKey(child, ref))) continue
        const parent = wanted.get(valueKey(ref[source.column]))
        if (parent) mine.add(parent.key)
      }
    }
  }
  return shared
}
