import type { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface PgliteServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` — for node-postgres, psql or a second process. */
  readonly url: string
  /** Stops listening, then closes the database. End your clients first. */
  close(): Promise<void>
}

/**
 * Serves a PGlite over the PostgreSQL wire protocol on loopback (@electric-sql/pglite-socket), so
 * code that speaks to a PostgreSQL server — the PostgreSQL connector, node-postgres, psql, another
 * process — reaches it without a server installed. Port 0 picks a free port. Takes ownership of
 * `db`: `close()` closes it.
 *
 * PGlite is one backend. The socket server multiplexes client connections onto it: statements are
 * queued one at a time, and while a client is inside a transaction only that client's statements
 * run (a client that disconnects mid-transaction is rolled back). What a real server gives each
 * session and PGlite cannot: session state is shared (SET, prepared statement names — the
 * PostgreSQL connector falls back to unnamed statements on the resulting SQLSTATE 42P05), there is
 * one database, and a NOTIFY is delivered on whichever connection is running at the time.
 */
export const servePglite = async (
  db: PGlite,
  options: { host?: string; port?: number; maxConnections?: number } = {},
): Promise<PgliteServer> => {
  // The default is one connection; a pool (and a client beside it) needs more.
  const server = new PGLiteSocketServer({
    db,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
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
