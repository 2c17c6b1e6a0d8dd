import type { PreflightIssue } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import { identityMatcher } from './identity-match.ts'
import type { SchemaInfo } from './schema-info.ts'

/** An expression index of `table` on `fn(… column …)` (PostgreSQL's definition text). */
const hasExpressionIndex = (schema: SchemaInfo, table: string, fn: RegExp, column: string) =>
  (schema.expressionIndexes?.get(table) ?? []).some(
    (def) => fn.test(def) && new RegExp(`\\b"?${column.replace(/\W/g, '\\$&')}"?\\b`).test(def),
  )

/** A case-sensitive identity column an index on lower(column) serves: what Amana does, no fix needed. */
const caseSensitive = (system: string, table: string, column: string, kind: string): PreflightIssue => ({
  system,
  table,
  column,
  message: `${system}: ${table}.${column} (identity ${kind}) is case-sensitive: "=" would miss "Jane.Doe@…" stored for "jane.doe@…", so Amana compares lower(${column}) = lower(value), and an index on lower(${column}) serves it. No fix needed (citext on PostgreSQL or a _ci collation on MySQL/MariaDB would make the column's own "=" ignore case)`,
})

/**
 * Lookups a request makes that no index serves, as warnings with the fix: identity columns (as
 * they are compared: plain, `lower(…)` or digits) and the columns references are followed by.
 * Each is a full read of the table for every request; nothing breaks, it is slow at scale. A
 * case-sensitive identity column is reported whether an index serves it or not, saying that
 * Amana compares it lower-cased.
 */
export const checkIndexes = (
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
): PreflightIssue[] => {
  if (!schema.indexed) return []
  const indexed = schema.indexed
  const matchOf = identityMatcher(tables, schema)
  const issues: PreflightIssue[] = []
  const seen = new Set<string>()
  const warn = (table: string, column: string, why: string, fix: string) => {
    const slot = `${table}\u0000${column}`
    // A column that does not exist is pre-flight's finding, not a missing index.
    if (seen.has(slot) || !schema.tables.get(table)?.has(column)) return
    seen.add(slot)
    issues.push({
      system,
      table,
      column,
      message: `${system}: ${table}.${column} (${why}) has no index that serves it: every request reads the whole table. Fix: ${fix}`,
    })
  }
  for (const t of tables) {
    if (!schema.tables.has(t.table)) continue
    for (const i of t.identity) {
      const match = matchOf(t.table, i.column)
      const plain = indexed.has(`${t.table}\u0000${i.column}`)
      if (match === 'exact' && !plain)
        warn(t.table, i.column, `identity ${i.kind}`, `create index on ${t.table} (${i.column})`)
      if (match === 'lower') {
        const fix = `create index on ${t.table} (lower(${i.column})) on PostgreSQL; on MySQL/MariaDB give the column a _ci collation or index a generated column lower(${i.column})`
        if (!hasExpressionIndex(schema, t.table, /lower\(/i, i.column))
          warn(t.table, i.column, `identity ${i.kind}, case-sensitive, compared as lower(${i.column})`, fix)
        else issues.push(caseSensitive(system, t.table, i.column, i.kind))
      }
      if (match === 'digits' && !hasExpressionIndex(schema, t.table, /regexp_replace\(/i, i.column))
        warn(
          t.table,
          i.column,
          `identity ${i.kind}, compared by its digits`,
          `create index on ${t.table} ((ltrim(regexp_replace(${i.column}, '[^0-9]', '', 'g'), '0'))) on PostgreSQL, or store phones as E.164 digits in an indexed column`,
        )
    }
    for (const r of t.references) {
      if ((r.to.system ?? t.system) !== t.system) continue
      // Down: this table is read by its column; up: the parent is read by its column.
      const [table, column] = r.follow === 'up' ? [r.to.table, r.to.column] : [t.table, r.column]
      if (schema.tables.has(table) && !indexed.has(`${table}\u0000${column}`))
        warn(table, column, 'reference followed by it', `create index on ${table} (${column})`)
    }
  }
  return issues
}
