import {
  createMysqlDriver,
  createPostgresDriver,
  type Dialect,
  type SqlDriver,
  type Statement,
} from '../connectors/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { ShopReaderPort } from './ports.ts'

/** A value as the scope keeps it: text (a DATETIME or a bigint key read as text, a Date as ISO). */
const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value)

/**
 * Reads the shop's SQL systems (PostgreSQL, MySQL/MariaDB) for an incident's scope through the
 * connectors' drivers: the statement is written in the system's dialect, run on a short-lived pool
 * (closed after the read), with the connectors' errors (CONNECTOR_UNAVAILABLE names the system and
 * host, never a password). The URL comes from the environment variable the manifest names.
 */
export const createShopReader = (
  manifest: Manifest,
  env: Readonly<Record<string, string | undefined>>,
): ShopReaderPort => ({
  async query(system, build: (dialect: Dialect) => Statement) {
    const spec = manifest.systems?.[system]
    const variable = spec?.connection?.env
    const url = variable ? env[variable] : undefined
    if (!spec || (spec.kind !== 'postgres' && spec.kind !== 'mysql') || !url)
      throw new AmanaError(
        'VALIDATION_FAILED',
        `System ${system} has no SQL connection: set ${variable ?? 'its connection.env'} for Amana`,
        [{ field: 'system', message: `set ${variable ?? 'connection.env'} to the database URL` }],
      )
    const driver: SqlDriver =
      spec.kind === 'postgres'
        ? createPostgresDriver(system, { url, maxConnections: 1 })
        : createMysqlDriver(system, { url, maxConnections: 1 })
    try {
      const { rows } = await driver.run(build(driver.dialect))
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, text(v)])))
    } finally {
      await driver.close()
    }
  },
})
