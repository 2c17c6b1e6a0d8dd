import { toCsv } from '../platform/csv/index.ts'
import type { LedgerRecord } from './domain/consent-record.ts'
import type { ConsentState } from './domain/consent-state.ts'
import type { RateRow } from './store.ts'

/** A ledger record as the API shows it (subject as its keyed hash). */
export const toRecordView = (r: LedgerRecord) => ({
  id: r.id,
  seq: r.seq,
  subjectHash: r.subjectHash,
  subjectKind: r.subjectKind,
  method: r.method,
  items: r.items.map((i) => ({ ...i })),
  policyVersion: r.policyVersion,
  notice: r.notice,
  locale: r.locale,
  jurisdiction: r.jurisdiction,
  source: r.source,
  gpc: r.gpc,
  conflict: r.conflict,
  child: r.child,
  recordedAt: r.recordedAt.toISOString(),
})

export const toStateView = (s: ConsentState) => ({
  jurisdiction: s.jurisdiction ?? null,
  gpc: s.gpc,
  child: s.child,
  restricted: [...s.restricted],
  choices: [...s.entries.values()].map((e) => ({
    target: e.target,
    id: e.id,
    channel: e.channel,
    granted: e.granted,
    method: e.method,
    recordedAt: e.recordedAt.toISOString(),
  })),
})

export const csvHeader = [
  'record_id',
  'seq',
  'recorded_at',
  'subject_hash',
  'subject_kind',
  'method',
  'target',
  'target_id',
  'channel',
  'state',
  'policy_version',
  'notice',
  'locale',
  'jurisdiction',
  'source',
  'gpc',
  'conflict',
  'child',
]

/** The ledger as CSV: one row per choice in each record (a record with three choices gives three rows). */
export const toLedgerCsv = (records: readonly LedgerRecord[]): string =>
  toCsv(
    records.flatMap((r) =>
      r.items.map((i) =>
        Object.fromEntries(
          [
            r.id,
            r.seq,
            r.recordedAt.toISOString(),
            r.subjectHash,
            r.subjectKind,
            r.method,
            i.target,
            i.id,
            i.channel,
            i.granted ? 'given' : 'refused',
            r.policyVersion,
            r.notice,
            r.locale,
            r.jurisdiction,
            r.source,
            r.gpc,
            r.conflict,
            r.child,
          ].map((v, n) => [csvHeader[n]!, v]),
        ),
      ),
    ),
    { columns: csvHeader },
  )

export interface RateSeries {
  readonly target: string
  readonly id: string
  readonly points: readonly {
    readonly day: string
    readonly granted: number
    readonly refused: number
    readonly rate: number
  }[]
}

export const toRateSeries = (rows: readonly RateRow[]): RateSeries[] => {
  const series = new Map<string, { target: string; id: string; points: RateSeries['points'][number][] }>()
  for (const r of rows) {
    const key = `${r.target}:${r.id}`
    const s = series.get(key) ?? { target: r.target, id: r.id, points: [] }
    s.points.push({
      day: r.day,
      granted: r.granted,
      refused: r.refused,
      rate: r.granted + r.refused === 0 ? 0 : Math.round((r.granted / (r.granted + r.refused)) * 1000) / 1000,
    })
    series.set(key, s)
  }
  return [...series.values()]
}
