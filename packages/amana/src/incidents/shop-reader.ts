import pg from 'pg'
import type { Manifest } from '../manifest/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { ShopReaderPort } from './ports.ts'

/**
 * Reads the shop's PostgreSQL systems for an incident's scope, in a read-only transaction on a
 * short-lived connection; the URL comes from the environment variable the manifest names.
 */
export const createShopReader = (
  manifest: Manifest,
  env: Readonly<Record<string, string | undefined>>,
): ShopReaderPort => ({
  async query(system, text, params) {
    const variable = manifest.systems?.[system]?.connection?.env
    const url = variable ? env[variable] : undefined
    if (!url)
      throw new AmanaError(
        'VALIDATION_FAILED',
        `System ${system} has no connection: set ${variable ?? 'its connection.env'} for Amana`,
        [{ field: 'system', message: `set ${variable ?? 'connection.env'} to the database URL` }],
      )
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
    await client.connect()
    try {
      await client.query('begin read only')
      const result = await client.query({ text, values: [...params] })
      await client.query('commit')
      return result.rows as Record<string, string | null>[]
    } finally {
      await client.end()
    }
  },
})
