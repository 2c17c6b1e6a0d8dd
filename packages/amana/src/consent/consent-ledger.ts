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
  const maxBatch = options.maxBatch ?? 500
  const maxInFlight = options.maxInFlight ?? 1
  let queue: Pending[] = []
  let inFlight = 0
  let scheduled = false
  const busySubjects = new Set<string>()
  const busyIds = new Set<string>()

  /** The next batch: the oldest records whose subject and id are not in flight. */
  const take = (): Pending[] => {
    const batch: Pending[] = []
    const held: Pending[] = []
    const heldSubjects = new Set<string>()
    const heldIds = new Set<string>()
    let i = 0
    for (; i < queue.length && batch.length < maxBatch; i++) {
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
    queue = held.length === 0 ? queue.slice(i) : [...held, ...queue.slice(i)]
    return batch
  }

  const run = async (batch: readonly Pending[]): Promise<void> => {
    for (const p of batch) {
      busySubjects.add(p.record.subjectHash)
      busyIds.add(p.record.id)
    }
    try {
      const outcome = await appendWithRetry(
        db,
        batch.map((p) => p.record),
      )
      onCommit([...new Set(outcome.inserted.map((r) => r.subjectHash))])
      const byId = new Map(outcome.inserted.map((r) => [r.id, r]))
      const existing = new Map(
        (
          await getRecords(
            db,
            outcome.duplicates.filter((id) => !byId.has(id)),
          )
        ).map((r) => [r.id, r]),
      )
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
    } catch (error) {
      for (const p of batch) p.reject(error)
    } finally {
      for (const p of batch) {
        busySubjects.delete(p.record.subjectHash)
        busyIds.delete(p.record.id)
      }
    }
  }

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take()
      if (batch.length === 0) return
      inFlight++
      void run(batch).finally(() => {
        inFlight--
        pump()
      })
    }
  }

  return {
    record(record) {
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
        queue.push({ record, resolve, reject })
        // Start on the next microtask, so records appended in one burst go into one batch.
        if (!scheduled) {
          scheduled = true
          queueMicrotask(() => {
            scheduled = false
            pump()
          })
        }
      })
    },
  }
}
