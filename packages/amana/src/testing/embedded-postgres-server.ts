import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` — for node-postgres, psql or a second process. */
  readonly url: string
  /** Stops listening, then closes the database. End your clients first. */
  close(): Promise<void>
}

/**
 * An in-memory PGlite served over the PostgreSQL wire protocol on a free loopback port
 * (@electric-sql/pglite-socket), so code that speaks to a PostgreSQL server — the PostgreSQL
 * connector, node-postgres, another process — runs against real PostgreSQL without one installed.
 *
 * PGlite is one backend. The socket server multiplexes client connections onto it: statements are
 * queued one at a time, and while a client is inside a transaction only that client's statements
 * run (a client that disconnects mid-transaction is rolled back). What a real server gives each
 * session and PGlite cannot: session state is shared (SET, prepared statement names — the
 * PostgreSQL connector falls back to unnamed statements on the resulting SQLSTATE 42P05), there is
 * one database (CREATE DATABASE cannot be connected to: start a server per database instead), and
 * a NOTIFY is delivered on whichever connection is running at the time, not to the listeners.
 */
export const startEmbeddedPostgresServer = async (
  options: { loadDataDir?: Blob; maxConnections?: number } = {},
): Promise<EmbeddedPostgresServer> => {
  const loadDataDir = options.loadDataDir ?? emptyClusterDump()
  const db = await PGlite.create(loadDataDir ? { loadDataDir } : {})
  // The default is one connection; a pool (and a test's own client beside it) needs more.
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: options.maxConnections ?? 32,
  })
  try {
    await server.start()
  } catch (error) {
    await db.close()
    throw error
  }
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop()
      // stop() detaches its clients without waiting; a client mid-transaction is rolled back on
      // the next turn, which must find the database still open.
      await new Promise((resolve) => setImmediate(resolve))
      await db.close()
    },
  }
}

/** The empty cluster scripts/test.ts dumps once per run: loading it is several times faster than initdb. */
const emptyClusterDump = (): Blob | undefined => {
  const path = process.env.AMANA_TEST_PGLITE_EMPTY
  return path ? new Blob([readFileSync(path)]) : undefined
}
