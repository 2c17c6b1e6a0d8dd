import { type OwnRecordKind, ownRecordPeriods } from '../manifest/index.ts'
import { subtractDuration } from '../retention/index.ts'
import type { OwnRecordsDeps } from './ports.ts'
import { type OwnRecordsStore, ownRecordsStore } from './store.ts'

/** The kinds this sweep carries out; access packages are deleted by the requests sweep at their expiry. */
export type SweptKind = Exclude<OwnRecordKind, 'accessPackages'>
export type OwnRecordsCounts = Readonly<Record<SweptKind, number>>

export type OwnRecordsReport =
  | { readonly status: 'paused' }
  | { readonly status: 'done'; readonly asOf: Date; readonly counts: OwnRecordsCounts }

/** One pass as the console shows it: when, what started it, counts per kind, the periods applied. */
export interface OwnRecordsRun {
  readonly trigger: string
  readonly asOf: Date
  readonly counts: Readonly<Record<string, number>>
  readonly periods: Readonly<Record<string, string>>
}

/** The latest passes, newest first. */
export const ownRecordsRuns = (deps: Pick<OwnRecordsDeps, 'db'>, limit: number): Promise<OwnRecordsRun[]> =>
  ownRecordsStore(deps.db).runs(limit)

/** Where the time of the last run is kept (retention's settings), for the daily timer. */
export const LAST_RUN_SETTING = 'own-records.last-run'

/** Runs `batch` until one comes back short of `size`: every due row, one short transaction at a time. */
const drain = async (size: number, batch: (size: number) => Promise<number>): Promise<number> => {
  let total = 0
  for (;;) {
    const changed = await batch(size)
    total += changed
    if (changed < size) return total
  }
}

/** Closed requests past their period: vault key shredded and files removed first, then the row reduced. */
const reduceRequests = async (deps: OwnRecordsDeps, store: OwnRecordsStore, cutoff: Date, now: Date) => {
  let total = 0
  for (;;) {
    const due = await store.dueRequests(cutoff, deps.batchSize)
    // Shredding first: a crash before the reduction leaves rows a rerun finds again, and
    // shredding twice is harmless.
    for (const request of due) {
      await deps.shredSubject(request.subjectId)
      for (const file of request.fileIds) await deps.removeFile(file)
    }
    total += await store.reduceRequests(
      due.map((r) => r.id),
      now,
    )
    if (due.length < deps.batchSize) return total
  }
}

/**
 * One pass over Amana's own records, each kind by its period (`ownRecords:` or the default): sent
 * mail deleted, expired codes deleted, closed requests reduced to a stub, replaced consent records
 * deleted. Nothing runs while retention is paused. The ledger gets one entry with the counts per
 * kind and the periods used, never a value. Idempotent: a second run at the same time changes nothing.
 */
export const sweepOwnRecords = async (deps: OwnRecordsDeps, trigger: string): Promise<OwnRecordsReport> => {
  if (await deps.retention.paused()) return { status: 'paused' }
  const now = deps.now()
  const periods = ownRecordPeriods(deps.manifest)
  const cutoff = (kind: OwnRecordKind) => subtractDuration(now, periods[kind].keep)
  const store = ownRecordsStore(deps.db)
  const size = deps.batchSize
  const counts: OwnRecordsCounts = {
    sentMail: await drain(size, (n) => store.deleteSentMail(cutoff('sentMail'), n)),
    verificationCodes: await drain(size, (n) => store.deleteCodes(cutoff('verificationCodes'), n)),
    requestRecords: await reduceRequests(deps, store, cutoff('requestRecords'), now),
    consentRecords: await drain(size, (n) => store.deleteReplacedConsent(cutoff('consentRecords'), n)),
  }
  const keeps = Object.fromEntries(Object.entries(periods).map(([kind, p]) => [kind, p.keep]))
  await store.recordRun({ trigger, asOf: now, counts, periods: keeps })
  await deps.retention.putSetting(LAST_RUN_SETTING, now.toISOString(), now)
  await deps.audit.append({
    actor: { type: 'system', id: 'own-records-sweep' },
    action: 'retention.own-records',
    target: 'amana',
    details: {
      trigger,
      counts,
      periods: keeps,
    },
  })
  return { status: 'done', asOf: now, counts }
}
