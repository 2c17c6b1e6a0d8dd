import type { ConsentMethod, LedgerRecord, RecordItem } from './consent-record.ts'

/** The latest choice for one target and channel. */
export interface StateEntry {
  readonly target: RecordItem['target']
  readonly id: string
  readonly channel: string
  readonly granted: boolean
  readonly method: ConsentMethod
  /** Ledger sequence: the later record wins. */
  readonly seq: bigint
  readonly recordedAt: Date
}

/** What is in force for a subject: a projection of the ledger, never edited by hand. */
export interface ConsentState {
  readonly jurisdiction: string | undefined
  /** The latest record carried Global Privacy Control. */
  readonly gpc: boolean
  readonly child: boolean
  /** Purposes under a restriction from a data-subject request; `*` for all. */
  readonly restricted: readonly string[]
  readonly entries: ReadonlyMap<string, StateEntry>
}

export const emptyState: ConsentState = {
  jurisdiction: undefined,
  gpc: false,
  child: false,
  restricted: [],
  entries: new Map(),
}

export const entryKey = (target: string, id: string, channel: string): string =>
  `${target}\u0000${id}\u0000${channel}`

/** Folds one record into the state. Records must come in ledger order; an older seq never overwrites a newer one. */
export const applyRecord = (state: ConsentState, record: LedgerRecord): ConsentState => {
  const seq = BigInt(record.seq)
  const entries = new Map(state.entries)
  for (const item of record.items) {
    const key = entryKey(item.target, item.id, item.channel)
    const current = entries.get(key)
    if (current && current.seq > seq) continue
    entries.set(key, {
      target: item.target,
      id: item.id,
      channel: item.channel,
      granted: item.granted,
      method: record.method,
      seq,
      recordedAt: record.recordedAt,
    })
  }
  return {
    jurisdiction: record.jurisdiction,
    gpc: record.gpc,
    child: state.child || record.child,
    restricted: state.restricted,
    entries,
  }
}

/** The state after a sequence of records, oldest first. */
export const projectState = (
  records: readonly LedgerRecord[],
  base: ConsentState = emptyState,
): ConsentState => records.reduce(applyRecord, base)
