import type { Row } from '../connector.ts'
import type { Match } from './identity-match.ts'

/**
 * SQL text for the few statements the connectors run. Identifiers go through the driver's own
 * quoting; every value is a bound parameter. Pure: the dialect is passed in.
 */
export type Dialect = {
  /** One quoted identifier (a column). */
  quote(identifier: string): string
  /** A quoted, schema-qualified table name. */
  table(name: string): string
  /** Placeholder for the parameter at 1-based `index`. */
  placeholder(index: number): string
  /**
   * A list of values is bound as one array parameter (`= any($1)`, PostgreSQL): the text is the
   * same for any number of values, so it can be prepared once. Otherwise `in (?, ?, …)`.
   */
  readonly arrays?: boolean
  /**
   * CTEs that lock (`select … for update`) or delete (`delete … returning`) rows, inside one
   * `select` (PostgreSQL): a round of reads takes one statement (`readMany`), and rows can be
   * deleted as they are read.
   */
  readonly modifyingCtes?: boolean
  /** The digits of a (quoted) text column without leading zeros: how phones are compared. */
  digits(column: string): string
}

export type Statement = {
  text: string
  params: unknown[]
  /** The text does not depend on the values: a driver may prepare it once per connection. */
  reusable?: boolean
}

/** Values per statement: PostgreSQL allows 65,535 parameters, MySQL's prepared statements as many. */
export const CHUNK = 1000

const list = (d: Dialect, values: readonly unknown[], params: unknown[]) =>
  values
    .map((v) => {
      params.push(v)
      return d.placeholder(params.length)
    })
    .join(', ')

/** The column as compared under `match` (values arrive normalised the same way). */
const compared = (d: Dialect, column: string, match: Match | undefined) =>
  match === 'lower'
    ? `lower(${d.quote(column)})`
    : match === 'digits'
      ? d.digits(d.quote(column))
      : d.quote(column)

/** `column` holds one of `values`. */
const anyOf = (d: Dialect, column: string, values: readonly unknown[], params: unknown[], match?: Match) => {
  if (!d.arrays) return `${compared(d, column, match)} in (${list(d, values, params)})`
  params.push([...values])
  return `${compared(d, column, match)} = any(${d.placeholder(params.length)})`
}

/** Values (or keys of `keyColumns` columns) one statement takes: any number as one array, else `CHUNK`. */
export const valuesPerStatement = (d: Dialect, keyColumns = 1): number =>
  d.arrays && keyColumns === 1 ? Number.POSITIVE_INFINITY : CHUNK

export type Condition = { column: string; values: readonly unknown[]; match?: Match }

/**
 * Rows of `table` where any condition's column holds one of its values. With `remove` the rows
 * are deleted and returned (`delete … returning`, only where the dialect has `modifyingCtes`).
 */
export type TableRead = {
  table: string
  columns: readonly string[]
  conditions: readonly Condition[]
  remove?: boolean
}

/** `select` (or `delete … returning`) of one read; `aliases` rename its columns. */
const readText = (
  d: Dialect,
  read: TableRead,
  forUpdate: boolean,
  params: unknown[],
  aliases?: readonly string[],
) => {
  const columns = read.columns
    .map((c, j) => (aliases ? `${d.quote(c)} as ${d.quote(aliases[j] as string)}` : d.quote(c)))
    .join(', ')
  const where = read.conditions.map((c) => anyOf(d, c.column, c.values, params, c.match)).join(' or ')
  if (read.remove) return `delete from ${d.table(read.table)} where ${where} returning ${columns}`
  return `select ${columns} from ${d.table(read.table)} where ${where}${forUpdate ? ' for update' : ''}`
}

/** One read: the rows it selects (locked with `forUpdate`) or deletes. */
export const readRows = (d: Dialect, read: TableRead, forUpdate: boolean): Statement => {
  const params: unknown[] = []
  return { text: readText(d, read, forUpdate, params), params, reusable: d.arrays === true }
}

/** The generated name of each read's columns in `readMany`: `c0`, `c1`, … across all reads. */
const aliasesOf = (reads: readonly TableRead[]) => {
  let n = 0
  return reads.map((r) => r.columns.map(() => `c${n++}`))
}

/**
 * Several reads in one statement (one round trip): each read is a CTE, their rows are appended
 * with `union all`, each read's columns in a place of their own and NULL elsewhere; column `t` is
 * the read's index. A first branch that returns no row gives every column its type, so
 * PostgreSQL never types a column from NULLs alone. Only generated names (`r0`, `c0`) and quoted
 * plan identifiers reach the text; tables are schema-qualified, so no CTE name shadows one.
 * `splitMany` takes the rows apart again.
 */
export const readMany = (d: Dialect, reads: readonly TableRead[], forUpdate: boolean): Statement => {
  const params: unknown[] = []
  const aliases = aliasesOf(reads)
  const q = d.quote
  const cte = (i: number) => q(`r${i}`)
  const ctes = reads.map((r, i) => `${cte(i)} as (${readText(d, r, forUpdate, params, aliases[i])})`)
  const all = aliases.flat()
  const typing = `select 0 as ${q('t')}, ${aliases
    .flatMap((own, i) => own.map((a) => `${cte(i)}.${q(a)}`))
    .join(', ')} from ${reads.map((_, i) => cte(i)).join(', ')} where 1 = 0`
  const branches = aliases.map((own, i) => {
    const mine = new Set(own)
    return `select ${i}, ${all.map((a) => (mine.has(a) ? q(a) : 'null')).join(', ')} from ${cte(i)}`
  })
  return {
    text: `with ${ctes.join(', ')} ${[typing, ...branches].join(' union all ')}`,
    params,
    reusable: d.arrays === true,
  }
}

/** The rows of `readMany`, per read, under their own column names. */
export const splitMany = (reads: readonly TableRead[], rows: readonly Row[]): Row[][] => {
  const aliases = aliasesOf(reads)
  const out = reads.map((): Row[] => [])
  for (const row of rows) {
    const i = Number(row.t)
    const read = reads[i]
    const own = aliases[i]
    if (!read || !own) continue
    out[i]?.push(Object.fromEntries(read.columns.map((c, j) => [c, row[own[j] as string]])))
  }
  return out
}

/** The row with `key`. */
const keyEquals = (d: Dialect, primaryKey: readonly string[], key: readonly unknown[], params: unknown[]) =>
  primaryKey.map((c, i) => `${d.quote(c)} = ${list(d, [key[i]], params)}`).join(' and ')

const keyPredicate = (
  d: Dialect,
  primaryKey: readonly string[],
  keys: readonly (readonly unknown[])[],
  params: unknown[],
) => {
  if (primaryKey.length === 1)
    return anyOf(
      d,
      primaryKey[0] as string,
      keys.map((k) => k[0]),
      params,
    )
  return keys.map((k) => `(${keyEquals(d, primaryKey, k, params)})`).join(' or ')
}

export const deleteByKeys = (
  d: Dialect,
  table: string,
  primaryKey: readonly string[],
  keys: readonly (readonly unknown[])[],
): Statement => {
  const params: unknown[] = []
  return {
    text: `delete from ${d.table(table)} where ${keyPredicate(d, primaryKey, keys, params)}`,
    params,
    reusable: d.arrays === true && primaryKey.length === 1,
  }
}

export const updateByKey = (
  d: Dialect,
  table: string,
  sets: readonly (readonly [string, unknown])[],
  primaryKey: readonly string[],
  key: readonly unknown[],
): Statement => {
  const params: unknown[] = []
  const assignments = sets.map(([c, v]) => `${d.quote(c)} = ${list(d, [v], params)}`).join(', ')
  return {
    text: `update ${d.table(table)} set ${assignments} where ${keyEquals(d, primaryKey, key, params)}`,
    params,
  }
}

/**
 * Many rows of one table, each with its own values, in one statement:
 * `set c = case when <key> then ? ... else c end`. The `else` branch also gives each untyped
 * parameter the column's type in PostgreSQL.
 */
export const updateRowsByKey = (
  d: Dialect,
  table: string,
  primaryKey: readonly string[],
  rows: readonly { key: readonly unknown[]; sets: readonly (readonly [string, unknown])[] }[],
): Statement => {
  const params: unknown[] = []
  const columns = [...new Set(rows.flatMap((r) => r.sets.map(([c]) => c)))]
  const assignments = columns.map((c) => {
    const whens = rows.flatMap((r) => {
      const set = r.sets.find(([col]) => col === c)
      if (!set) return []
      const when = keyEquals(d, primaryKey, r.key, params)
      return [`when ${when} then ${list(d, [set[1]], params)}`]
    })
    return `${d.quote(c)} = case ${whens.join(' ')} else ${d.quote(c)} end`
  })
  const where = keyPredicate(
    d,
    primaryKey,
    rows.map((r) => r.key),
    params,
  )
  return { text: `update ${d.table(table)} set ${assignments.join(', ')} where ${where}`, params }
}

/** One statement for rows that all take the same values (anonymised to NULL): `set … where key in (…)`. */
export const updateSameByKeys = (
  d: Dialect,
  table: string,
  primaryKey: readonly string[],
  keys: readonly (readonly unknown[])[],
  sets: readonly (readonly [string, unknown])[],
): Statement => {
  const params: unknown[] = []
  const assignments = sets.map(([c, v]) => `${d.quote(c)} = ${list(d, [v], params)}`)
  const where = keyPredicate(d, primaryKey, keys, params)
  return { text: `update ${d.table(table)} set ${assignments.join(', ')} where ${where}`, params }
}

export const chunk = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * What retention finds due: keys of `table`'s rows whose `column` (a time) is at or before
 * `before`, after key `after` and up to key `through` when given, in key order, at most `limit`
 * (every due key of the range when absent: a recorded batch read again).
 * Set-based and bounded, so a sweep reads its next batch in one statement (an index on `column` or
 * the key serves it).
 */
export type DueQuery = {
  table: string
  key: string
  column: string
  before: Date
  after?: unknown
  /** The last key a batch may hold (a resumed sweep reading a recorded batch's range again). */
  through?: unknown
  limit?: number
  /** Only rows holding a value in one of these columns: what an earlier anonymisation set NULL. */
  notNullIn?: readonly string[]
  /** The sweep's time, as of which a table's legal hold is judged (now when absent). */
  asOf?: Date
}

const stillHolding = (d: Dialect, columns: readonly string[] | undefined) =>
  columns?.length ? ` and (${columns.map((c) => `${d.quote(c)} is not null`).join(' or ')})` : ''

export const dueKeysStatement = (d: Dialect, q: DueQuery): Statement => {
  const params: unknown[] = [q.before]
  const after = q.after === undefined ? '' : ` and ${d.quote(q.key)} > ${d.placeholder(params.push(q.after))}`
  const through =
    q.through === undefined ? '' : ` and ${d.quote(q.key)} <= ${d.placeholder(params.push(q.through))}`
  const limit = q.limit === undefined ? '' : ` limit ${Math.max(1, Math.floor(q.limit))}`
  return {
    text: `select ${d.quote(q.key)} as k from ${d.table(q.table)} where ${d.quote(q.column)} <= ${d.placeholder(1)}${after}${through}${stillHolding(d, q.notNullIn)} order by ${d.quote(q.key)}${limit}`,
    params,
  }
}

/** How many rows of `table` have `column` at or before `before` (a dry run's count). */
export const countDueStatement = (d: Dialect, q: Omit<DueQuery, 'key' | 'after' | 'limit'>): Statement => ({
  text: `select count(*) as n from ${d.table(q.table)} where ${d.quote(q.column)} <= ${d.placeholder(1)}${stillHolding(d, q.notNullIn)}`,
  params: [q.before],
})
