import type { PreflightIssue } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import { identityKindWords, type LiveFindingKey, withCopy } from './copy/index.ts'
import { identityMatcher } from './identity-match.ts'
import type { SchemaInfo } from './schema-info.ts'

/** An expression index of `table` on `fn(… column …)` (PostgreSQL's definition text). */
const hasExpressionIndex = (schema: SchemaInfo, table: string, fn: RegExp, column: string) =>
  (schema.expressionIndexes?.get(table) ?? []).some(
    (def) => fn.test(def) && new RegExp(`\\b"?${column.replace(/\W/g, '\\$&')}"?\\b`).test(def),
  )

/** A case-sensitive identity column an index on lower(column) serves: what Amana does, no fix needed. */
const caseSensitive = (system: string, table: string, column: string, kind: string): PreflightIssue =>
  withCopy({ system, table, column }, 'index.case-sensitive', {
    system,
    table,
    column,
    kind: identityKindWords(kind),
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
  const warn = (table: string, column: string, key: LiveFindingKey, kind?: string) => {
    const slot = `${table}\u0000${column}`
    // A column that does not exist is pre-flight's finding, not a missing index.
    if (seen.has(slot) || !schema.tables.get(table)?.has(column)) return
    seen.add(slot)
    issues.push(
      withCopy({ system, table, column }, key, {
        system,
        table,
        column,
        ...(kind ? { kind: identityKindWords(kind) } : {}),
      }),
    )
  }
  for (const t of tables) {
    if (!schema.tables.has(t.table)) continue
    for (const i of t.identity) {
      const match = matchOf(t.table, i.column)
      const plain = indexed.has(`${t.table}\u0000${i.column}`)
      if (match === 'exact' && !plain) warn(t.table, i.column, 'index.identity', i.kind)
      if (match === 'lower') {
        if (!hasExpressionIndex(schema, t.table, /lower\(/i, i.column))
          warn(t.table, i.column, 'index.lower', i.kind)
        else issues.push(caseSensitive(system, t.table, i.column, i.kind))
      }
      if (match === 'digits' && !hasExpressionIndex(schema, t.table, /regexp_replace\(/i, i.column))
        warn(t.table, i.column, 'index.digits', i.kind)
    }
    for (const r of t.references) {
      if ((r.to.system ?? t.system) !== t.system) continue
      // Down: this table is read by its column; up: the parent is read by its column.
      const [table, column] = r.follow === 'up' ? [r.to.table, r.to.column] : [t.table, r.column]
      if (schema.tables.has(table) && !indexed.has(`${table}\u0000${column}`))
        warn(table, column, 'index.reference')
    }
  }
  return issues
}
