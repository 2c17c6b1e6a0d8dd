import type { PreflightIssue, PreflightResult } from '../connector.ts'
import type { DatasetPlan, TablePlan } from '../plan.ts'
import { type LiveCopyParam, roleWords, withCopy } from './copy/index.ts'
import { checkForeignKeys } from './foreign-key-check.ts'
import { checkWritableTypes } from './live-findings.ts'
import type { SchemaInfo } from './schema-info.ts'

/** Checks every table and column a system's plan names against its real schema. */
export const checkPlanAgainstSchema = (
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date = new Date(),
): PreflightResult => {
  const issues: PreflightIssue[] = []
  /** A missing column: where the manifest declares it, else what the plan needs it for. */
  const missingColumn = (table: string, column: string, where: string | undefined, role?: LiveCopyParam) =>
    withCopy(
      { system, table, column, ...(where ? { declaredAt: where } : {}) },
      where ? 'schema.column-missing' : role ? 'schema.column-missing.role' : 'schema.column-missing.bare',
      { system, table, column, ...(where ? { declaredAt: where } : role ? { role } : {}) },
    )
  for (const t of tables) {
    const columns = schema.tables.get(t.table)
    if (!columns) {
      const at = t.declaredAt ? { declaredAt: t.declaredAt } : {}
      issues.push(
        withCopy(
          { system, table: t.table, ...at },
          t.declaredAt ? 'schema.table-missing' : 'schema.table-missing.bare',
          { system, table: t.table, ...at },
        ),
      )
      continue
    }
    const seen = new Set<string>()
    const need = (column: string, declaredAt: string | undefined, role: LiveCopyParam) => {
      if (columns.has(column) || seen.has(column)) return
      seen.add(column)
      issues.push(missingColumn(t.table, column, declaredAt ?? t.declaredAt, role))
    }
    for (const k of t.primaryKey) need(k, t.declaredAt, roleWords({ kind: 'primary-key' }))
    for (const i of t.identity)
      need(i.column, i.declaredAt, roleWords({ kind: 'identity', identity: i.kind }))
    for (const r of t.references) {
      need(r.column, r.declaredAt, roleWords({ kind: 'reference', to: `${r.to.table}.${r.to.column}` }))
      if (r.to.system !== undefined && r.to.system !== system) continue
      const target = schema.tables.get(r.to.table)
      if (target && !target.has(r.to.column))
        issues.push(missingColumn(r.to.table, r.to.column, r.declaredAt))
    }
    for (const f of t.fields) need(f.column, f.declaredAt, roleWords({ kind: 'field', category: f.category }))
    if (t.files) need(t.files.column, t.declaredAt, roleWords({ kind: 'files', store: t.files.store }))
  }
  // Foreign keys only once every named column exists: their findings assume the plan's shape.
  if (issues.length > 0) return { ok: false, issues }
  issues.push(...checkForeignKeys(system, tables, schema, now))
  // Columns an erasure would write a value into that the column refuses (an enum's placeholder).
  for (const { severity, ...issue } of checkWritableTypes(system, tables, schema, now))
    if (severity === 'error') issues.push(issue)
  return issues.length === 0 ? { ok: true } : { ok: false, issues }
}

/** A column of this system another system's reference reads its values from (`crm.customers.email`). */
export type IncomingReference = {
  from: string
  fromTable: string
  fromColumn: string
  table: string
  column: string
}

/**
 * References from other systems into this one name a table and column that exist here: a
 * request's pre-flight stops on a broken one, as `amana check` does, before any system changes.
 */
export const checkIncoming = (
  system: string,
  schema: SchemaInfo,
  refs: readonly IncomingReference[],
): PreflightIssue[] =>
  refs.flatMap((r) => {
    const table = schema.tables.get(r.table)
    if (table?.has(r.column)) return []
    return [
      withCopy(
        { system, table: r.table, column: r.column },
        table ? 'schema.incoming.column-missing' : 'schema.incoming.table-missing',
        {
          system,
          table: r.table,
          ...(table ? { column: r.column } : {}),
          from: `${r.from}.${r.fromTable}.${r.fromColumn}`,
          fromSystem: r.from,
          example: `${system}.<table>.<column>`,
        },
      ),
    ]
  })

/** The references of other systems' tables into `system` (`references: { email: crm.customers.email }`). */
export const incomingReferences = (plan: DatasetPlan, system: string): IncomingReference[] =>
  plan.tables.flatMap((t) =>
    t.references.flatMap((r) =>
      r.to.system === system && t.system !== system
        ? [
            {
              from: t.system,
              fromTable: t.table,
              fromColumn: r.column,
              table: r.to.table,
              column: r.to.column,
            },
          ]
        : [],
    ),
  )
