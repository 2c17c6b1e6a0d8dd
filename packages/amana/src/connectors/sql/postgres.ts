import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Connector } from '../connector.ts'
import { connectorFailed, connectorUnavailable, describeEndpoint } from '../connector-errors.ts'
import type { TablePlan } from '../plan.ts'
import { describePostgresError } from './error-text.ts'
import { preciseTypes } from './precise-timestamps.ts'
import type { IncomingReference } from './preflight.ts'
import { buildSchemaInfo, withIndexes } from './schema-info.ts'
import { createSqlConnector, type SqlDriver, type SqlExecutor } from './sql-connector.ts'
import type { Dialect, Statement } from './statements.ts'

export type PostgresConnection = {
  url: string
  schema?: string
  connectTimeoutMs?: number
  maxConnections?: number
}

/** A statement refused because a table or column is gone: the schema changed since pre-flight. */
const SCHEMA_CHANGED = new Set(['42703', '42P01'])

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

/** Driver errors as Amana errors: the SQLSTATE, names and what to do, never a quoted value (see error-text.ts). */
const translate = (system: string, endpoint: string, error: unknown): Error => {
  const e = error as Parameters<typeof describePostgresError>[0]
  const code = e.code ?? ''
  if (NETWORK.has(code)) return connectorUnavailable(system, `${code} at ${endpoint}`, error)
  if (/timeout|terminated|Connection closed/i.test(e.message ?? '') && !code)
    return connectorUnavailable(system, `connection timeout or loss at ${endpoint}`, error)
  if (code.startsWith('08') || code.startsWith('57P') || code === '53300')
    return connectorUnavailable(system, `SQLSTATE ${code} at ${endpoint}`, error)
  if (code === '3D000')
    return connectorUnavailable(system, `database does not exist at ${endpoint}`, error, false)
  if (code.startsWith('28'))
    return connectorUnavailable(system, `authentication failed at ${endpoint}`, error, false)
  // Serialization failure, deadlock, lock not available: the same transaction may pass next time.
  const transient = code === '40001' || code === '40P01' || code === '55P03'
  return connectorFailed(system, describePostgresError(e), error, transient)
}

/** Prepared-statement names by text; a plan has few statement shapes, the bound keeps it that way. */
const statementNames = new Map<string, string>()
const statementName = (text: string) => {
  let name = statementNames.get(text)
  if (name) return name
  if (statementNames.size >= 1000) statementNames.clear()
  name = `amana_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`
  statementNames.set(text, name)
  return name
}

const integerText = /^-?\d{1,19}$/
const isInteger = (v: unknown) =>
  (typeof v === 'number' && Number.isSafeInteger(v)) ||
  typeof v === 'bigint' ||
  (typeof v === 'string' && integerText.test(v))

/**
 * An array of integers (a batch's keys) goes as PostgreSQL's array text (`{1,2,3}`), which the
 * server reads as the compared column's array type; pg would quote and escape each of thousands
 * of elements (a few milliseconds for 5,000 keys). Every other value goes as given.
 */
const toParam = (value: unknown): unknown =>
  Array.isArray(value) && value.every(isInteger) ? `{${value.join(',')}}` : value

// long-function: a driver: each method is one short statement over the same pool and dialect
export const createPostgresDriver = (system: string, connection: PostgresConnection): SqlDriver => {
  const schemaName = connection.schema ?? 'public'
  const endpoint = describeEndpoint(connection.url)
  const pool = new pg.Pool({
    connectionString: connection.url,
    connectionTimeoutMillis: connection.connectTimeoutMs ?? 5000,
    max: connection.maxConnections ?? 4,
    // timestamp(6) values keep their microseconds (a Date alone holds milliseconds).
    types: preciseTypes,
  })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  /** PostgreSQL 12+ (`plan_cache_mode`), learnt when the schema is read. */
  let genericPlans = false

  const dialect: Dialect = {
    quote: (identifier) => pg.escapeIdentifier(identifier),
    table: (name) => `${pg.escapeIdentifier(schemaName)}.${pg.escapeIdentifier(name)}`,
    placeholder: (index) => `$${index}`,
    arrays: true,
    modifyingCtes: true,
    digits: (column) => `ltrim(regexp_replace(${column}, '[^0-9]', '', 'g'), '0')`,
  }

  /**
   * Reusable statements are prepared (parsed and planned once per connection). A pooler that hands
   * each transaction another server connection (PgBouncer in transaction mode) loses them: the
   * first sign of that (SQLSTATE 26000 or 42P05) turns preparing off for good.
   */
  let prepare = true

  const runOn =
    (client: pg.Pool | pg.PoolClient): SqlExecutor['run'] =>
    async (s: Statement) => {
      const named = s.reusable === true && prepare
      try {
        const r = await client.query(
          named
            ? { name: statementName(s.text), text: s.text, values: s.params.map(toParam) }
            : { text: s.text, values: s.params.map(toParam) },
        )
        return { rows: r.rows, affected: r.rowCount ?? 0 }
      } catch (error) {
        const code = (error as { code?: string }).code
        if (named && (code === '26000' || code === '42P05')) {
          prepare = false
          // Outside a transaction the statement can simply run again; a transaction is retried whole.
          if (client instanceof pg.Pool) return runOn(client)(s)
        }
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
      const names = [...tables]
      const columns = await run({
        text: `select table_name, column_name, case when data_type = 'USER-DEFINED' then udt_name else data_type end as data_type,
                 is_nullable, character_maximum_length, collation_name
               from information_schema.columns where table_schema = $1 and table_name = any($2::text[])`,
        params: [schemaName, names],
      })
      // Single-column unique indexes, including primary keys and unique indexes without a constraint.
      const unique = await run({
        text: `select t.relname as table_name, a.attname as column_name
               from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
               join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
               where i.indisunique and i.indnkeyatts = 1 and i.indpred is null and n.nspname = $1 and t.relname = any($2::text[])`,
        params: [schemaName, names],
      })
      const fks = await run({
        text: `select cl.relname as table_name, a.attname as column_name, rcl.relname as ref_table, ra.attname as ref_column,
                 co.conname as constraint_name, co.confdeltype as delete_rule
               from pg_constraint co
               join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
               join pg_class rcl on rcl.oid = co.confrelid
               cross join lateral unnest(co.conkey, co.confkey) as k(col, refcol)
               join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.col
               join pg_attribute ra on ra.attrelid = co.confrelid and ra.attnum = k.refcol
               where co.contype = 'f' and co.conparentid = 0 and n.nspname = $1 and (cl.relname = any($2::text[]) or rcl.relname = any($2::text[]))`,
        params: [schemaName, names],
      })
      const version = await run({
        text: `select current_setting('server_version_num')::int as v`,
        params: [],
      })
      genericPlans = Number(version.rows[0]?.v) >= 120000
      const indexes = await run({
        text: `select t.relname as table_name, a.attname as column_name,
                 case when i.indexprs is not null then pg_get_indexdef(i.indexrelid) end as def
               from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
               left join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0] and i.indkey[0] <> 0
               where n.nspname = $1 and t.relname = any($2::text[])`,
        params: [schemaName, names],
      })
      const checks = await run({
        text: `select cl.relname as table_name, co.conname as name, pg_get_expr(co.conbin, co.conrelid) as clause,
                 array_agg(a.attname::text order by a.attnum) as columns,
                 array_agg(format_type(a.atttypid, a.atttypmod) order by a.attnum) as types
               from pg_constraint co join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
               join pg_attribute a on a.attrelid = co.conrelid and a.attnum = any(co.conkey)
               where co.contype = 'c' and n.nspname = $1 and cl.relname = any($2::text[])
               group by cl.relname, co.conname, co.conbin, co.conrelid`,
        params: [schemaName, names],
      })
      return {
        ...withIndexes(
          buildSchemaInfo(columns.rows, unique.rows, fks.rows),
          indexes.rows,
          indexes.rows.filter((r) => r.def),
        ),
        checks: checks.rows.map((r) => {
          const cols = (r.columns as string[]).map(String)
          const types = (r.types as string[]).map(String)
          return {
            table: String(r.table_name),
            name: String(r.name),
            clause: String(r.clause),
            columns: cols,
            types: Object.fromEntries(cols.map((c, i) => [c, types[i] ?? 'text'])),
          }
        }),
      }
    },

    async transaction(work) {
      const attempt = async () => {
        let client: pg.PoolClient
        try {
          client = await pool.connect()
        } catch (error) {
          throw translate(system, endpoint, error)
        }
        const tx = { run: runOn(client) }
        try {
          // The statements of a transaction look rows up by key: a generic plan, made once per
          // prepared statement, serves every subject, where planning for each would cost more than
          // running them. Sent with `begin`, in the same round trip.
          await tx.run({
            text: genericPlans ? 'begin; set local plan_cache_mode = force_generic_plan' : 'begin',
            params: [],
          })
          const result = await work(tx)
          await tx.run({ text: 'commit', params: [] })
          return result
        } catch (error) {
          await client.query('rollback').catch(() => {})
          throw error
        } finally {
          client.release()
        }
      }
      const prepared = prepare
      try {
        return await attempt()
      } catch (error) {
        // Prepared statements were lost mid-transaction (see `prepare`): once more without them
        // (nothing was committed; `work` only reads and writes through `tx`).
        if (prepared && !prepare) return attempt()
        throw error
      }
    },

    close: () => pool.end(),
  }
}

export const createPostgresConnector = (options: {
  system: string
  connection: PostgresConnection
  tables: readonly TablePlan[]
  /** References of other systems' tables into this one, checked by pre-flight. */
  incoming?: readonly IncomingReference[]
}): Connector =>
  createSqlConnector({
    system: options.system,
    kind: 'postgres',
    tables: options.tables,
    ...(options.incoming ? { incoming: options.incoming } : {}),
    driver: createPostgresDriver(options.system, options.connection),
  })
