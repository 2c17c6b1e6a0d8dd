import type { KeyObject } from 'node:crypto'
import { type Checkpoint, checkCheckpoint } from './checkpoint.ts'
import { bodyPrefix, type ChainRow, entryHash, GENESIS_HASH, HASH_CHARS, linkedHash } from './entry.ts'

export type AuditBreakKind =
  /** The oldest retained entry neither starts the chain nor follows a retained checkpoint. */
  | 'missing-anchor'
  /** Entries `seq`..`toSeq` are absent: deleted. */
  | 'missing-entries'
  /** The body at this seq was written for another seq: entries were inserted, deleted or reordered before it. */
  | 'seq-mismatch'
  /** The entry does not point at the previous entry's hash: an entry before it was inserted, removed or replaced. */
  | 'prev-hash-mismatch'
  /** The stored hash does not match the entry's content: the entry was edited. */
  | 'hash-mismatch'
  /** A readable column (at, actor, action, subject) was edited apart from the hashed body. */
  | 'projection-mismatch'
  /** A signed checkpoint disagrees with the entry at its seq. */
  | 'checkpoint-mismatch'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-unknown-key'
  /** A checkpoint names a seq after the last entry: the newest entries were removed. */
  | 'checkpoint-beyond-end'
  /** An export's last entry is not signed by its closing checkpoint. */
  | 'missing-closing-checkpoint'
  /** The chain head does not match the last entry: entries were removed from or added at the end. */
  | 'head-mismatch'

export interface AuditBreak {
  readonly kind: AuditBreakKind
  readonly seq: number
  readonly toSeq?: number
}

export interface ChainAnchor {
  /** The seq before the first entry checked (0 for the genesis). */
  readonly seq: number
  readonly hash: string
}

export interface VerificationReport {
  readonly ok: boolean
  readonly entries: number
  readonly firstSeq: number | undefined
  readonly lastSeq: number | undefined
  readonly anchor: ChainAnchor | undefined
  readonly checkpoints: number
  /** The highest seq covered by a valid signed checkpoint: entries up to here cannot be rewritten unnoticed. */
  readonly signedThrough: number | undefined
  readonly breaks: readonly AuditBreak[]
  /** More breaks were found than `maxBreaks`. */
  readonly truncated: boolean
}

export interface ChainVerifierOptions {
  /** Checkpoints by seq; each is signature-checked and compared with the entry at its seq. */
  readonly checkpoints: readonly Checkpoint[]
  readonly publicKeys: ReadonlyMap<string, KeyObject>
  /** Where the chain starts. Unset: derived from the first row (genesis, or the checkpoint just before it). */
  readonly anchor?: ChainAnchor
  readonly maxBreaks?: number
}

export interface ChainVerifier {
  /** Feed rows in seq order, in as many calls as you like. */
  push(rows: readonly ChainRow[]): void
  /**
   * The fast path for a run expected to be intact: `texts` are the entries `firstSeq`, `firstSeq + 1`, …
   * each as one chain text `ok ‖ hash ‖ prevHash ‖ body`, where `ok` is '1' when the database found the
   * readable columns in agreement with the body and both hashes 64 characters long. Takes the run only
   * if every check `push` makes passes; otherwise returns false and changes nothing, and the caller
   * pushes the same entries as rows, which names each problem.
   */
  pushIntact(firstSeq: number, texts: readonly string[]): boolean
  /** `head`: the stored chain head when the whole chain was pushed; also checks no checkpoint lies beyond it. */
  finish(head?: ChainAnchor): VerificationReport
}

// Chain text layout (pushIntact): a flag character, then hash, prevHash and body.
const OK = '1'.charCodeAt(0)
const HASH_AT = 1
const PREV_AT = HASH_AT + HASH_CHARS
const BODY_AT = PREV_AT + HASH_CHARS

/** The walk's state, shared by the functions below (one per verifier). */
interface Walk {
  readonly maxBreaks: number
  readonly breaks: AuditBreak[]
  truncated: boolean
  readonly checkpointBySeq: Map<number, Checkpoint>
  readonly validSeqs: number[]
  readonly ascendingSeqs: number[]
  validCheckpoints: number
  anchor: ChainAnchor | undefined
  expected: number | undefined
  prev: string | undefined
  entries: number
  firstSeq: number | undefined
  lastSeq: number | undefined
  lastHash: string | undefined
}

const report = (w: Walk, b: AuditBreak) => {
  if (w.breaks.length < w.maxBreaks) w.breaks.push(b)
  else w.truncated = true
}

/** Keeps the checkpoints whose signature holds; reports the others. */
const admitCheckpoints = (w: Walk, options: ChainVerifierOptions) => {
  for (const cp of options.checkpoints) {
    const check = checkCheckpoint(cp, options.publicKeys)
    if (check === 'valid') {
      w.validCheckpoints++
      w.checkpointBySeq.set(cp.seq, cp)
      w.validSeqs.push(cp.seq)
    } else
      report(w, {
        kind: check === 'unknown-key' ? 'checkpoint-unknown-key' : 'checkpoint-signature-invalid',
        seq: cp.seq,
      })
  }
  w.ascendingSeqs.push(...[...w.validSeqs].sort((a, b) => a - b))
}

const startFrom = (w: Walk, row: ChainRow) => {
  let anchor: ChainAnchor
  if (row.seq === 1) anchor = { seq: 0, hash: GENESIS_HASH }
  else {
    const cp = w.checkpointBySeq.get(row.seq - 1)
    if (cp) anchor = { seq: cp.seq, hash: cp.hash }
    else {
      report(w, { kind: 'missing-anchor', seq: row.seq })
      anchor = { seq: row.seq - 1, hash: row.prevHash }
    }
  }
  w.anchor = anchor
  w.expected = anchor.seq + 1
  w.prev = anchor.hash
}

const pushRows = (w: Walk, rows: readonly ChainRow[]) => {
  for (const row of rows) {
    if (w.expected === undefined || w.prev === undefined) startFrom(w, row)
    const seq = row.seq
    if (w.firstSeq === undefined) w.firstSeq = seq
    let broken = false
    if (seq !== w.expected) {
      report(w, { kind: 'missing-entries', seq: w.expected as number, toSeq: seq - 1 })
      broken = true
    }
    if (!row.body.startsWith(bodyPrefix(seq))) {
      report(w, { kind: 'seq-mismatch', seq })
      broken = true
    }
    if (!broken && row.prevHash !== w.prev) {
      report(w, { kind: 'prev-hash-mismatch', seq })
      broken = true
    }
    if (entryHash(row.prevHash, row.body) !== row.hash) report(w, { kind: 'hash-mismatch', seq })
    if (row.projectionOk === false) report(w, { kind: 'projection-mismatch', seq })
    const cp = w.checkpointBySeq.get(seq)
    if (cp && cp.hash !== row.hash) report(w, { kind: 'checkpoint-mismatch', seq })
    w.prev = row.hash
    w.expected = seq + 1
    w.lastSeq = seq
    w.lastHash = row.hash
    w.entries++
  }
}

/** Where a run starting at `start` continues from: the previous entry, or (first run) the genesis or a checkpoint. */
const runOrigin = (w: Walk, start: number): ChainAnchor | undefined =>
  w.expected !== undefined && w.prev !== undefined
    ? { seq: w.expected - 1, hash: w.prev }
    : start === 1
      ? { seq: 0, hash: GENESIS_HASH }
      : w.checkpointBySeq.get(start - 1)

/** The hash the run ends on, or undefined when a text fails a check. */
const linkTexts = (texts: readonly string[], start: number, from: string): string | undefined => {
  let link = from
  let seq = start
  for (const text of texts) {
    if (text.charCodeAt(0) !== OK) return undefined
    if (!text.startsWith(link, PREV_AT) || !text.startsWith(bodyPrefix(seq), BODY_AT)) return undefined
    // The hash covers prevHash ‖ body: everything after the flag and the hash itself.
    const hash = linkedHash(text.slice(PREV_AT))
    if (!text.startsWith(hash, HASH_AT)) return undefined
    link = hash
    seq++
  }
  return link
}

/** Every valid checkpoint inside the run signs the run's entry at its seq. */
const checkpointsAgree = (w: Walk, texts: readonly string[], start: number, last: number): boolean => {
  for (let i = lowerBound(w.ascendingSeqs, start); (w.ascendingSeqs[i] ?? Infinity) <= last; i++) {
    const cpSeq = w.ascendingSeqs[i] as number
    const signed = (w.checkpointBySeq.get(cpSeq) as Checkpoint).hash
    if (signed.length !== HASH_CHARS || !(texts[cpSeq - start] as string).startsWith(signed, HASH_AT))
      return false
  }
  return true
}

const pushIntact = (w: Walk, start: number, texts: readonly string[]): boolean => {
  const from = runOrigin(w, start)
  if (from === undefined || from.seq !== start - 1 || texts.length === 0) return false
  const link = linkTexts(texts, start, from.hash)
  if (link === undefined) return false
  const last = start + texts.length - 1
  if (!checkpointsAgree(w, texts, start, last)) return false
  w.anchor ??= { seq: from.seq, hash: from.hash }
  w.firstSeq ??= start
  w.expected = last + 1
  w.prev = link
  w.lastSeq = last
  w.lastHash = link
  w.entries += texts.length
  return true
}

const finishWalk = (w: Walk, head: ChainAnchor | undefined): VerificationReport => {
  const { anchor, firstSeq, lastSeq } = w
  const end = lastSeq ?? anchor?.seq ?? head?.seq ?? 0
  if (head) {
    for (const seq of w.validSeqs) if (seq > end) report(w, { kind: 'checkpoint-beyond-end', seq })
    // With every entry pruned, the head must sit on a signed checkpoint (or be the empty genesis).
    const fallback = w.checkpointBySeq.get(head.seq) ?? { seq: 0, hash: GENESIS_HASH }
    const tip = lastSeq !== undefined ? { seq: lastSeq, hash: w.lastHash } : (anchor ?? fallback)
    if (tip.seq !== head.seq || tip.hash !== head.hash) report(w, { kind: 'head-mismatch', seq: head.seq })
  }
  const covered = w.validSeqs.filter((s) => s <= end && (firstSeq === undefined || s >= firstSeq - 1))
  const signedThrough = covered.reduce<number | undefined>(
    (max, s) => (max === undefined || s > max ? s : max),
    undefined,
  )
  return {
    ok: w.breaks.length === 0 && !w.truncated,
    entries: w.entries,
    firstSeq,
    lastSeq,
    anchor,
    checkpoints: w.validCheckpoints,
    signedThrough,
    breaks: w.breaks,
    truncated: w.truncated,
  }
}

/**
 * Streams a chain through the checks. Pure: no I/O, no clock. After a break the walk continues from the
 * stored values, so one edited row yields one break and the report names every place.
 */
export const createChainVerifier = (options: ChainVerifierOptions): ChainVerifier => {
  const w: Walk = {
    maxBreaks: options.maxBreaks ?? 100,
    breaks: [],
    truncated: false,
    checkpointBySeq: new Map(),
    validSeqs: [],
    ascendingSeqs: [],
    validCheckpoints: 0,
    anchor: options.anchor,
    expected: options.anchor ? options.anchor.seq + 1 : undefined,
    prev: options.anchor?.hash,
    entries: 0,
    firstSeq: undefined,
    lastSeq: undefined,
    lastHash: undefined,
  }
  admitCheckpoints(w, options)
  return {
    push: (rows) => pushRows(w, rows),
    pushIntact: (start, texts) => pushIntact(w, start, texts),
    finish: (head) => finishWalk(w, head),
  }
}

/** The index of the first element ≥ `value` in an ascending array. */
const lowerBound = (ascending: readonly number[], value: number): number => {
  let lo = 0
  let hi = ascending.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((ascending[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
