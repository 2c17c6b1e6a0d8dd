import type { Row } from '../connector.ts'
import type { IdentityKind, Subject, TablePlan } from '../plan.ts'
import { type Match, normaliseFor } from './identity-match.ts'

/** Rows of `table` where any condition's column holds one of its values. */
export type TableRead = {
  table: TablePlan
  columns: readonly string[]
  conditions: readonly { column: string; values: readonly unknown[]; match?: Match }[]
}

/** The rows of each read, in order: all reads of one round, which depend on no other. */
export type ReadRound = (reads: readonly TableRead[]) => Promise<Row[][]>

/** Rows found per table, keyed by their primary key. */
export type Found = Map<string, Map<string, Row>>

/**
 * What a traversal found: every row, and per table the keys of rows reached only by a `follow: 'up'`
 * reference (a parent others may share: in access as it is, changed by an erasure only when no
 * one else refers to it).
 */
export type Traversal = { found: Found; linked: Map<string, Set<string>> }

export const valueKey = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : String(v)

export const rowKey = (table: TablePlan, row: Row): string =>
  JSON.stringify(table.primaryKey.map((c) => valueKey(row[c])))

/** Spellings under which a shop may have stored an identifier; matched exactly so indexes apply. */
export const identityValues = (kind: IdentityKind, value: string): string[] => {
  const v = value.trim()
  if (kind === 'email') return [...new Set([v, v.toLowerCase()])]
  if (kind === 'phone') return [...new Set([v, v.replace(/[\s\-().]/g, '')])]
  return [v]
}

/** `up`: to the one row a subject's row refers to (`follow: 'up'`), which finds nothing else. */
type Edge = { fromColumn: string; toTable: string; toColumn: string; up?: boolean }

/**
 * Columns a table is read with: what the traversal needs (key, identifiers, references both
 * ways), the files column, and the plan's fields — `fields: 'all'` for what the subject sees,
 * `'anonymised'` for an erasure, which compares only the columns it may rewrite.
 */
export const columnsToRead = (
  table: TablePlan,
  tables: readonly TablePlan[],
  system: string,
  fields: 'all' | 'anonymised' = 'all',
): string[] => {
  const cols = new Set<string>(table.primaryKey)
  for (const i of table.identity) cols.add(i.column)
  for (const r of table.references) cols.add(r.column)
  for (const f of table.fields) if (fields === 'all' || f.onErase === 'anonymise') cols.add(f.column)
  if (table.files) cols.add(table.files.column)
  for (const other of tables)
    for (const r of other.references)
      if ((r.to.system ?? other.system) === system && r.to.table === table.table) cols.add(r.to.column)
  return [...cols]
}

const edgesOf = (tables: readonly TablePlan[], system: string): Map<string, Edge[]> => {
  const edges = new Map<string, Edge[]>()
  const add = (from: string, e: Edge) => edges.set(from, [...(edges.get(from) ?? []), e])
  for (const t of tables)
    for (const r of t.references) {
      if ((r.to.system ?? t.system) !== system) continue
      if (r.follow === 'up') {
        add(t.table, { fromColumn: r.column, toTable: r.to.table, toColumn: r.to.column, up: true })
        continue
      }
      add(r.to.table, { fromColumn: r.to.column, toTable: t.table, toColumn: r.column })
      if (r.identifiesParent)
        add(t.table, { fromColumn: r.column, toTable: r.to.table, toColumn: r.to.column })
    }
  // An identifier found on a subject's row is theirs too: a customer found by phone brings the
  // email their guest orders were placed under.
  for (const t of tables)
    for (const i of t.identity)
      for (const u of tables)
        for (const j of u.identity)
          if (i.kind === j.kind && !(t.table === u.table && i.column === j.column))
            add(t.table, { fromColumn: i.column, toTable: u.table, toColumn: j.column })
  return edges
}

/**
 * Every row of the subject's personal data in one system: rows matching an identifier or a seed,
 * then, round by round, rows referring to rows already found and rows sharing an identifier
 * found on them. Each (table, column, value) is
 * queried once, so reference cycles end.
 */
// long-function: one breadth-first search; its rounds share the frontier and the set of values already queried
export const findSubjectRows = async (
  tables: readonly TablePlan[],
  system: string,
  subject: Subject,
  read: ReadRound,
  options: {
    fields?: 'all' | 'anonymised'
    /** How each column compares with a value (see `identityMatcher`); exact by default. */
    matchOf?: (table: string, column: string) => Match
    /** Columns to read besides the plan's (an erasure's foreign keys, which it may set NULL). */
    extraColumns?: (table: string) => readonly string[]
  } = {},
): Promise<Traversal> => {
  const { fields = 'all', matchOf = () => 'exact', extraColumns = () => [] } = options
  const byName = new Map(tables.map((t) => [t.table, t]))
  const columnsOf = new Map(
    tables.map((t) => [
      t.table,
      [...new Set([...columnsToRead(t, tables, system, fields), ...extraColumns(t.table)])],
    ]),
  )
  const edges = edgesOf(tables, system)
  const found: Found = new Map(tables.map((t) => [t.table, new Map()]))
  const linked = new Map<string, Set<string>>(tables.map((t) => [t.table, new Set()]))
  const queried = new Map<string, Set<string>>()
  type Pending = { table: string; column: string; match: Match; up: boolean; values: Map<string, unknown> }
  let pending = new Map<string, Pending>()

  const want = (table: string, column: string, values: Iterable<unknown>, up = false) => {
    const slot = `${table}\u0000${column}${up ? '\u0000up' : ''}`
    const done = queried.get(slot)
    const match = matchOf(table, column)
    for (const raw of values) {
      const v = normaliseFor(match, raw)
      if (v === null || v === undefined) continue
      const k = valueKey(v)
      if (done?.has(k)) continue
      let p = pending.get(slot)
      if (!p) {
        p = { table, column, match, up, values: new Map() }
        pending.set(slot, p)
      }
      p.values.set(k, v)
    }
  }

  for (const t of tables)
    for (const i of t.identity)
      for (const id of subject.identifiers)
        if (id.kind === i.kind) want(t.table, i.column, identityValues(id.kind, id.value))
  for (const s of subject.seeds ?? []) if (byName.has(s.table)) want(s.table, s.column, s.values)

  const tableRead = (table: TablePlan, slots: readonly Pending[]): TableRead => ({
    table,
    columns: columnsOf.get(table.table) ?? [],
    conditions: slots.map((p) => ({
      column: p.column,
      values: [...p.values.values()],
      ...(p.match === 'exact' ? {} : { match: p.match }),
    })),
  })

  while (pending.size > 0) {
    const round = [...pending.entries()]
    pending = new Map()
    for (const [slot, p] of round) {
      const done = queried.get(slot) ?? new Set()
      for (const k of p.values.keys()) done.add(k)
      queried.set(slot, done)
    }
    // One read per table and round, its columns OR-ed together; rows reached only upwards apart.
    const byTable = new Map<string, Pending[]>()
    for (const [, p] of round) {
      const group = `${p.table}\u0000${p.up}`
      byTable.set(group, [...(byTable.get(group) ?? []), p])
    }
    const work = [...byTable.values()]
    const results = await read(
      work.map((slots) => tableRead(byName.get(slots[0]?.table as string) as TablePlan, slots)),
    )
    for (const [i, slots] of work.entries()) {
      const rows = results[i] ?? []
      const tableName = slots[0]?.table as string
      const up = slots[0]?.up === true
      const table = byName.get(tableName) as TablePlan
      const seen = found.get(tableName) as Map<string, Row>
      const onlyLinked = linked.get(tableName) as Set<string>
      const full: Row[] = []
      const fresh: Row[] = []
      for (const row of rows) {
        const k = rowKey(table, row)
        if (!seen.has(k)) {
          seen.set(k, row)
          fresh.push(row)
          if (up) onlyLinked.add(k)
          else full.push(row)
        } else if (!up && onlyLinked.delete(k)) full.push(row)
      }
      for (const e of edges.get(tableName) ?? [])
        want(
          e.toTable,
          e.toColumn,
          (e.up ? [...full, ...(up ? fresh : [])] : full).map((r) => r[e.fromColumn]),
          e.up === true,
        )
    }
  }
  return { found, linked }
}
