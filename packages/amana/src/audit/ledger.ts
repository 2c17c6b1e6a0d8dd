import type { KeyObject } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { CheckpointAnchor } from './anchors.ts'
import { type AuditExport, EXPORT_FORMAT, serializeCheckpoint } from './domain/audit-export.ts'
import {
  type AuditPublicKey,
  type AuditSigningKey,
  type Checkpoint,
  exportPublicKey,
  signCheckpoint,
} from './domain/checkpoint.ts'
import {
  type AuditEvent,
  buildBody,
  type ChainRow,
  checkEvent,
  type EntryProjection,
  entryHash,
  GENESIS_HASH,
  type PreparedEvent,
  prepareEvent,
} from './domain/entry.ts'
import { type ChainAnchor, createChainVerifier, type VerificationReport } from './domain/verify-chain.ts'
import * as store from './store.ts'

/** Seqs per verification run: one query, about 9 MB of text at 20,000. */
const VERIFY_BATCH = 20_000
/** Runs fetched while one is hashed, each on its own connection (PGlite answers them in turn). */
const RUNS_AHEAD = 2

export interface AppendedEntry {
  readonly seq: number
  readonly hash: string
  readonly at: Date
}

export interface PruneOutcome {
  /** The checkpoint the retained chain now starts from; undefined when nothing could be pruned. */
  readonly anchorSeq: number | undefined
  readonly deleted: number
}

export interface AuditLedgerOptions {
  readonly db: Kysely<Database>
  readonly signingKey: AuditSigningKey
  /** Earlier public keys whose checkpoints still verify (after a master-key change). */
  readonly previousPublicKeys?: readonly AuditPublicKey[]
  readonly now?: () => Date
  /** Most entries written in one transaction. */
  readonly maxBatch?: number
  /** Sign a checkpoint automatically whenever the chain passes a multiple of this many entries. */
  readonly checkpointEvery?: number
  /** Where every signed checkpoint also goes, outside the database (anchors.ts). */
  readonly anchor?: CheckpointAnchor
  /** Told when a checkpoint signed with an append could not be anchored (the next `checkpoint()` retries). */
  readonly onAnchorError?: (error: unknown, checkpoint: Checkpoint) => void
}

export interface AuditLedger {
  readonly publicKey: AuditPublicKey
  /**
   * Appends one event. Concurrent appends from this process are grouped into one transaction; the
   * promise resolves once the entry is committed, with its seq and hash.
   */
  append(event: AuditEvent): Promise<AppendedEntry>
  /**
   * Signs the current head (no-op on an empty ledger; returns the existing one if already signed) and
   * anchors it unless this process already anchored it or a later one; rejects when anchoring fails.
   */
  checkpoint(): Promise<Checkpoint | undefined>
  verify(options?: { batchSize?: number; maxBreaks?: number }): Promise<VerificationReport>
  /** Entries appended in [from, to) with the proof an auditor verifies offline (verifyExport). */
  exportRange(range: { from: Date; to: Date }): Promise<AuditExport>
  /** Deletes entries older than `retentionMonths`, up to the newest checkpoint signed before the cutoff. */
  prune(options?: { retentionMonths?: number }): Promise<PruneOutcome>
  /** Waits until every queued append is committed and the checkpoints they signed are anchored. */
  flush(): Promise<void>
  /** Whether an entry with this action and target was committed at or after `since` (a resumed job's check). */
  hasEntry(q: { action: string; target: string; since: Date }): Promise<boolean>
}

interface Pending {
  readonly prepared: PreparedEvent
  readonly resolve: (entry: AppendedEntry) => void
  readonly reject: (error: unknown) => void
}

/** What the ledger's functions share: its options, keys, append queue and anchoring state. */
interface LedgerKit {
  readonly options: AuditLedgerOptions
  readonly db: Kysely<Database>
  readonly signingKey: AuditSigningKey
  readonly now: () => Date
  readonly maxBatch: number
  readonly checkpointEvery: number
  readonly publicKeys: Map<string, KeyObject>
  readonly queue: Pending[]
  draining: Promise<void> | undefined
  readonly anchoring: Set<Promise<void>>
  anchoredThrough: number
}

/** Sends a checkpoint outside the database; an older one than already anchored adds nothing. */
const anchor = async (k: LedgerKit, cp: Checkpoint): Promise<void> => {
  if (!k.options.anchor || cp.seq <= k.anchoredThrough) return
  await k.options.anchor.publish(cp)
  k.anchoredThrough = Math.max(k.anchoredThrough, cp.seq)
}

const anchorInBackground = (k: LedgerKit, cp: Checkpoint) => {
  const done = anchor(k, cp).catch((error: unknown) => k.options.onAnchorError?.(error, cp))
  k.anchoring.add(done)
  void done.finally(() => k.anchoring.delete(done))
}

const writeBatch = (
  k: LedgerKit,
  batch: readonly Pending[],
): Promise<{ written: AppendedEntry[]; checkpoint: Checkpoint | undefined }> =>
  k.db.transaction().execute(async (trx) => {
    const head = await store.lockHead(trx)
    const rows: (ChainRow & EntryProjection)[] = new Array(batch.length)
    let prev = head.hash
    for (let i = 0; i < batch.length; i++) {
      const seq = head.seq + i + 1
      const { prepared } = batch[i] as Pending
      const body = buildBody(seq, prepared)
      const hash = entryHash(prev, body)
      rows[i] = { seq, body, prevHash: prev, hash, ...prepared.projection }
      prev = hash
    }
    const tip = rows[rows.length - 1] as ChainRow
    await store.appendRows(trx, rows, { seq: tip.seq, hash: tip.hash })
    let checkpoint: Checkpoint | undefined
    if (Math.floor(tip.seq / k.checkpointEvery) > Math.floor(head.seq / k.checkpointEvery)) {
      checkpoint = signCheckpoint(k.signingKey, tip.seq, tip.hash, k.now())
      await store.insertCheckpoint(trx, checkpoint)
    }
    return { written: rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at })), checkpoint }
  })

const drain = async (k: LedgerKit) => {
  // Let the appends of the current tick join the first batch.
  await new Promise<void>((resolve) => setImmediate(resolve))
  while (k.queue.length > 0) {
    const batch = k.queue.splice(0, k.maxBatch)
    try {
      const { written, checkpoint } = await writeBatch(k, batch)
      // Anchored once committed, beside the appends: an unreachable anchor never fails an append.
      if (checkpoint) anchorInBackground(k, checkpoint)
      for (const [i, p] of batch.entries()) p.resolve(written[i] as AppendedEntry)
    } catch (error) {
      for (const p of batch) p.reject(error)
    }
  }
  k.draining = undefined
}

const append = (k: LedgerKit, event: AuditEvent): Promise<AppendedEntry> => {
  const issues = checkEvent(event)
  let prepared: PreparedEvent
  try {
    if (issues.length > 0) throw new RangeError(issues.map((i) => `${i.path} ${i.message}`).join('; '))
    prepared = prepareEvent(event, k.now())
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return Promise.reject(new AmanaError('VALIDATION_FAILED', `Audit event refused: ${message}.`, issues))
  }
  return new Promise<AppendedEntry>((resolve, reject) => {
    k.queue.push({ prepared, resolve, reject })
    k.draining ??= drain(k)
  })
}

const checkpoint = async (k: LedgerKit): Promise<Checkpoint | undefined> => {
  const cp = await k.db.transaction().execute(async (trx) => {
    const head = await store.lockHead(trx)
    if (head.seq === 0) return undefined
    const existing = await store.checkpointAt(trx, head.seq)
    if (existing) return existing
    const signed = signCheckpoint(k.signingKey, head.seq, head.hash, k.now())
    await store.insertCheckpoint(trx, signed)
    return signed
  })
  if (cp) await anchor(k, cp)
  return cp
}

/** A checkpoint for an entry already in the chain, signed only after the chain up to it verifies. */
const attest = async (k: LedgerKit, seq: number, verified: VerificationReport): Promise<Checkpoint> => {
  if (!verified.ok) {
    throw new AmanaError(
      'AUDIT_CHAIN_BROKEN',
      'The audit ledger failed verification; refusing to sign an export.',
      {
        breaks: verified.breaks,
      },
    )
  }
  const existing = await store.checkpointAt(k.db, seq)
  if (existing) return existing
  const hash = seq === 0 ? GENESIS_HASH : await store.entryHashAt(k.db, seq)
  if (hash === undefined)
    throw new AmanaError('AUDIT_CHAIN_BROKEN', `Audit entry ${seq} is missing.`, { seq })
  const cp = signCheckpoint(k.signingKey, seq, hash, k.now())
  await store.insertCheckpoint(k.db, cp)
  anchorInBackground(k, cp)
  return cp
}

const exportRange = async (k: LedgerKit, { from, to }: { from: Date; to: Date }): Promise<AuditExport> => {
  const base: Pick<AuditExport, 'format' | 'range' | 'publicKey'> = {
    format: EXPORT_FORMAT,
    range: { from: from.toISOString(), to: to.toISOString() },
    publicKey: exportPublicKey(k.signingKey),
  }
  const bounds = await store.seqRangeBetween(k.db, from, to)
  if (!bounds) return { ...base, opening: null, closing: null, entries: [] }
  // Verify from the nearest trusted point before the range through its end, then sign both edges.
  const before = await store.checkpointAtOrBefore(k.db, bounds.first - 1)
  const verified = await streamVerify(k.db, {
    publicKeys: k.publicKeys,
    maxBreaks: 10,
    batchSize: VERIFY_BATCH,
    throughSeq: bounds.last,
    ...(before ? { anchor: { seq: before.seq, hash: before.hash } } : {}),
  })
  const opening = bounds.first === 1 ? null : await attest(k, bounds.first - 1, verified)
  const closing = await attest(k, bounds.last, verified)
  return {
    ...base,
    opening: opening && serializeCheckpoint(opening),
    closing: serializeCheckpoint(closing),
    entries: await readEntries(k.db, bounds.first - 1, bounds.last),
  }
}

/** The chain rows after `after` through `last`, read 50,000 at a time. */
const readEntries = async (db: Kysely<Database>, from: number, last: number): Promise<ChainRow[]> => {
  const entries: ChainRow[] = []
  for (let after = from; after < last; ) {
    const rows = await store.readRows(db, after, 50_000, last)
    if (rows.length === 0) break
    for (const { seq, body, prevHash, hash } of rows) entries.push({ seq, body, prevHash, hash })
    after = (rows[rows.length - 1] as ChainRow).seq
  }
  return entries
}

const prune = async (k: LedgerKit, retentionMonths: number): Promise<PruneOutcome> => {
  const cutoff = new Date(k.now().getTime())
  cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths)
  const anchor = await store.latestCheckpointBefore(k.db, cutoff)
  const first = await store.firstSeq(k.db)
  if (!anchor || first === undefined || anchor.seq < first) return { anchorSeq: undefined, deleted: 0 }
  return { anchorSeq: anchor.seq, deleted: await store.pruneThrough(k.db, anchor.seq) }
}

export const createAuditLedger = (options: AuditLedgerOptions): AuditLedger => {
  const { db, signingKey, now = () => new Date(), maxBatch = 2000, checkpointEvery = 10_000 } = options
  const publicKeys = new Map<string, KeyObject>([[signingKey.keyId, signingKey.publicKey]])
  for (const key of options.previousPublicKeys ?? []) publicKeys.set(key.keyId, key.publicKey)
  const k: LedgerKit = {
    options,
    db,
    signingKey,
    now,
    maxBatch,
    checkpointEvery,
    publicKeys,
    queue: [],
    draining: undefined,
    anchoring: new Set(),
    anchoredThrough: -1,
  }
  return {
    publicKey: { keyId: signingKey.keyId, publicKey: signingKey.publicKey },
    append: (event) => append(k, event),
    checkpoint: () => checkpoint(k),
    verify: (verifyOptions = {}) =>
      verifyLedger({
        db,
        publicKeys: [...publicKeys].map(([keyId, publicKey]) => ({ keyId, publicKey })),
        ...verifyOptions,
      }),
    exportRange: (range) => exportRange(k, range),
    prune: ({ retentionMonths = 12 } = {}) => prune(k, retentionMonths),
    flush: async () => {
      while (k.draining) await k.draining
      await Promise.all(k.anchoring)
    },
    hasEntry: async (q) => {
      while (k.draining) await k.draining
      return store.hasEntry(db, q)
    },
  }
}

/**
 * Verifies the ledger in a database with public keys only (what `amana audit verify` runs). Streams in
 * batches by seq, up to the head read at the start, so appends during verification do not disturb it.
 */
export const verifyLedger = async (options: {
  db: Kysely<Database>
  publicKeys: readonly AuditPublicKey[]
  batchSize?: number
  maxBreaks?: number
}): Promise<VerificationReport> => {
  const head = await store.readHead(options.db)
  return streamVerify(options.db, {
    publicKeys: new Map(options.publicKeys.map((k) => [k.keyId, k.publicKey])),
    batchSize: options.batchSize ?? VERIFY_BATCH,
    maxBreaks: options.maxBreaks ?? 100,
    throughSeq: head.seq,
    head,
  })
}

const noop = () => {}

interface Run {
  readonly after: number
  readonly through: number
  readonly texts: Promise<string[]>
}

/**
 * Verifies by runs of `batchSize` seqs, each read as one chain text per entry, with the server checking
 * the readable columns on the way. A run that is not intact (a missing entry, a column that disagrees,
 * any failed check) is walked again row by row, which names every problem in seq order.
 */
const streamVerify = async (
  db: Kysely<Database>,
  options: {
    publicKeys: ReadonlyMap<string, KeyObject>
    batchSize: number
    maxBreaks: number
    throughSeq: number
    anchor?: ChainAnchor
    head?: ChainAnchor
  },
): Promise<VerificationReport> => {
  const { batchSize, throughSeq } = options
  const verifier = createChainVerifier({
    checkpoints: await store.listCheckpoints(db),
    publicKeys: options.publicKeys,
    maxBreaks: options.maxBreaks,
    ...(options.anchor ? { anchor: options.anchor } : {}),
  })
  const settled: Promise<void>[] = []
  const fetchRun = (after: number): Run => {
    const through = Math.min(after + batchSize, throughSeq)
    const texts = store.readChainTexts(db, after, through)
    // A run fetched ahead may be dropped unread (after a row-by-row walk); no query outlives the call.
    settled.push(texts.then(noop, noop))
    return { after, through, texts }
  }
  let after = options.anchor?.seq ?? Math.max(0, ((await store.firstSeq(db)) ?? 1) - 1)
  let ahead: Run[] = []
  try {
    while (after < throughSeq) {
      if (ahead[0]?.after !== after) ahead = [] // a row-by-row walk ended elsewhere
      const run = ahead.shift() ?? fetchRun(after)
      for (let last = ahead.at(-1) ?? run; ahead.length < RUNS_AHEAD && last.through < throughSeq; ) {
        last = fetchRun(last.through)
        ahead.push(last)
      }
      const texts = await run.texts
      if (texts.length === run.through - run.after && verifier.pushIntact(run.after + 1, texts)) {
        after = run.through
        continue
      }
      const rows = await store.readRows(db, after, batchSize, throughSeq)
      if (rows.length === 0) break
      verifier.push(rows)
      after = (rows[rows.length - 1] as ChainRow).seq
    }
  } finally {
    await Promise.all(settled)
  }
  return verifier.finish(options.head)
}
