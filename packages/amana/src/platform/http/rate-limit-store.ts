import { createHmac } from 'node:crypto'
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { RouteOptions } from 'fastify'
import { type Kysely, sql } from 'kysely'

type Callback = Parameters<FastifyRateLimitStore['incr']>[1]

/**
 * One hit on a fixed-window counter in the `rate_limit` table: the count in the current window and
 * the milliseconds left in it. Shared by every process on the database and timed by its clock;
 * the key is stored as a keyed hash of `scope` and `key`, never the key itself. Ended windows are
 * deleted at most once per window by each counter.
 */
export const rateLimitCounter = <DB>(db: Kysely<DB>, secret: string | Buffer) => {
  let purgedAt = 0
  const hit = async (key: string, windowMs: number) => {
    if (Date.now() - purgedAt >= windowMs) {
      purgedAt = Date.now()
      await sql`delete from rate_limit where window_ends_at <= now()`.execute(db)
    }
    const { rows } = await sql<{ count: number; ttl_ms: number }>`
      insert into rate_limit as r (key, count, window_ends_at)
      values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        count = case when r.window_ends_at <= now() then 1 else r.count + 1 end,
        window_ends_at = case when r.window_ends_at <= now() then excluded.window_ends_at else r.window_ends_at end
      returning count, ceil(extract(epoch from r.window_ends_at - now()) * 1000)::float8 as ttl_ms`.execute(
      db,
    )
    const row = rows[0]
    if (!row) throw new Error('rate_limit upsert returned no row')
    return { current: row.count, ttl: Math.max(0, Number(row.ttl_ms)) }
  }
  return (scope: string, key: string, windowMs: number): Promise<{ current: number; ttl: number }> =>
    hit(
      createHmac('sha256', secret).update(`amana/rate-limit/v1:${scope}:${key}`).digest('base64url'),
      windowMs,
    )
}

/**
 * A `@fastify/rate-limit` store whose fixed-window counters live in the `rate_limit` table, so every
 * process on one database shares a client's budget. The window is timed by the database clock (one
 * clock for all processes). Keys are stored as a keyed hash: the table never holds a client address.
 * Ended windows are deleted at most once per window by each process.
 */
export const postgresRateLimitStore = <DB>(
  db: Kysely<DB>,
  secret: string | Buffer,
): FastifyRateLimitStoreCtor => {
  const hit = rateLimitCounter(db, secret)

  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    readonly #namespace: string
    constructor(_options?: unknown, namespace = '') {
      this.#namespace = namespace
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      hit(this.#namespace, key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    /** Each limited route counts apart: its method and URL name its counters. */
    child(routeOptions: RouteOptions): FastifyRateLimitStore {
      // At run time the plugin passes the route's merged limit options, the route under `routeInfo`.
      const route = (routeOptions as { routeInfo?: RouteOptions }).routeInfo ?? routeOptions
      return new PostgresRateLimitStore(undefined, `${String(route.method)} ${route.url}`)
    }
  }
}
