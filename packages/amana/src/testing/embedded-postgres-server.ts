import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { type PgliteServer, servePglite } from '../demo/index.ts'

export type EmbeddedPostgresServer = PgliteServer

/**
 * An in-memory PGlite served over the PostgreSQL wire protocol on a free loopback port (see
 * `servePglite` for what a PGlite behind a socket can and cannot do like a server). One database:
 * CREATE DATABASE cannot be connected to — start a server per database instead.
 */
export const startEmbeddedPostgresServer = async (
  options: { loadDataDir?: Blob; maxConnections?: number } = {},
): Promise<EmbeddedPostgresServer> => {
  const loadDataDir = options.loadDataDir ?? emptyClusterDump()
  const db = await PGlite.create(loadDataDir ? { loadDataDir } : {})
  return servePglite(db, options.maxConnections ? { maxConnections: options.maxConnections } : {})
}

/** The empty cluster scripts/test.ts dumps once per run: loading it is several times faster than initdb. */
const emptyClusterDump = (): Blob | undefined => {
  const path = process.env.AMANA_TEST_PGLITE_EMPTY
  return path ? new Blob([readFileSync(path)]) : undefined
}
