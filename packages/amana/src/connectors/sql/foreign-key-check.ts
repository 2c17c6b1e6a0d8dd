import type { PreflightIssue } from '../connector.ts'
import { isHeld, type TablePlan } from '../plan.ts'
import { holdWords, type LiveCopyParam, type LiveFindingKey, withCopy } from './copy/index.ts'
import { tableAction } from './plan-erase.ts'
import type { ForeignKey, SchemaInfo } from './schema-info.ts'

/** References that stop a delete of the parent row while a child row still points at it. */
const blocks = (fk: ForeignKey) => fk.onDelete !== 'cascade' && fk.onDelete !== 'set null'

/** A foreign key as the messages name it: `constraint "{constraint}", {link}, {rule}`. */
const constraint = (fk: ForeignKey) => ({
  constraint: fk.name,
  link: `${fk.table}.${fk.column} → ${fk.refTable}.${fk.refColumn}`,
  rule: `ON DELETE ${fk.onDelete.toUpperCase()}`,
  parent: fk.refTable,
  example: `{ ${fk.column}: ${fk.refTable}.${fk.refColumn} }`,
})

/** The legal hold that keeps a table's rows, in words: "tax records, P7Y after …"; undefined when none. */
const holdOf = (t: TablePlan, now: Date): LiveCopyParam | undefined => {
  if (isHeld(t, now)) return holdWords({ reason: t.legalHold?.reason })
  const hold = t.fields.find((f) => f.onErase === 'keep' && f.hold)?.hold
  if (!hold) return undefined
  return holdWords({ reason: hold.reason, law: hold.law, keep: hold.keep, after: hold.after })
}

/**
 * Held rows whose NOT NULL link (a declared reference, without a foreign key in the schema) points
 * at rows the erasure deletes: the hold would keep a reference to nothing, since the link can be
 * neither cut (NOT NULL) nor changed (it must point somewhere). Each issue names the fix.
 */
export const checkHeldLinks = (
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date,
): PreflightIssue[] => {
  const byName = new Map(tables.map((t) => [t.table, t]))
  const issues: PreflightIssue[] = []
  for (const t of tables) {
    const held = holdOf(t, now)
    if (!held) continue
    for (const r of t.references) {
      const parent = byName.get(r.to.table)
      if ((r.to.system ?? t.system) !== t.system || !parent || parent.table === t.table) continue
      if (tableAction(parent, now) !== 'delete') continue
      if (schema.foreignKeys.some((fk) => fk.table === t.table && fk.column === r.column)) continue
      if (schema.tables.get(t.table)?.get(r.column)?.nullable !== false) continue
      issues.push(
        withCopy(
          { system, table: t.table, column: r.column, ...(r.declaredAt ? { declaredAt: r.declaredAt } : {}) },
          'fk.held-link',
          { system, table: t.table, column: r.column, hold: held, parent: r.to.table },
        ),
      )
    }
  }
  return issues
}

/**
 * The foreign keys an erasure would run into, found before anything runs: every reference to a
 * table whose rows the plan deletes must let the delete through. Its child table is declared with
 * the reference (so the child rows are found and go first or lose the link), and a child whose
 * rows are kept has a nullable link (set NULL before the delete). Each issue names the table, the
 * constraint and the fix.
 */
export const checkForeignKeys = (
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date,
): PreflightIssue[] => {
  const byName = new Map(tables.map((t) => [t.table, t]))
  const issues: PreflightIssue[] = []
  for (const fk of schema.foreignKeys) {
    const parent = byName.get(fk.refTable)
    if (!parent || fk.table === fk.refTable || tableAction(parent, now) !== 'delete') continue
    const child = byName.get(fk.table)
    const issue = (key: LiveFindingKey, hold?: LiveCopyParam) =>
      issues.push(
        withCopy({ system, table: fk.table, column: fk.column }, key, {
          system,
          table: fk.table,
          column: fk.column,
          ...constraint(fk),
          ...(hold ? { hold } : {}),
        }),
      )
    if (!child) {
      if (blocks(fk)) issue('fk.undeclared-table')
      continue
    }
    const declared = child.references.some(
      (r) =>
        (r.to.system ?? child.system) === parent.system &&
        r.column === fk.column &&
        r.to.table === fk.refTable,
    )
    if (!declared && fk.onDelete !== 'set null') {
      issue('fk.undeclared-reference')
      continue
    }
    const keeps = tableAction(child, now) !== 'delete'
    const nullable = schema.tables.get(fk.table)?.get(fk.column)?.nullable ?? false
    const held = holdOf(child, now)
    if (keeps && !nullable && fk.onDelete !== 'set null' && held)
      issue(fk.onDelete === 'cascade' ? 'fk.held-cascade' : 'fk.held-fail', held)
    else if (keeps && !nullable && fk.onDelete !== 'set null')
      issue(fk.onDelete === 'cascade' ? 'fk.kept-cascade' : 'fk.kept-fail')
  }
  return [...issues, ...checkHeldLinks(system, tables, schema, now)]
}
