import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { ParsedAnchors } from './domain/anchor-line.ts'
import type { AuditPublicKey } from './domain/checkpoint.ts'
import { type AnchorReport, checkAgainstAnchors } from './domain/verify-anchors.ts'
import type { ChainAnchor, VerificationReport } from './domain/verify-chain.ts'
import { verifyLedger } from './ledger.ts'
import * as store from './store.ts'

export interface AnchoredVerification {
  readonly ok: boolean
  readonly ledger: VerificationReport
  readonly anchors: AnchorReport
}

/**
 * Verifies the ledger in the database (verifyLedger), then against checkpoints kept outside it: a
 * database whose entries and checkpoint rows were cut, wiped or recomputed together still disagrees
 * with what was anchored before.
 */
export const verifyLedgerAgainstAnchors = async (options: {
  db: Kysely<Database>
  publicKeys: readonly AuditPublicKey[]
  anchors: ParsedAnchors
  batchSize?: number
  maxBreaks?: number
}): Promise<AnchoredVerification> => {
  const { db, anchors } = options
  const ledger = await verifyLedger(options)
  const hashAt = await store.hashesAt(db, [...new Set(anchors.anchors.map((a) => a.checkpoint.seq))])
  const anchorReport = checkAgainstAnchors(
    anchors,
    new Map(options.publicKeys.map((k) => [k.keyId, k.publicKey])),
    {
      entries: ledger.entries,
      firstSeq: ledger.firstSeq,
      lastSeq: ledger.lastSeq,
      start: ledger.anchor ?? (ledger.entries === 0 ? await prunedStart(db) : undefined),
      hashAt,
    },
  )
  return { ok: ledger.ok && anchorReport.ok, ledger, anchors: anchorReport }
}

/** With every entry pruned, the chain starts (and ends) at the checkpoint kept on the head. */
const prunedStart = async (db: Kysely<Database>): Promise<ChainAnchor | undefined> => {
  const head = await store.readHead(db)
  if (head.seq === 0) return undefined
  const kept = await store.checkpointAt(db, head.seq)
  return kept && kept.hash === head.hash ? { seq: kept.seq, hash: kept.hash } : undefined
}
