import { createRequire } from 'node:module'
import type * as Mysql from 'mysql2/promise'

// mysql2 takes ~0.1 s to load: only shops with a MySQL system pay for it, when a connector is created.
const require = createRequire(import.meta.url)
let loaded: typeof Mysql | undefined
const mysqlModule = (): typeof Mysql => {
  loaded ??= require('mysql2/promise') as typeof Mysql
  return loaded
}

import { isAmanaError } from '../../platform/errors/index.ts'
import type { Connector } from '../connector.ts'
import { connectorFailed, connectorUnavailable, describeEndpoint } from '../connector-errors.ts'
import type { TablePlan } from '../plan.ts'
import { describeMysqlError } from './error-text.ts'
import type { IncomingReference } from './preflight.ts'
import { buildSchemaInfo, type CheckConstraint, type SchemaInfo, withIndexes } from './schema-info.ts'
import { createSqlConnector, type SqlDriver, type SqlExecutor } from './sql-connector.ts'
import type { Dialect, Statement } from './statements.ts'

export type MysqlConnection = { url: string; connectTimeoutMs?: number; maxConnections?: number }

/** A statement refused because a table or column is gone: the schema changed since pre-flight. */
const SCHEMA_CHANGED = new Set(['ER_BAD_FIELD_ERROR', 'ER_NO_SUCH_TABLE'])

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
])

const translate = (system: string, endpoint: string, error: unknown): Error => {
  const e = error as Parameters<typeof describeMysqlError>[0]
  const code = e.code ?? ''
  if (NETWORK.has(code)) return connectorUnavailable(system, `${code} at ${endpoint}`, error)
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR')
    return connectorUnavailable(system, `authentication failed at ${endpoint}`, error, false)
  if (code === 'ER_BAD_DB_ERROR')
    return connectorUnavailable(system, `database does not exist at ${endpoint}`, error, false)
  if (!code && /timeout|closed/i.test(e.message ?? ''))
    return connectorUnavailable(system, `connection timeout or loss at ${endpoint}`, error)
  // MySQL quotes row values in some messages (duplicate entries): see error-text.ts.
  return connectorFailed(
    system,
    describeMysqlError(e),
    error,
    code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT',
  )
}

/**
 * CHECK constraints of `tables` (MariaDB 10.2+ names the table in CHECK_CONSTRAINTS; MySQL 8.0.16+
 * through TABLE_CONSTRAINTS; older servers have none). The columns a clause names are its
 * back-quoted identifiers that are columns of the table.
 */
const readChecks = async (
  run: SqlExecutor['run'],
  names: readonly string[],
  info: SchemaInfo,
): Promise<CheckConstraint[]> => {
  const marks = names.map(() => '?').join(', ')
  const queries = [
    `select table_name as table_name, constraint_name as name, check_clause as clause
     from information_schema.check_constraints where constraint_schema = database() and table_name in (${marks})`,
    `select tc.table_name as table_name, cc.constraint_name as name, cc.check_clause as clause
     from information_schema.check_constraints cc join information_schema.table_constraints tc
       on tc.constraint_schema = cc.constraint_schema and tc.constraint_name = cc.constraint_name
     where tc.constraint_type = 'CHECK' and cc.constraint_schema = database() and tc.table_name in (${marks})`,
  ]
  for (const text of queries) {
    let rows: Record<string, unknown>[]
    try {
      rows = (await run({ text, params: [...names] })).rows
    } catch {
      continue
    }
    return rows.map((r) => {
      const table = String(r.table_name)
      const clause = String(r.clause)
      const known = info.tables.get(table)
      const columns = [...clause.matchAll(/`((?:[^`]|``)+)`/g)]
        .map((m) => (m[1] ?? '').replace(/``/g, '`'))
        .filter((c, i, all) => known?.has(c) && all.indexOf(c) === i)
      return { table, name: String(r.name), clause, columns }
    })
  }
  return []
}

// long-function: a driver: each method is one short statement over the same pool and dialect
export const createMysqlDriver = (system: string, connection: MysqlConnection): SqlDriver => {
  const mysql = mysqlModule()
  const endpoint = describeEndpoint(connection.url)
  const pool = mysql.createPool({
    uri: connection.url,
    connectTimeout: connection.connectTimeoutMs ?? 5000,
    connectionLimit: connection.maxConnections ?? 4,
    // Values keep their exact text: DECIMAL amounts and DATETIMEs are not rounded through JS numbers or time zones.
    decimalNumbers: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  })

  const dialect: Dialect = {
    quote: (identifier) => mysql.escapeId(identifier, true),
    table: (name) => mysql.escapeId(name, true),
    placeholder: () => '?',
    digits: (column) => `trim(leading '0' from regexp_replace(${column}, '[^0-9]', ''))`,
  }

  type Queryable = Pick<Mysql.Pool, 'execute'>
  const runOn =
    (client: Queryable): SqlExecutor['run'] =>
    async (s: Statement) => {
      try {
        const [result] = await client.execute(s.text, s.params as never[])
        if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affected: 0 }
        return { rows: [], affected: (result as Mysql.ResultSetHeader).affectedRows }
      } catch (error) {
        throw translate(system, endpoint, error)
      }
    }
  const run = runOn(pool)

  return {
    dialect,
    run,

    /** Undefined column or table, in the driver error the Amana error wraps. */
    schemaChanged: (error) =>
      SCHEMA_CHANGED.has(String((error as { cause?: { code?: unknown } })?.cause?.code)),

    async readSchema(tables) {
      if (tables.length === 0) return { tables: new Map(), foreignKeys: [] }
      const marks = tables.map(() => '?').join(', ')
      const names = [...tables]
      const columns = await run({
        text: `select table_name as table_name, column_name as column_name, data_type as data_type,
                 is_nullable as is_nullable, character_maximum_length as character_maximum_length,
                 collation_name as collation_name
               from information_schema.columns where table_schema = database() and table_name in (${marks})`,
        params: names,
      })
      const unique = await run({
        text: `select table_name as table_name, min(column_name) as column_name from information_schema.statistics
               where table_schema = database() and non_unique = 0 and table_name in (${marks})
               group by table_name, index_name having count(*) = 1`,
        params: names,
      })
      const fks = await run({
        text: `select k.table_name as table_name, k.column_name as column_name, k.referenced_table_name as ref_table,
                 k.referenced_column_name as ref_column, k.constraint_name as constraint_name, r.delete_rule as delete_rule
               from information_schema.key_column_usage k
               join information_schema.referential_constraints r
                 on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
                   and r.table_name = k.table_name
               where k.table_schema = database() and k.referenced_table_name is not null
                 and (k.table_name in (${marks}) or k.referenced_table_name in (${marks}))`,
        params: [...names, ...names],
      })
      const leading = await run({
        text: `select table_name as table_name, column_name as column_name from information_schema.statistics
               where table_schema = database() and seq_in_index = 1 and table_name in (${marks})`,
        params: names,
      })
      const info = withIndexes(buildSchemaInfo(columns.rows, unique.rows, fks.rows), leading.rows)
      return { ...info, checks: await readChecks(run, names, info) }
    },

    async transaction(work) {
      let conn: Mysql.PoolConnection
      try {
        conn = await pool.getConnection()
      } catch (error) {
        throw translate(system, endpoint, error)
      }
      const tx = { run: runOn(conn) }
      try {
        await conn.beginTransaction()
        const result = await work(tx)
        await conn.commit()
        return result
      } catch (error) {
        await conn.rollback().catch(() => {})
        throw isAmanaError(error) ? error : translate(system, endpoint, error)
      } finally {
        conn.release()
      }
    },

    close: () => pool.end(),
  }
}

export const createMysqlConnector = (options: {
  system: string
  connection: MysqlConnection
  tables: readonly TablePlan[]
  /** References of other systems' tables into this one, checked by pre-flight. */
  incoming?: readonly IncomingReference[]
}): Connector =>
  createSqlConnector({
    system: options.system,
    kind: 'mysql',
    tables: options.tables,
    ...(options.incoming ? { incoming: options.incoming } : {}),
    driver: createMysqlDriver(options.system, options.connection),
  })
