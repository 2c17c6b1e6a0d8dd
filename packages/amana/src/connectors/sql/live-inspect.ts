import type { System, TablePlan } from '../plan.ts'
import { withCopy } from './copy/index.ts'
import {
  checkWritableTypes,
  clearFinding,
  declaredColumns,
  isProtected,
  type LiveIssue,
  personalKindByName,
  SAMPLE_ROWS,
  type SensitiveColumn,
  sampledKind,
  undeclaredFinding,
} from './live-findings.ts'
import { createMysqlDriver } from './mysql.ts'
import { tableAction } from './plan-erase.ts'
import { createPostgresDriver } from './postgres.ts'
import type { SchemaInfo, TableList } from './schema-info.ts'
import type { SqlDriver } from './sql-connector.ts'

type SqlSystem = Extract<System, { kind: 'postgres' | 'mysql' }>

const listTables = async (driver: SqlDriver, system: SqlSystem): Promise<TableList> => {
  if (system.kind === 'postgres') {
    const { rows } = await driver.run({
      text: `select c.relname as name, c.relkind as kind, c.relispartition as is_partition, p.relname as parent
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
             left join pg_inherits i on i.inhrelid = c.oid left join pg_class p on p.oid = i.inhparent
             where n.nspname = $1 and c.relkind in ('r', 'p')`,
      params: [system.connection.schema],
    })
    return {
      tables: rows.filter((r) => !r.is_partition).map((r) => String(r.name)),
      partitionOf: new Map(rows.filter((r) => r.is_partition).map((r) => [String(r.name), String(r.parent)])),
      partitioned: new Set(rows.filter((r) => r.kind === 'p').map((r) => String(r.name))),
    }
  }
  const tables = await driver.run({
    text: `select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'`,
    params: [],
  })
  const parts = await driver.run({
    text: `select distinct table_name as name from information_schema.partitions
           where table_schema = database() and partition_name is not null`,
    params: [],
  })
  return {
    tables: tables.rows.map((r) => String(r.name)),
    partitionOf: new Map(),
    partitioned: new Set(parts.rows.map((r) => String(r.name))),
  }
}

/** Up to SAMPLE_ROWS rows of `columns`; the values stay in this process and are never printed. */
const sample = async (driver: SqlDriver, table: string, columns: readonly string[], notNull?: string) => {
  const d = driver.dialect
  const where = notNull ? ` where ${d.quote(notNull)} is not null` : ''
  const { rows } = await driver.run({
    text: `select ${columns.map((c) => d.quote(c)).join(', ')} from ${d.table(table)}${where} limit ${SAMPLE_ROWS}`,
    params: [],
  })
  return rows
}

/** Tables that hold people: a bare `name` column there is a person's name, elsewhere a product's. */
const PEOPLE = /customer|user|member|person|people|contact|account|employee|staff|patient|guest|client|buyer/i
/** Types a name-only guess is not made for: flags and times say nothing of their own. */
const NOT_BY_NAME = new Set(['boolean', 'timestamp', 'json', 'binary'])

/** Undeclared columns that hold personal data, by name or by a sample of their values. */
const undeclared = async (
  driver: SqlDriver,
  system: string,
  list: TableList,
  schema: SchemaInfo,
  plan: readonly TablePlan[],
): Promise<LiveIssue[]> => {
  const declared = declaredColumns(plan)
  const planTables = new Set(plan.map((t) => t.table))
  const fkColumns = new Set(schema.foreignKeys.map((k) => `${k.table}\u0000${k.column}`))
  const issues: LiveIssue[] = []
  for (const table of list.tables) {
    const columns = schema.tables.get(table)
    if (!columns) continue
    const people = planTables.has(table) || PEOPLE.test(table)
    const toSample: string[] = []
    for (const c of columns.values()) {
      const slot = `${table}\u0000${c.name}`
      if (declared.has(slot) || fkColumns.has(slot)) continue
      const byName = NOT_BY_NAME.has(c.type) ? undefined : personalKindByName(c.name)
      if (byName && (byName !== 'personal name' || people)) {
        const f = undeclaredFinding(system, table, c.name, planTables.has(table), { byName })
        if (f) issues.push(f)
      } else if (c.type === 'text') toSample.push(c.name)
    }
    if (toSample.length === 0) continue
    const rows = await sample(driver, table, toSample)
    for (const column of toSample) {
      const bySample = sampledKind(rows.map((r) => r[column]))
      const f = undeclaredFinding(system, table, column, planTables.has(table), { bySample })
      if (f) issues.push(f)
    }
  }
  return issues
}

/** Declared sensitive columns whose sampled values are not tokens or hashes. */
const inClear = async (
  driver: SqlDriver,
  system: string,
  schema: SchemaInfo,
  sensitive: readonly SensitiveColumn[],
): Promise<LiveIssue[]> => {
  const issues: LiveIssue[] = []
  for (const s of sensitive) {
    if (!schema.tables.get(s.table)?.has(s.column)) continue
    const rows = await sample(driver, s.table, [s.column], s.column)
    const clear = rows.filter((r) => !isProtected(s.protection, r[s.column])).length
    const f = clearFinding(system, s, clear, rows.length)
    if (f) issues.push(f)
  }
  return issues
}

/** A column named like `<table>_id` pointing at rows the plan deletes, with no foreign key and no declared reference. */
const dangling = (
  system: string,
  list: TableList,
  schema: SchemaInfo,
  plan: readonly TablePlan[],
  now: Date,
): LiveIssue[] => {
  const deleted = plan.filter((t) => tableAction(t, now) === 'delete' && t.primaryKey.length === 1)
  const declaredRefs = new Set(plan.flatMap((t) => t.references.map((r) => `${t.table}\u0000${r.column}`)))
  const fkColumns = new Set(schema.foreignKeys.map((k) => `${k.table}\u0000${k.column}`))
  const issues: LiveIssue[] = []
  for (const table of list.tables)
    for (const c of schema.tables.get(table)?.values() ?? []) {
      const slot = `${table}\u0000${c.name}`
      if (declaredRefs.has(slot) || fkColumns.has(slot)) continue
      const parent = deleted.find(
        (p) =>
          p.table !== table &&
          [`${p.table}_id`, `${p.table.replace(/s$/, '')}_id`].includes(c.name.toLowerCase()),
      )
      if (!parent) continue
      const key = parent.primaryKey[0] ?? ''
      issues.push(
        withCopy(
          { severity: 'warning' as const, system, table, column: c.name },
          list.partitioned.has(table) ? 'dangling.partitioned' : 'dangling.no-foreign-key',
          {
            system,
            table,
            column: c.name,
            parent: parent.table,
            key,
            example: `{ ${c.name}: ${parent.table}.${key} }`,
          },
        ),
      )
    }
  return issues
}

/** Declared tables that are partitions: requests should name the parent, which holds every partition's rows. */
const partitions = (system: string, list: TableList, plan: readonly TablePlan[]): LiveIssue[] =>
  plan.flatMap((t) => {
    const parent = list.partitionOf.get(t.table)
    return parent
      ? [
          withCopy({ severity: 'warning' as const, system, table: t.table }, 'partition', {
            system,
            table: t.table,
            parent,
          }),
        ]
      : []
  })

/**
 * Everything `amana check --live` reads beyond pre-flight, for one SQL system: undeclared
 * personal data, sensitive categories in clear, columns an erasure leaves as they are,
 * references no foreign key guards, partitions declared instead of their parent. Reads the
 * catalog and at most SAMPLE_ROWS rows per table; changes nothing.
 */
export const inspectLive = async (options: {
  system: SqlSystem
  tables: readonly TablePlan[]
  sensitive: readonly SensitiveColumn[]
  now: Date
  connectTimeoutMs?: number
}): Promise<LiveIssue[]> => {
  const { system, tables, now } = options
  const timeout = options.connectTimeoutMs ?? 5000
  const driver =
    system.kind === 'postgres'
      ? createPostgresDriver(system.id, { ...system.connection, connectTimeoutMs: timeout })
      : createMysqlDriver(system.id, { ...system.connection, connectTimeoutMs: timeout })
  try {
    const list = await listTables(driver, system)
    const schema = await driver.readSchema([...new Set([...list.tables, ...tables.map((t) => t.table)])])
    return [
      ...checkWritableTypes(system.id, tables, schema, now).filter((i) => i.severity === 'warning'),
      ...partitions(system.id, list, tables),
      ...dangling(system.id, list, schema, tables, now),
      ...(await inClear(driver, system.id, schema, options.sensitive)),
      ...(await undeclared(driver, system.id, list, schema, tables)),
    ]
  } finally {
    await driver.close()
  }
}
