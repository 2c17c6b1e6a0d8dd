import { LRUCache } from 'lru-cache'
import pg from 'pg'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { ConsentState } from './domain/consent-state.ts'
import { emptyState } from './domain/consent-state.ts'
import { consentChannel, loadStates, loadStatesPrepared } from './store.ts'

export interface StateReader {
  read(subjectHash: string): Promise<ConsentState>
  /** The state held in memory, without a database read; undefined when it is not (or not trusted). */
  peek(subjectHash: string): ConsentState | undefined
  /** Drops cached state (after a local write; remote writes arrive by NOTIFY). */
  invalidate(subjectHashes: readonly string[]): void
  close(): Promise<void>
}

/**
 * Reads states from the database, coalescing: while one query for states is out, further reads
 * wait and go together in the next one (`subject_hash in (…)`), so a burst of subjects that are not
 * in memory costs one round trip per burst, not one each. A lone read goes at once. One in flight
 * measured best out of process (bench/consent.ts, cold decide): a second query in flight halves
 * the batches, and PGlite runs one statement at a time anyway.
 */
const coalescingLoader = (load: (subjectHashes: readonly string[]) => Promise<Map<string, ConsentState>>) => {
  type Waiter = { resolve: (state: ConsentState) => void; reject: (error: unknown) => void }
  let waiting = new Map<string, Waiter[]>()
  let inFlight = false
  const send = async () => {
    if (waiting.size === 0) return
    inFlight = true
    const batch = waiting
    waiting = new Map()
    try {
      const states = await load([...batch.keys()])
      for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(states.get(hash) ?? emptyState)
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error)
    } finally {
      inFlight = false
      if (waiting.size > 0) void send()
    }
  }
  return (subjectHash: string) =>
    new Promise<ConsentState>((resolve, reject) => {
      const waiters = waiting.get(subjectHash)
      if (waiters) waiters.push({ resolve, reject })
      else waiting.set(subjectHash, [{ resolve, reject }])
      if (!inFlight) void send()
    })
}

/**
 * Reads a subject's consent state, cached in memory while a LISTEN connection proves that every
 * change on every process reaches us (NOTIFY is sent in the writing transaction, delivered on
 * commit). Without that connection the cache is off and every read goes to the database, so a
 * withdrawal can never be missed; a read that raced an invalidation is not cached.
 */
// long-function: the LISTEN connection's life cycle (connect, lose, retry) and the cache it guards share one state
export const createStateReader = async (
  database: AmanaDatabase,
  logger: Logger,
  options: { maxEntries?: number } = {},
): Promise<StateReader> => {
  const maxEntries = options.maxEntries ?? 50_000
  // lru-cache, not a Map evicted from its head: a Map keeps deleted entries as holes that every
  // `keys().next()` walks past, which made each cold read pay tens of microseconds once full.
  const cache = new LRUCache<string, ConsentState>({ max: maxEntries })
  let generation = 0
  let listening = false
  let closed = false
  let client: pg.Client | undefined
  let unlisten: (() => Promise<void>) | undefined
  let retry: NodeJS.Timeout | undefined
  // On PostgreSQL the reads go on the LISTEN connection while it is up, as a prepared statement;
  // through the pool otherwise (and on PGlite).
  const load = coalescingLoader((hashes) =>
    client ? loadStatesPrepared(client, database.db, hashes) : loadStates(database.db, hashes),
  )

  const invalidate = (subjects: readonly string[]) => {
    generation++
    for (const s of subjects) cache.delete(s)
  }
  const onPayload = (payload: string | undefined) => invalidate(payload ? payload.split(',') : [])
  const stopCaching = () => {
    listening = false
    generation++
    cache.clear()
  }

  const connect = async (): Promise<void> => {
    if (closed) return
    if (database.kind === 'pglite' && database.pglite) {
      unlisten = await database.pglite.listen(consentChannel, onPayload)
      listening = true
      return
    }
    if (!database.url) return
    const c = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 5000 })
    const lost = () => {
      if (client !== c) return
      client = undefined
      stopCaching()
      c.end().catch(() => {})
      if (!closed) retry = setTimeout(() => void connect(), 1000)
    }
    c.on('error', lost)
    c.on('end', lost)
    c.on('notification', (n) => {
      if (n.channel === consentChannel) onPayload(n.payload)
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${consentChannel}`)
      client = c
      // Anything cached before LISTEN took effect may be stale.
      stopCaching()
      listening = true
    } catch (error) {
      logger.warn(
        { err: error },
        'consent cache: LISTEN failed; reading state from the database until it succeeds',
      )
      await c.end().catch(() => {})
      if (!closed) retry = setTimeout(() => void connect(), 1000)
    }
  }
  await connect()

  return {
    peek: (subjectHash) => (listening ? cache.get(subjectHash) : undefined),
    async read(subjectHash) {
      if (listening) {
        const hit = cache.get(subjectHash)
        if (hit) return hit
      }
      const started = generation
      const state = await load(subjectHash)
      if (listening && generation === started) cache.set(subjectHash, state)
      return state
    },
    invalidate,
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      stopCaching()
      await unlisten?.().catch(() => {})
      const c = client
      client = undefined
      await c?.end().catch(() => {})
    },
  }
}
