import type { PreflightIssue } from '../connector.ts'
import { isHeld, type TablePlan } from '../plan.ts'
import { tableAction } from './plan-erase.ts'
import type { ForeignKey, SchemaInfo } from './schema-info.ts'

/** References that stop a delete of the parent row while a child row still points at it. */
const blocks = (fk: ForeignKey) => fk.onDelete !== 'cascade' && fk.onDelete !== 'set null'

const constraint = (fk: ForeignKey) =>
  `constraint "${fk.name}", ${fk.table}.${fk.column} → ${fk.refTable}.${fk.refColumn}, ON DELETE ${fk.onDelete.toUpperCase()}`

/** The legal hold that keeps a table's rows, in words: "held (tax records, P7Y)"; undefined when none. */
const holdOf = (t: TablePlan, now: Date): string | undefined => {
  if (isHeld(t, now)) return `held (${t.legalHold?.reason ?? 'legal hold'})`
  const hold = t.fields.find((f) => f.onErase === 'keep' && f.hold)?.hold
  if (!hold) return undefined
  const reason =
    typeof hold.reason === 'string' ? hold.reason : (hold.reason.en ?? Object.values(hold.reason)[0])
  return `held (${reason}${hold.law ? `, ${hold.law}` : ''}, ${hold.keep} after ${hold.after})`
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
      issues.push({
        system,
        table: t.table,
        column: r.column,
        ...(r.declaredAt ? { declaredAt: r.declaredAt } : {}),
        message: `${system}: erasure would leave "${t.table}" rows ${held} pointing at deleted rows: ${t.table}.${r.column} is NOT NULL and refers to "${r.to.table}", whose rows the plan deletes. Fix: make ${t.table}.${r.column} nullable (the link is then cut), or keep the rows of "${r.to.table}" (anonymise instead of delete) while the hold lasts`,
      })
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
    const issue = (message: string) =>
      issues.push({ system, table: fk.table, column: fk.column, message: `${system}: ${message}` })
    if (!child) {
      if (blocks(fk))
        issue(
          `erasure would fail: "${fk.table}" refers to "${fk.refTable}" (${constraint(fk)}), the plan deletes rows of "${fk.refTable}" and the manifest does not declare "${fk.table}". Fix: declare "${fk.table}" with "references: { ${fk.column}: ${fk.refTable}.${fk.refColumn} }" and what happens to its fields, or keep the rows of "${fk.refTable}" (anonymise instead of delete)`,
        )
      continue
    }
    const declared = child.references.some(
      (r) =>
        (r.to.system ?? child.system) === parent.system &&
        r.column === fk.column &&
        r.to.table === fk.refTable,
    )
    if (!declared && fk.onDelete !== 'set null') {
      issue(
        `erasure would fail or miss rows: "${fk.table}" refers to "${fk.refTable}" (${constraint(fk)}) but the manifest does not declare that reference, so its rows pointing at the subject's are not found. Fix: add "references: { ${fk.column}: ${fk.refTable}.${fk.refColumn} }" to "${fk.table}"`,
      )
      continue
    }
    const keeps = tableAction(child, now) !== 'delete'
    const nullable = schema.tables.get(fk.table)?.get(fk.column)?.nullable ?? false
    const held = holdOf(child, now)
    if (keeps && !nullable && fk.onDelete !== 'set null' && held)
      issue(
        `erasure would ${fk.onDelete === 'cascade' ? 'delete rows a legal hold keeps' : 'fail'}: "${fk.table}" is ${held} and keeps its rows, but ${fk.table}.${fk.column} is NOT NULL and refers to "${fk.refTable}", whose rows the plan deletes (${constraint(fk)}). Fix: make ${fk.table}.${fk.column} nullable (the link is then cut), or keep the rows of "${fk.refTable}" (anonymise instead of delete) while the hold lasts`,
      )
    else if (keeps && !nullable && fk.onDelete !== 'set null')
      issue(
        fk.onDelete === 'cascade'
          ? `erasure would delete rows the plan keeps: "${fk.table}" keeps its rows but refers to "${fk.refTable}", whose rows the plan deletes (${constraint(fk)}), and ${fk.table}.${fk.column} is NOT NULL. Fix: make ${fk.table}.${fk.column} nullable, or keep the rows of "${fk.refTable}" (anonymise instead of delete)`
          : `erasure would fail: "${fk.table}" keeps its rows but ${fk.table}.${fk.column} is NOT NULL and refers to "${fk.refTable}", whose rows the plan deletes (${constraint(fk)}). Fix: make ${fk.table}.${fk.column} nullable, delete the rows of "${fk.table}" too (a delete-row field), or keep the rows of "${fk.refTable}" (anonymise instead of delete)`,
      )
  }
  return [...issues, ...checkHeldLinks(system, tables, schema, now)]
}
