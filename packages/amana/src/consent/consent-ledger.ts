import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { ConsentRecord, LedgerRecord } from './domain/consent-record.ts'
import { appendRecords, getRecords, unstorableField } from './store.ts'

export type RecordOutcome = { readonly status: 'recorded' | 'duplicate'; readonly record: LedgerRecord }

export interface ConsentLedger {
  /** Appends one record (durable when the promise resolves). A record id seen before records nothing. */
  record(record: ConsentRecord): Promise<RecordOutcome>
}

interface Pending {
  readonly record: ConsentRecord
  resolve(outcome: RecordOutcome): void
  reject(error: unknown): void
}

// A deadlock or a serialization failure aborts the batch's one statement whole, so nothing of it
// was written and it can run again. Two servers meet this when a client retries a record against
// another server and both append the same ids at once in different orders (their statements wait on
// each other's unique-index entries). The ids already appended then come back as duplicates.
const retryableCodes = new Set(['40P01', '40001'])
const maxAttempts = 5
const appendWithRetry = async (db: Kysely<Database>, records: readonly ConsentRecord[]) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendRecords(db, records)
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      if (attempt >= maxAttempts || typeof code !== 'string' || !retryableCodes.has(code)) throw error
      // Back off a little, at random, so the two statements do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10))
    }
  }
}

/** The group commit's state, one per ledger. */
interface GroupCommit {
  readonly db: Kysely<Database>
  readonly onCommit: (subjects: readonly string[]) => void
  readonly maxBatch: number
  readonly maxInFlight: number
  queue: Pending[]
  inFlight: number
  scheduled: boolean
  readonly busySubjects: Set<string>
  readonly busyIds: Set<string>
}

/** The next batch: the oldest records whose subject and id are not in flight. */
const take = (g: GroupCommit): Pending[] => {
  const batch: Pending[] = []
  const held: Pending[] = []
  const heldSubjects = new Set<string>()
  const heldIds = new Set<string>()
  const { queue, busySubjects, busyIds } = g
  let i = 0
  for (; i < queue.length && batch.length < g.maxBatch; i++) {
    const p = queue[i] as Pending
    const { subjectHash, id } = p.record
    if (
      busySubjects.has(subjectHash) ||
      busyIds.has(id) ||
      heldSubjects.has(subjectHash) ||
      heldIds.has(id)
    ) {
      held.push(p)
      heldSubjects.add(subjectHash)
      heldIds.add(id)
    } else batch.push(p)
  }
  g.queue = held.length === 0 ? queue.slice(i) : [...held, ...queue.slice(i)]
  return batch
}

/** Answers each waiting record: the first of an id newly appended is recorded, the rest duplicates. */
const settle = (
  batch: readonly Pending[],
  byId: ReadonlyMap<string, LedgerRecord>,
  existing: ReadonlyMap<string, LedgerRecord>,
) => {
  const claimed = new Set<string>()
  for (const p of batch) {
    const fresh = byId.get(p.record.id)
    if (fresh && !claimed.has(p.record.id)) {
      claimed.add(p.record.id)
      p.resolve({ status: 'recorded', record: fresh })
      continue
    }
    const record = fresh ?? existing.get(p.record.id)
    if (record) p.resolve({ status: 'duplicate', record })
    else p.reject(new Error('consent record vanished after append'))
  }
}

const run = async (g: GroupCommit, batch: readonly Pending[]): Promise<void> => {
  for (const p of batch) {
    g.busySubjects.add(p.record.subjectHash)
    g.busyIds.add(p.record.id)
  }
  try {
    const outcome = await appendWithRetry(
      g.db,
      batch.map((p) => p.record),
    )
    g.onCommit([...new Set(outcome.inserted.map((r) => r.subjectHash))])
    const byId = new Map(outcome.inserted.map((r) => [r.id, r]))
    const existing = new Map(
      (
        await getRecords(
          g.db,
          outcome.duplicates.filter((id) => !byId.has(id)),
        )
      ).map((r) => [r.id, r]),
    )
    settle(batch, byId, existing)
  } catch (error) {
    for (const p of batch) p.reject(error)
  } finally {
    for (const p of batch) {
      g.busySubjects.delete(p.record.subjectHash)
      g.busyIds.delete(p.record.id)
    }
  }
}

const pump = (g: GroupCommit): void => {
  while (g.inFlight < g.maxInFlight && g.queue.length > 0) {
    const batch = take(g)
    if (batch.length === 0) return
    g.inFlight++
    void run(g, batch).finally(() => {
      g.inFlight--
      pump(g)
    })
  }
}

const enqueue = (g: GroupCommit, record: ConsentRecord): Promise<RecordOutcome> => {
  const field = unstorableField(record)
  if (field)
    return Promise.reject(
      new AmanaError(
        'VALIDATION_FAILED',
        `Invalid consent record. ${field}: cannot be stored (a NUL character, an id that is not a lowercase UUID, or an invalid date).`,
        [{ field, message: 'cannot be stored' }],
      ),
    )
  return new Promise<RecordOutcome>((resolve, reject) => {
    g.queue.push({ record, resolve, reject })
    // Start on the next microtask, so records appended in one burst go into one batch.
    if (!g.scheduled) {
      g.scheduled = true
      queueMicrotask(() => {
        g.scheduled = false
        pump(g)
      })
    }
  })
}

/**
 * Group commit: records arriving while transactions are in flight wait and go into the next one, so
 * many concurrent appends cost one commit (and one fsync) instead of one each. Up to `maxInFlight`
 * batches run at once on separate connections, so one batch fills while another commits. Batches in
 * flight never share a subject or a record id: a record whose subject (or id) is in flight waits,
 * and so do the later records of its subject, so each subject's records reach the ledger in the
 * order they arrived and the projection never races itself.
 */
export const createConsentLedger = (
  db: Kysely<Database>,
  onCommit: (subjects: readonly string[]) => void,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): ConsentLedger => {
  const g: GroupCommit = {
    db,
    onCommit,
    maxBatch: options.maxBatch ?? 500,
    maxInFlight: options.maxInFlight ?? 1,
    queue: [],
    inFlight: 0,
    scheduled: false,
    busySubjects: new Set(),
    busyIds: new Set(),
  }
  return { record: (r) => enqueue(g, r) }
}
