import type { Kysely } from 'kysely'
import { type Manifest, ownRecordEvents, ownRecordPeriods } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import { subtractDuration } from '../retention/index.ts'
import { ownRecordsStore } from './store.ts'
import type { SweptKind } from './sweep.ts'

const horizonDays = { today: 1, week: 7, month: 30 } as const
type Horizon = keyof typeof horizonDays

/** One kind of Amana's own records in the dry run, shaped like retention's plan lines. */
export type OwnRecordsPlanLine = {
  target: string
  system: 'amana'
  table: string
  categories: string[]
  action: string
  keep: string
  after: string
  source: 'amana'
  unit: 'rows'
  due: Record<Horizon, number>
}

const tableOf: Record<SweptKind, string> = {
  sentMail: 'mail_outbox',
  verificationCodes: 'dsr_code',
  requestRecords: 'dsr_request',
  consentRecords: 'consent_record',
}

/**
 * The dry run for Amana's own records: how many of each kind the own-records pass would delete (or
 * reduce) today, within a week and within a month. Reads only.
 */
export const planOwnRecords = async (deps: {
  readonly db: Kysely<Database>
  readonly manifest: Manifest
  readonly now: () => Date
}): Promise<OwnRecordsPlanLine[]> => {
  const periods = ownRecordPeriods(deps.manifest)
  const store = ownRecordsStore(deps.db)
  const kinds = Object.keys(tableOf) as SweptKind[]
  const due = Object.fromEntries(kinds.map((k) => [k, { today: 0, week: 0, month: 0 }])) as Record<
    SweptKind,
    Record<Horizon, number>
  >
  for (const h of Object.keys(horizonDays) as Horizon[]) {
    const at = new Date(deps.now().getTime() + horizonDays[h] * 86_400_000)
    const counts = await store.countDue(
      Object.fromEntries(kinds.map((k) => [k, subtractDuration(at, periods[k].keep)])) as Record<
        SweptKind,
        Date
      >,
    )
    for (const k of kinds) due[k][h] = counts[k]
  }
  return kinds.map((kind) => ({
    target: `own-records.${kind}`,
    system: 'amana',
    table: tableOf[kind],
    categories: [kind],
    action: kind === 'requestRecords' ? 'reduce' : 'delete',
    keep: periods[kind].keep,
    after: ownRecordEvents[kind],
    source: 'amana',
    unit: 'rows',
    due: due[kind],
  }))
}
