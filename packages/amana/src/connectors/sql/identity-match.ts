import type { TablePlan } from '../plan.ts'
import type { SchemaInfo } from './schema-info.ts'

/**
 * How a column's values are compared with an identifier: `exact` (the column's own comparison,
 * which for a `_ci` collation or `citext` already ignores case), `lower` (both sides lower-cased:
 * an email in a case-sensitive column) or `digits` (both sides reduced to their digits without
 * leading zeros: a phone, however spelt, compares as its E.164 digits).
 */
export type Match = 'exact' | 'lower' | 'digits'

/** A value as the column is compared under `match`; undefined when nothing is left to compare. */
export const normaliseFor = (match: Match, value: unknown): unknown => {
  if (value === null || value === undefined) return undefined
  if (match === 'exact' || (typeof value !== 'string' && typeof value !== 'number')) return value
  const text = String(value)
  const out = match === 'lower' ? text.trim().toLowerCase() : text.replace(/\D/g, '').replace(/^0+/, '')
  return out === '' ? undefined : out
}

/**
 * The comparison of each (table, column), decided from the real schema at pre-flight: identity
 * columns of text only; every other column is compared exactly (keys and references).
 */
export const identityMatcher =
  (tables: readonly TablePlan[], schema: SchemaInfo) =>
  (table: string, column: string): Match => {
    const kinds = new Set(
      tables.find((t) => t.table === table)?.identity.flatMap((i) => (i.column === column ? [i.kind] : [])),
    )
    const info = schema.tables.get(table)?.get(column)
    if (info?.type !== 'text') return 'exact'
    if (kinds.has('email')) return info.caseInsensitive ? 'exact' : 'lower'
    if (kinds.has('phone')) return 'digits'
    return 'exact'
  }
