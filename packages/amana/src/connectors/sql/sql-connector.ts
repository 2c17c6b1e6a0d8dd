import type { Connector, EraseOptions, PreflightResult, Rectification, Row } from '../connector.ts'
import { connectorFailed, schemaMismatch } from '../connector-errors.ts'
import type { Subject, SystemKind, TablePlan } from '../plan.ts'
import { checkConstraintIssues } from './check-constraints.ts'
import { type Found, findSubjectRows, type ReadRound, type TableRead } from './closure.ts'
import { addEventTimes } from './hold-clock.ts'
import { identityMatcher } from './identity-match.ts'
import { checkIndexes } from './index-check.ts'
import { deletedOnSight, planErasure, stillToAnonymise } from './plan-erase.ts'
import { checkIncoming, checkPlanAgainstSchema, type IncomingReference } from './preflight.ts'
import type { SchemaInfo } from './schema-info.ts'
import { findSharedRows } from './shared-parents.ts'
import {
  chunk,
  countDueStatement,
  type Dialect,
  deleteByKeys,
  dueKeysStatement,
  readMany,
  readRows,
  type TableRead as SqlRead,
  type Statement,
  splitMany,
  updateByKey,
  updateRowsByKey,
  updateSameByKeys,
  valuesPerStatement,
} from './statements.ts'

export type SqlResult = { rows: Row[]; affected: number }

/** Runs one statement. Throws `CONNECTOR_UNAVAILABLE` / `CONNECTOR_FAILED`, never a driver error. */
export type SqlExecutor = { run(statement: Statement): Promise<SqlResult> }

/** The minimal port a SQL database offers the connector; postgres.ts and mysql.ts implement it. */
export type SqlDriver = SqlExecutor & {
  readonly dialect: Dialect
  readSchema(tables: readonly string[]): Promise<SchemaInfo>
  /** Whether a failed statement's error says a table or column is gone (the schema changed). */
  schemaChanged(error: unknown): boolean
  /** Runs `work` in one transaction; a driver may run it again after a rollback, so it acts only through `tx`. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}

const valuesOf = (read: SqlRead) => read.conditions.reduce((n, c) => n + c.values.length, 0)

/** One read in one statement, or one per part when its values exceed what a statement binds. */
const readTable = async (d: Dialect, executor: SqlExecutor, forUpdate: boolean, read: SqlRead) => {
  const most = valuesPerStatement(d)
  if (valuesOf(read) <= most) return (await executor.run(readRows(d, read, forUpdate))).rows
  const rows: Row[] = []
  for (const c of read.conditions)
    for (const part of chunk(c.values, most))
      rows.push(
        ...(await executor.run(readRows(d, { ...read, conditions: [{ ...c, values: part }] }, forUpdate)))
          .rows,
      )
  return rows
}

const sqlRead = (read: TableRead, remove: ReadonlySet<string>): SqlRead => ({
  table: read.table.table,
  columns: read.columns,
  conditions: read.conditions,
  ...(remove.has(read.table.table) ? { remove: true } : {}),
})

/** On a pool: a round's tables are read at once, each on a connection of its own. */
const concurrentReads =
  (d: Dialect, executor: SqlExecutor): ReadRound =>
  (reads) =>
    Promise.all(reads.map((r) => readTable(d, executor, false, sqlRead(r, new Set()))))

/**
 * In a transaction: one read after the other, or a round's tables in one statement where the
 * dialect allows (one round trip per round). Rows are locked with `forUpdate`; rows of the
 * `remove` tables are deleted as they are read.
 */
const transactionReads =
  (d: Dialect, executor: SqlExecutor, forUpdate: boolean, remove: ReadonlySet<string>): ReadRound =>
  async (reads) => {
    const many = reads.map((r) => sqlRead(r, remove))
    const [first] = many
    if (many.length === 1 && first) return [await readTable(d, executor, forUpdate, first)]
    if (!d.modifyingCtes || many.reduce((n, r) => n + valuesOf(r), 0) > valuesPerStatement(d)) {
      const results: Row[][] = []
      for (const r of many) results.push(await readTable(d, executor, forUpdate, r))
      return results
    }
    return splitMany(many, (await executor.run(readMany(d, many, forUpdate))).rows)
  }

/** A connector over any SQL database the driver reaches; the plan's tables for `system` only. */
// long-function: the connector's methods (pre-flight, collect, erase) close over one plan and driver; each delegates to a function of its own
export const createSqlConnector = (options: {
  system: string
  kind: Extract<SystemKind, 'postgres' | 'mysql'>
  tables: readonly TablePlan[]
  driver: SqlDriver
  /** References of other systems' tables into this one, checked by pre-flight (`crm.customers.email`). */
  incoming?: readonly IncomingReference[]
  /**
   * What anonymised values are derived from, with the row's table, key and column. Stable, so a
   * value Amana wrote is recognised exactly; not secret (the values carry none of the data).
   */
  erasureKey?: string
  /**
   * How long a schema that passed pre-flight is trusted without reading it again (default 60 s).
   * A statement failing on a missing table or column ends the trust at once.
   */
  schemaTtlMs?: number
  /** Milliseconds, for the schema's age; `performance.now` unless a test sets it. */
  clock?: () => number
}): Connector => {
  const { system, kind, tables, driver } = options
  const erasureKey = options.erasureKey ?? `amana-erasure:${system}`
  const schemaTtlMs = options.schemaTtlMs ?? 60_000
  const clock = options.clock ?? (() => performance.now())
  const d = driver.dialect
  /** The last schema that passed pre-flight, and when it was read. */
  let checked: { schema: SchemaInfo; at: number } | undefined
  /** A read in progress: concurrent requests share it instead of each reading the catalog. */
  let reading: Promise<PreflightResult> | undefined
  const fresh = () => (checked && clock() - checked.at < schemaTtlMs ? checked.schema : undefined)

  const readAndCheck = async (): Promise<PreflightResult> => {
    const at = clock()
    const incoming = options.incoming ?? []
    const read = await driver.readSchema([
      ...new Set([...tables.map((t) => t.table), ...incoming.map((r) => r.table)]),
    ])
    const now = new Date()
    const own = checkPlanAgainstSchema(system, tables, read, now)
    const broken = checkIncoming(system, read, incoming)
    const pure: PreflightResult =
      broken.length === 0 ? own : { ok: false, issues: [...(own.ok ? [] : own.issues), ...broken] }
    // Values a CHECK constraint would refuse: the database evaluates its own clauses.
    const refused = await checkConstraintIssues(driver, d, system, tables, read, now)
    const result: PreflightResult =
      refused.length === 0 ? pure : { ok: false, issues: [...(pure.ok ? [] : pure.issues), ...refused] }
    checked = result.ok ? { schema: read, at } : undefined
    return result
  }

  /**
   * Every request runs pre-flight: the catalog is read at most once per `schemaTtlMs` (a failing
   * check is never kept, so a fixed schema passes on the next try).
   */
  const preflight = async (): Promise<PreflightResult> => {
    if (fresh()) return { ok: true }
    reading ??= readAndCheck().finally(() => {
      reading = undefined
    })
    return reading
  }

  /** The checked schema: a mismatch stops every operation with the same error. */
  const checkedSchema = async (): Promise<SchemaInfo> => {
    const result = await preflight()
    if (!result.ok) throw schemaMismatch(result.issues)
    return fresh() ?? (checked as { schema: SchemaInfo }).schema
  }

  /** A retention rule's due rows worth reading: those still holding what its anonymisation sets NULL. */
  const stillToChange = async (table: string, asOf: Date = new Date()) => {
    const info = await checkedSchema()
    const t = tables.find((x) => x.table === table)
    return t ? stillToAnonymise(t, tables, info, asOf) : undefined
  }

  /** A table or column gone under a running operation: the next pre-flight reads the schema again. */
  const forgettingOnChange = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      if (driver.schemaChanged(error)) checked = undefined
      throw error
    }
  }

  const connector: Connector = {
    system,
    kind,
    preflight,

    async inspect() {
      return checkIndexes(system, tables, fresh() ?? (await driver.readSchema(tables.map((t) => t.table))))
    },

    async dueKeys(query) {
      const notNullIn = await stillToChange(query.table, query.asOf)
      const { rows } = await driver.run(
        dueKeysStatement(d, { ...query, ...(notNullIn ? { notNullIn } : {}) }),
      )
      return rows.map((r) => r.k)
    },

    async countDue(query) {
      const notNullIn = await stillToChange(query.table, query.asOf)
      const { rows } = await driver.run(
        countDueStatement(d, { ...query, ...(notNullIn ? { notNullIn } : {}) }),
      )
      return Number(rows[0]?.n ?? 0)
    },

    async collect(subject: Subject) {
      const info = await checkedSchema()
      const { found } = await findSubjectRows(tables, system, subject, concurrentReads(d, driver), {
        matchOf: identityMatcher(tables, info),
      })
      return {
        status: 'completed',
        system,
        tables: tables.map((t) => ({ table: t.table, rows: [...(found.get(t.table)?.values() ?? [])] })),
      }
    },

    async erase(subject: Subject, { now, dryRun = false, committing, eventTimes, carry = [] }: EraseOptions) {
      const info = await checkedSchema()
      return driver.transaction(async (tx) => {
        // Rows are locked as they are found, so nothing is added to the subject's data mid-erasure.
        // Rows of a table the plan deletes and nothing refers to are deleted as they are found:
        // one statement instead of a read and a delete.
        const remove = dryRun || !d.modifyingCtes ? new Set<string>() : deletedOnSight(tables, info, now)
        const { found, linked } = await findSubjectRows(
          tables,
          system,
          subject,
          transactionReads(d, tx, !dryRun, remove),
          {
            fields: 'anonymised',
            matchOf: identityMatcher(tables, info),
            extraColumns: extraColumnsOf(tables, info, carry),
          },
        )
        await addEventTimes(tables, found, eventTimes)
        // Parents reached upwards stay as they are while anyone else still refers to them.
        const shared = await findSharedRows(tables, info, { found, linked }, (r) =>
          readTable(d, tx, false, r),
        )
        const plan = planErasure({
          system,
          tables,
          found,
          shared,
          schema: info,
          now,
          salt: erasureKey,
        })
        if (plan.cycles.length > 0 && !dryRun)
          throw connectorFailed(
            system,
            `tables ${plan.cycles.map((c) => `"${c}"`).join(', ')} refer to each other; no delete order is safe`,
          )
        if (!dryRun) await applyPlan(d, tx, tables, plan, remove)
        const alreadyErased = plan.steps.every((s) => s.action === 'none' || s.action === 'held')
        const rows = [...found.values()].reduce((n, byKey) => n + byKey.size, 0)
        const outcome = {
          status: 'completed' as const,
          system,
          dryRun,
          alreadyErased,
          found: rows,
          steps: plan.steps,
          ...foundFilesAndValues(tables, found, shared, carry),
        }
        if (!dryRun) await committing?.(outcome)
        return outcome
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
  return {
    ...connector,
    collect: (subject) => forgettingOnChange(() => connector.collect(subject)),
    erase: (subject, options) => forgettingOnChange(() => connector.erase(subject, options)),
    rectify: (change) => forgettingOnChange(() => connector.rectify(change)),
  }
}

/**
 * Columns an erasure's search reads beyond the plan's: values another system's rows are found by
 * (`carry`, from this same locked search), foreign-key columns, and each held row's event column
 * (so its end is counted from its own event).
 */
const extraColumnsOf =
  (tables: readonly TablePlan[], info: SchemaInfo, carry: NonNullable<EraseOptions['carry']>) =>
  (table: string): string[] => {
    const has = (column: string) => info.tables.get(table)?.has(column) === true
    return [
      ...carry.flatMap((c) => (c.table === table && has(c.column) ? [c.column] : [])),
      ...info.foreignKeys.flatMap((fk) => (fk.table === table && has(fk.column) ? [fk.column] : [])),
      ...(tables.find((t) => t.table === table)?.fields ?? []).flatMap((f) => {
        const column = f.hold?.eventColumn
        return column && has(column) ? [column] : []
      }),
    ]
  }

/** The plan's writes in the erasure's transaction: updates grouped per table, then deletes children first. */
const applyPlan = async (
  d: Dialect,
  tx: SqlExecutor,
  tables: readonly TablePlan[],
  plan: ReturnType<typeof planErasure>,
  remove: ReadonlySet<string>,
) => {
  const updatesByTable = new Map<string, typeof plan.updates>()
  for (const u of plan.updates) {
    const rows = updatesByTable.get(u.table)
    if (rows) rows.push(u)
    else updatesByTable.set(u.table, [u])
  }
  for (const [table, rows] of updatesByTable) await runUpdates(d, tx, table, tablePk(tables, table), rows)
  for (const del of plan.deletes) {
    if (remove.has(del.table)) continue
    const pk = tablePk(tables, del.table)
    for (const keys of chunk(del.keys, valuesPerStatement(d, pk.length)))
      await tx.run(deleteByKeys(d, del.table, pk, keys))
  }
}

/**
 * From the erasure's own locked search: the file references of the found rows (shared parents
 * apart: they stay as they are) and the values of the `carry` columns, for the caller to remove
 * and to carry to other systems.
 */
const foundFilesAndValues = (
  tables: readonly TablePlan[],
  found: Found,
  shared: ReadonlyMap<string, ReadonlySet<string>>,
  carry: NonNullable<EraseOptions['carry']>,
) => {
  const rowsOf = (table: string) => [...(found.get(table)?.entries() ?? [])]
  const files = tables.flatMap((t) => {
    const spec = t.files
    if (!spec) return []
    return rowsOf(t.table)
      .filter(([key]) => !shared.get(t.table)?.has(key))
      .map(([, row]) => row[spec.column])
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((ref) => ({ table: t.table, store: spec.store, ref }))
  })
  const carried = carry.map((c) => ({
    ...c,
    values: rowsOf(c.table)
      .map(([, row]) => row[c.column])
      .filter((v) => v !== null && v !== undefined),
  }))
  return { files, carried }
}

type RowUpdate = { key: readonly unknown[]; sets: readonly (readonly [string, unknown])[] }

/**
 * A table's anonymisations: rows taking the same values (nullable columns set to NULL, as a
 * retention batch of thousands of orders does) in one statement per bound-values limit; rows with
 * values of their own (derived placeholders) through a CASE per column, 200 rows a statement.
 */
const runUpdates = async (
  d: Dialect,
  tx: SqlExecutor,
  table: string,
  pk: string[],
  rows: readonly RowUpdate[],
) => {
  const same = new Map<string, RowUpdate[]>()
  const own: RowUpdate[] = []
  for (const row of rows) {
    const values = row.sets.map(([, v]) => v)
    if (!values.every((v) => v === null || typeof v === 'number' || typeof v === 'boolean')) {
      own.push(row)
      continue
    }
    const signature = JSON.stringify(row.sets)
    const group = same.get(signature)
    if (group) group.push(row)
    else same.set(signature, [row])
  }
  for (const group of same.values()) {
    if (group.length === 1) {
      own.push(...group)
      continue
    }
    const sets = (group[0] as RowUpdate).sets
    for (const part of chunk(group, valuesPerStatement(d, pk.length) - sets.length))
      await tx.run(
        updateSameByKeys(
          d,
          table,
          pk,
          part.map((r) => r.key),
          sets,
        ),
      )
  }
  for (const part of chunk(own, 200)) await tx.run(updateRowsByKey(d, table, pk, part))
}

const tablePk = (tables: readonly TablePlan[], table: string): string[] =>
  tables.find((t) => t.table === table)?.primaryKey ?? []
