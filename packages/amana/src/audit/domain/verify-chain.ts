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

/**
 * Streams a chain through the checks. Pure: no I/O, no clock. After a break the walk continues from the
 * stored values, so one edited row yields one break and the report names every place.
 */
export const createChainVerifier = (options: ChainVerifierOptions): ChainVerifier => {
  const maxBreaks = options.maxBreaks ?? 100
  const breaks: AuditBreak[] = []
  let truncated = false
  const report = (b: AuditBreak) => {
    if (breaks.length < maxBreaks) breaks.push(b)
    else truncated = true
  }
  const checkpointBySeq = new Map<number, Checkpoint>()
  let validCheckpoints = 0
  const validSeqs: number[] = []
  for (const cp of options.checkpoints) {
    const check = checkCheckpoint(cp, options.publicKeys)
    if (check === 'valid') {
      validCheckpoints++
      checkpointBySeq.set(cp.seq, cp)
      validSeqs.push(cp.seq)
    } else
      report({
        kind: check === 'unknown-key' ? 'checkpoint-unknown-key' : 'checkpoint-signature-invalid',
        seq: cp.seq,
      })
  }

  const ascendingSeqs = [...validSeqs].sort((a, b) => a - b)

  let anchor = options.anchor
  let expected = anchor ? anchor.seq + 1 : undefined
  let prev = anchor?.hash
  let entries = 0
  let firstSeq: number | undefined
  let lastSeq: number | undefined
  let lastHash: string | undefined

  const startFrom = (row: ChainRow) => {
    if (row.seq === 1) anchor = { seq: 0, hash: GENESIS_HASH }
    else {
      const cp = checkpointBySeq.get(row.seq - 1)
      if (cp) anchor = { seq: cp.seq, hash: cp.hash }
      else {
        report({ kind: 'missing-anchor', seq: row.seq })
        anchor = { seq: row.seq - 1, hash: row.prevHash }
      }
    }
    expected = anchor.seq + 1
    prev = anchor.hash
  }

  return {
    push(rows) {
      for (const row of rows) {
        if (expected === undefined || prev === undefined) startFrom(row)
        const seq = row.seq
        if (firstSeq === undefined) firstSeq = seq
        let broken = false
        if (seq !== expected) {
          report({ kind: 'missing-entries', seq: expected as number, toSeq: seq - 1 })
          broken = true
        }
        if (!row.body.startsWith(bodyPrefix(seq))) {
          report({ kind: 'seq-mismatch', seq })
          broken = true
        }
        if (!broken && row.prevHash !== prev) {
          report({ kind: 'prev-hash-mismatch', seq })
          broken = true
        }
        if (entryHash(row.prevHash, row.body) !== row.hash) report({ kind: 'hash-mismatch', seq })
        if (row.projectionOk === false) report({ kind: 'projection-mismatch', seq })
        const cp = checkpointBySeq.get(seq)
        if (cp && cp.hash !== row.hash) report({ kind: 'checkpoint-mismatch', seq })
        prev = row.hash
        expected = seq + 1
        lastSeq = seq
        lastHash = row.hash
        entries++
      }
    },
    pushIntact(start, texts) {
      // Where the run continues from: the previous entry, or (first run) the genesis or a checkpoint.
      const from =
        expected !== undefined && prev !== undefined
          ? { seq: expected - 1, hash: prev }
          : start === 1
            ? { seq: 0, hash: GENESIS_HASH }
            : checkpointBySeq.get(start - 1)
      if (from === undefined || from.seq !== start - 1 || texts.length === 0) return false
      let link = from.hash
      let seq = start
      for (const text of texts) {
        if (text.charCodeAt(0) !== OK) return false
        if (!text.startsWith(link, PREV_AT) || !text.startsWith(bodyPrefix(seq), BODY_AT)) return false
        // The hash covers prevHash ‖ body: everything after the flag and the hash itself.
        const hash = linkedHash(text.slice(PREV_AT))
        if (!text.startsWith(hash, HASH_AT)) return false
        link = hash
        seq++
      }
      const last = seq - 1
      for (let i = lowerBound(ascendingSeqs, start); (ascendingSeqs[i] ?? Infinity) <= last; i++) {
        const cpSeq = ascendingSeqs[i] as number
        const signed = (checkpointBySeq.get(cpSeq) as Checkpoint).hash
        if (signed.length !== HASH_CHARS || !(texts[cpSeq - start] as string).startsWith(signed, HASH_AT))
          return false
      }
      anchor ??= { seq: from.seq, hash: from.hash }
      firstSeq ??= start
      expected = last + 1
      prev = link
      lastSeq = last
      lastHash = link
      entries += texts.length
      return true
    },
    finish(head) {
      const end = lastSeq ?? anchor?.seq ?? head?.seq ?? 0
      if (head) {
        for (const seq of validSeqs) if (seq > end) report({ kind: 'checkpoint-beyond-end', seq })
        // With every entry pruned, the head must sit on a signed checkpoint (or be the empty genesis).
        const fallback = checkpointBySeq.get(head.seq) ?? { seq: 0, hash: GENESIS_HASH }
        const tip = lastSeq !== undefined ? { seq: lastSeq, hash: lastHash } : (anchor ?? fallback)
        if (tip.seq !== head.seq || tip.hash !== head.hash) report({ kind: 'head-mismatch', seq: head.seq })
      }
      const covered = validSeqs.filter((s) => s <= end && (firstSeq === undefined || s >= firstSeq - 1))
      const signedThrough = covered.reduce<number | undefined>(
        (max, s) => (max === undefined || s > max ? s : max),
        undefined,
      )
      return {
        ok: breaks.length === 0 && !truncated,
        entries,
        firstSeq,
        lastSeq,
        anchor,
        checkpoints: validCheckpoints,
        signedThrough,
        breaks,
        truncated,
      }
    },
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
