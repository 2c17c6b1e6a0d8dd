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
}

export type Statement = { text: string; params: unknown[] }

/** Values per statement: PostgreSQL allows 65,535 parameters, MySQL's prepared statements as many. */
export const CHUNK = 1000

const list = (d: Dialect, values: readonly unknown[], params: unknown[]) =>
  values
    .map((v) => {
      params.push(v)
      return d.placeholder(params.length)
    })
    .join(', ')

export type Condition = { column: string; values: readonly unknown[] }

/** Rows where any condition's column holds one of its values. */
export const selectWhereAnyIn = (
  d: Dialect,
  table: string,
  columns: readonly string[],
  conditions: readonly Condition[],
  forUpdate: boolean,
): Statement => {
  const params: unknown[] = []
  const where = conditions.map((c) => `${d.quote(c.column)} in (${list(d, c.values, params)})`).join(' or ')
  const text = `select ${columns.map(d.quote).join(', ')} from ${d.table(table)} where ${where}${forUpdate ? ' for update' : ''}`
  return { text, params }
}

const keyPredicate = (
  d: Dialect,
  primaryKey: readonly string[],
  keys: readonly (readonly unknown[])[],
  params: unknown[],
) => {
  if (primaryKey.length === 1)
    return `${d.quote(primaryKey[0] as string)} in (${list(
      d,
      keys.map((k) => k[0]),
      params,
    )})`
  return keys
    .map((k) => `(${primaryKey.map((c, i) => `${d.quote(c)} = ${list(d, [k[i]], params)}`).join(' and ')})`)
    .join(' or ')
}

export const deleteByKeys = (
  d: Dialect,
  table: string,
  primaryKey: readonly string[],
  keys: readonly (readonly unknown[])[],
): Statement => {
  const params: unknown[] = []
  return { text: `delete from ${d.table(table)} where ${keyPredicate(d, primaryKey, keys, params)}`, params }
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
    text: `update ${d.table(table)} set ${assignments} where ${keyPredicate(d, primaryKey, [key], params)}`,
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
      const when = keyPredicate(d, primaryKey, [r.key], params)
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

export const chunk = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
