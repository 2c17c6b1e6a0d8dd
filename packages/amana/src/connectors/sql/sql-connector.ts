import { randomBytes } from 'node:crypto'
import type { Connector, EraseOptions, PreflightResult, Rectification, Row } from '../connector.ts'
import { connectorFailed, schemaMismatch } from '../connector-errors.ts'
import type { Subject, SystemKind, TablePlan } from '../plan.ts'
import { findSubjectRows, type ReadRows } from './closure.ts'
import { planErasure } from './plan-erase.ts'
import { checkPlanAgainstSchema } from './preflight.ts'
import type { SchemaInfo } from './schema-info.ts'
import {
  CHUNK,
  chunk,
  type Dialect,
  deleteByKeys,
  type Statement,
  selectWhereAnyIn,
  updateByKey,
  updateRowsByKey,
} from './statements.ts'

export type SqlResult = { rows: Row[]; affected: number }

/** Runs one statement. Throws `CONNECTOR_UNAVAILABLE` / `CONNECTOR_FAILED`, never a driver error. */
export type SqlExecutor = { run(statement: Statement): Promise<SqlResult> }

/** The minimal port a SQL database offers the connector; postgres.ts and mysql.ts implement it. */
export type SqlDriver = SqlExecutor & {
  readonly dialect: Dialect
  readSchema(tables: readonly string[]): Promise<SchemaInfo>
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}

const readerOn =
  (d: Dialect, executor: SqlExecutor, forUpdate: boolean): ReadRows =>
  async (table, columns, conditions) => {
    const total = conditions.reduce((n, c) => n + c.values.length, 0)
    if (total <= CHUNK)
      return (await executor.run(selectWhereAnyIn(d, table.table, columns, conditions, forUpdate))).rows
    const rows: Row[] = []
    for (const c of conditions)
      for (const part of chunk(c.values))
        rows.push(
          ...(
            await executor.run(
              selectWhereAnyIn(d, table.table, columns, [{ column: c.column, values: part }], forUpdate),
            )
          ).rows,
        )
    return rows
  }

/** A connector over any SQL database the driver reaches; the plan's tables for `system` only. */
export const createSqlConnector = (options: {
  system: string
  kind: Extract<SystemKind, 'postgres' | 'mysql'>
  tables: readonly TablePlan[]
  driver: SqlDriver
}): Connector => {
  const { system, kind, tables, driver } = options
  const d = driver.dialect
  let schema: SchemaInfo | undefined

  const preflight = async (): Promise<PreflightResult> => {
    const read = await driver.readSchema(tables.map((t) => t.table))
    const result = checkPlanAgainstSchema(system, tables, read)
    if (result.ok) schema = read
    return result
  }

  /** The schema, checked once per connector: a mismatch stops every operation with the same error. */
  const checkedSchema = async (): Promise<SchemaInfo> => {
    if (schema) return schema
    const result = await preflight()
    if (!result.ok) throw schemaMismatch(result.issues)
    return schema as unknown as SchemaInfo
  }

  return {
    system,
    kind,
    preflight,

    async collect(subject: Subject) {
      await checkedSchema()
      const found = await findSubjectRows(tables, system, subject, readerOn(d, driver, false), {
        concurrent: true,
      })
      return {
        status: 'completed',
        system,
        tables: tables.map((t) => ({ table: t.table, rows: [...(found.get(t.table)?.values() ?? [])] })),
      }
    },

    async erase(subject: Subject, { now, dryRun = false }: EraseOptions) {
      const info = await checkedSchema()
      return driver.transaction(async (tx) => {
        // Rows are locked as they are found, so nothing is added to the subject's data mid-erasure.
        const found = await findSubjectRows(tables, system, subject, readerOn(d, tx, !dryRun))
        const plan = planErasure({
          system,
          tables,
          found,
          schema: info,
          now,
          salt: randomBytes(16).toString('hex'),
        })
        if (plan.cycles.length > 0 && !dryRun)
          throw connectorFailed(
            system,
            `tables ${plan.cycles.map((c) => `"${c}"`).join(', ')} refer to each other; no delete order is safe`,
          )
        if (!dryRun) {
          const updatesByTable = new Map<string, typeof plan.updates>()
          for (const u of plan.updates)
            updatesByTable.set(u.table, [...(updatesByTable.get(u.table) ?? []), u])
          for (const [table, rows] of updatesByTable)
            for (const part of chunk(rows, 200))
              await tx.run(updateRowsByKey(d, table, tablePk(tables, table), part))
          for (const del of plan.deletes)
            for (const keys of chunk(del.keys))
              await tx.run(deleteByKeys(d, del.table, tablePk(tables, del.table), keys))
        }
        const alreadyErased = plan.steps.every((s) => s.action === 'none' || s.action === 'held')
        return { status: 'completed' as const, system, dryRun, alreadyErased, steps: plan.steps }
      })
    },

    async rectify({ table, key, changes }: Rectification) {
      const info = await checkedSchema()
      const t = tables.find((x) => x.table === table)
      if (!t) throw connectorFailed(system, `table "${table}" is not in the plan`)
      const declared = new Set(t.fields.map((f) => f.column))
      const unknown = Object.keys(changes).filter((c) => !declared.has(c) || !info.tables.get(table)?.has(c))
      if (unknown.length > 0)
        throw connectorFailed(
          system,
          `table "${table}": ${unknown.map((c) => `"${c}"`).join(', ')} is not a declared field`,
        )
      const missing = t.primaryKey.filter((c) => !(c in key))
      if (missing.length > 0)
        throw connectorFailed(
          system,
          `table "${table}": key lacks ${missing.map((c) => `"${c}"`).join(', ')}`,
        )
      const sets = Object.entries(changes)
      if (sets.length === 0) return { status: 'completed' as const, system, changed: 0 }
      const result = await driver.transaction((tx) =>
        tx.run(
          updateByKey(
            d,
            table,
            sets,
            t.primaryKey,
            t.primaryKey.map((c) => key[c]),
          ),
        ),
      )
      return { status: 'completed' as const, system, changed: result.affected }
    },

    close: () => driver.close(),
  }
}

const tablePk = (tables: readonly TablePlan[], table: string): string[] =>
  tables.find((t) => t.table === table)?.primaryKey ?? []
