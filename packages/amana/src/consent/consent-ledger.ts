import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { ConsentRecord, LedgerRecord } from './domain/consent-record.ts'
import { appendRecords, getRecords } from './store.ts'

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

/**
 * Group commit: records arriving while a transaction is in flight wait and go into the next one, so
 * many concurrent appends cost one commit (and one fsync) instead of one each.
 */
export const createConsentLedger = (
  db: Kysely<Database>,
  onCommit: (subjects: readonly string[]) => void,
  options: { maxBatch?: number } = {},
): ConsentLedger => {
  const maxBatch = options.maxBatch ?? 500
  let queue: Pending[] = []
  let flushing = false

  const flush = async (): Promise<void> => {
    flushing = true
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      try {
        const outcome = await appendRecords(
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
      }
    }
    flushing = false
  }

  return {
    record(record) {
      return new Promise<RecordOutcome>((resolve, reject) => {
        queue.push({ record, resolve, reject })
        if (!flushing) void flush()
      })
    },
  }
}
