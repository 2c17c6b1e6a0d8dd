import type { PreflightIssue } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import { anonymisedValue } from './anonymise-value.ts'
import { isolate, type LiveCopyParam, withCopy } from './copy/index.ts'
import { writtenColumns } from './live-findings.ts'
import { tableAction } from './plan-erase.ts'
import type { CheckConstraint, SchemaInfo } from './schema-info.ts'
import type { SqlExecutor } from './sql-connector.ts'
import type { Dialect, Statement } from './statements.ts'

/** Rows of a table a constraint naming unwritten columns is tried against (their real values). */
const TRIED_ROWS = 20

/** The anonymised value in words, for a message: its shape, never a person's data. */
const shown = (value: unknown): LiveCopyParam => {
  const as = (en: string, ar: string) => ({ en, ar })
  if (value === null) return as('NULL', isolate('NULL'))
  if (Buffer.isBuffer(value)) return as('empty bytes', 'بايتات فارغة')
  if (typeof value === 'string') {
    const n = isolate(String(value.length))
    if (value.startsWith('erased+')) return as('"erased+<hash>@invalid"', isolate('erased+<hash>@invalid'))
    if (value.startsWith('erased-'))
      return as(`"erased-<hash>" (${value.length} characters)`, `${isolate('erased-<hash>')} (${n} حرفًا)`)
    if (/^[0-9a-f]+$/.test(value))
      return as(`${value.length} hex digits of a hash`, `${n} رقمًا ست عشريًا من بصمة`)
    return as(`"${value}"`, isolate(value))
  }
  return as(String(value), isolate(String(value)))
}

/**
 * The statement that counts how many tried rows the constraint refuses once the written columns
 * hold their anonymised values: evaluated by the database itself on its own clause, reading no
 * table when every column the constraint names is written, else at most TRIED_ROWS rows.
 */
export const checkStatement = (
  d: Dialect,
  check: CheckConstraint,
  values: ReadonlyMap<string, unknown>,
): Statement => {
  const params: unknown[] = []
  const cols = check.columns.map((c) => {
    if (!values.has(c)) return d.quote(c)
    params.push(values.get(c))
    const type = check.types?.[c]
    return `${d.placeholder(params.length)}${type ? `::${type}` : ''} as ${d.quote(c)}`
  })
  const from = check.columns.every((c) => values.has(c))
    ? ''
    : ` from ${d.table(check.table)} limit ${TRIED_ROWS}`
  return {
    text: `select count(*) as bad from (select ${cols.join(', ')}${from}) as t where (${check.clause}) is false`,
    params,
  }
}

const refusal = (system: string, check: CheckConstraint, column: string, value: unknown): PreflightIssue =>
  withCopy({ system, table: check.table, column }, 'check.refuses', {
    system,
    table: check.table,
    column,
    value: shown(value),
    constraint: check.name,
    clause: check.clause,
    marker:
      value === null ? { en: 'NULL', ar: isolate('NULL') } : { en: 'the marked value', ar: 'القيمة المعلَّمة' },
    example: `OR ${column} ${value === null ? 'IS NULL' : "LIKE 'erased%'"}`,
  })

/**
 * CHECK constraints an erasure would break: for every kept table the plan anonymises, each
 * constraint naming a column it rewrites is evaluated by the database on the value Amana would
 * write (the placeholder, NULL, zero…), and on NULL in kept rows' nullable links to deleted rows. A constraint that refuses it is an error naming the
 * table, column, constraint and a fix, found before any request step changes anything. A
 * constraint the database cannot evaluate this way is left to the erasure itself.
 */
export const checkConstraintIssues = async (
  executor: SqlExecutor,
  d: Dialect,
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date,
): Promise<PreflightIssue[]> => {
  const issues: PreflightIssue[] = []
  const deleted = new Set(tables.filter((t) => tableAction(t, now) === 'delete').map((t) => t.table))
  for (const t of tables) {
    const checks = (schema.checks ?? []).filter((c) => c.table === t.table)
    const columns = schema.tables.get(t.table)
    const action = tableAction(t, now)
    if (checks.length === 0 || !columns || action === 'delete') continue
    const values = new Map<string, unknown>()
    // Kept rows' nullable links to deleted rows are cut: the column becomes NULL.
    for (const r of t.references)
      if (
        (r.to.system ?? t.system) === t.system &&
        deleted.has(r.to.table) &&
        columns.get(r.column)?.nullable
      )
        values.set(r.column, null)
    if (action !== 'anonymise' && values.size === 0) continue
    for (const [column, target] of action === 'anonymise' ? writtenColumns(t, schema) : []) {
      const info = columns.get(column)
      if (!info) continue
      const value = anonymisedValue({
        column: info,
        as: target.as,
        identity: target.identity,
        rowToken: () => 'check',
      })
      if (value.kind === 'set') values.set(column, value.value)
    }
    for (const check of checks) {
      const written = check.columns.filter((c) => values.has(c))
      if (written.length === 0) continue
      let bad: number
      try {
        const { rows } = await executor.run(checkStatement(d, check, values))
        bad = Number(rows[0]?.bad ?? 0)
      } catch {
        continue
      }
      if (bad > 0) for (const c of written) issues.push(refusal(system, check, c, values.get(c)))
    }
  }
  return issues
}
