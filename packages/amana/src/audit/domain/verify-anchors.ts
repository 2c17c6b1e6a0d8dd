import type { KeyObject } from 'node:crypto'
import type { ParsedAnchors } from './anchor-line.ts'
import { type Checkpoint, checkCheckpoint } from './checkpoint.ts'
import type { ChainAnchor } from './verify-chain.ts'

export type AnchorFindingKind =
  /** A line of the anchor file is not a checkpoint. */
  | 'anchor-unreadable'
  /** An anchor's signature does not verify: the anchor file was edited. */
  | 'anchor-signature-invalid'
  /** An anchor is signed by a key this installation does not know. */
  | 'anchor-unknown-key'
  /** An anchor records an entry after the ledger's end: entries were removed. */
  | 'entries-removed'
  /** The ledger holds nothing, yet anchors record entries: it was wiped. */
  | 'ledger-wiped'
  /** The entry at an anchored seq has another hash: it or an entry before it was rewritten. */
  | 'entry-rewritten'

export interface AnchorFinding {
  readonly kind: AnchorFindingKind
  /** Line in the anchor file. */
  readonly line: number
  readonly seq?: number
  readonly message: string
}

/** What the database holds, as far as the anchors need it. */
export interface AnchoredLedgerState {
  readonly entries: number
  readonly firstSeq: number | undefined
  readonly lastSeq: number | undefined
  /** The point the retained chain starts from (genesis, or the checkpoint kept by pruning). */
  readonly start: ChainAnchor | undefined
  /** The stored hash of each entry at an anchored seq that the database still holds. */
  readonly hashAt: ReadonlyMap<number, string>
}

export interface AnchorReport {
  readonly ok: boolean
  /** Anchors whose signature verified. */
  readonly anchors: number
  /** The newest valid anchor. */
  readonly newest: { readonly seq: number; readonly at: string } | undefined
  /** Valid anchors before the retained chain (pruned entries): nothing left to compare them with. */
  readonly beforeRetained: number
  readonly findings: readonly AnchorFinding[]
}

const when = (cp: Checkpoint) => cp.at.toISOString()

interface ValidAnchor {
  readonly line: number
  readonly checkpoint: Checkpoint
}

/** The anchors whose signature verifies, by seq; the others become findings. */
const validAnchors = (
  parsed: ParsedAnchors,
  publicKeys: ReadonlyMap<string, KeyObject>,
  findings: AnchorFinding[],
): ValidAnchor[] => {
  const valid: ValidAnchor[] = []
  for (const a of parsed.anchors) {
    const check = checkCheckpoint(a.checkpoint, publicKeys)
    if (check === 'valid') valid.push(a)
    else
      findings.push({
        kind: check === 'unknown-key' ? 'anchor-unknown-key' : 'anchor-signature-invalid',
        line: a.line,
        seq: a.checkpoint.seq,
        message:
          check === 'unknown-key'
            ? `line ${a.line}: the anchor for entry ${a.checkpoint.seq} is signed by ${a.checkpoint.keyId}, a key this installation does not have`
            : `line ${a.line}: the anchor for entry ${a.checkpoint.seq} has an invalid signature: the anchor file was edited`,
      })
  }
  valid.sort((a, b) => a.checkpoint.seq - b.checkpoint.seq)
  return valid
}

/** One finding for the anchors past the ledger's end: a wipe, or removed entries. */
const beyondEndFinding = (
  valid: readonly ValidAnchor[],
  ledger: AnchoredLedgerState,
  end: number,
): AnchorFinding | undefined => {
  const beyond = valid.filter((a) => a.checkpoint.seq > end)
  const newestBeyond = beyond.at(-1)
  if (!newestBeyond) return undefined
  const cp = newestBeyond.checkpoint
  const others = beyond.length > 1 ? ` (${beyond.length - 1} older anchor(s) also lie beyond it)` : ''
  return ledger.entries === 0 && end === 0
    ? {
        kind: 'ledger-wiped',
        line: newestBeyond.line,
        seq: cp.seq,
        message: `the ledger is empty but an anchor from ${when(cp)} records entry ${cp.seq}: the ledger was wiped${others}`,
      }
    : {
        kind: 'entries-removed',
        line: newestBeyond.line,
        seq: cp.seq,
        message: `the ledger ends at entry ${end} but an anchor from ${when(cp)} records entry ${cp.seq}: entries were removed${others}`,
      }
}

/** Compares each anchor within the ledger with the entry at its seq; returns how many precede the retained chain. */
const compareRetained = (
  valid: readonly ValidAnchor[],
  ledger: AnchoredLedgerState,
  end: number,
  findings: AnchorFinding[],
): number => {
  let beforeRetained = 0
  const rewritten: ValidAnchor[] = []
  for (const { line, checkpoint: cp } of valid) {
    if (cp.seq > end) continue
    const stored = ledger.start && cp.seq === ledger.start.seq ? ledger.start.hash : ledger.hashAt.get(cp.seq)
    if (stored === undefined) {
      const retainedFrom = ledger.start?.seq ?? (ledger.firstSeq ?? 1) - 1
      if (cp.seq < retainedFrom) beforeRetained++
      else
        findings.push({
          kind: 'entries-removed',
          line,
          seq: cp.seq,
          message: `entry ${cp.seq}, recorded by an anchor from ${when(cp)}, is missing from the ledger: entries were removed`,
        })
    } else if (stored !== cp.hash) rewritten.push({ line, checkpoint: cp })
  }
  // The oldest disagreement is where the rewrite starts; later anchors disagree because of it.
  const firstRewritten = rewritten[0]
  if (firstRewritten) {
    const cp = firstRewritten.checkpoint
    const others = rewritten.length > 1 ? ` (${rewritten.length - 1} later anchor(s) disagree too)` : ''
    findings.push({
      kind: 'entry-rewritten',
      line: firstRewritten.line,
      seq: cp.seq,
      message: `entry ${cp.seq} differs from the anchor from ${when(cp)}: it or an entry before it was rewritten${others}`,
    })
  }
  return beforeRetained
}

/**
 * Compares the ledger in the database with checkpoints kept outside it. Pure. Catches what the
 * database alone cannot show once its own checkpoint rows are gone too: a cut tail, a wipe, and a
 * chain recomputed after an edit by someone without the signing key.
 */
export const checkAgainstAnchors = (
  parsed: ParsedAnchors,
  publicKeys: ReadonlyMap<string, KeyObject>,
  ledger: AnchoredLedgerState,
): AnchorReport => {
  const findings: AnchorFinding[] = parsed.unreadable.map((u) => ({
    kind: 'anchor-unreadable',
    line: u.line,
    message: `line ${u.line} of the anchor file ${u.message}`,
  }))
  const valid = validAnchors(parsed, publicKeys, findings)
  const end = ledger.lastSeq ?? ledger.start?.seq ?? 0
  const beyond = beyondEndFinding(valid, ledger, end)
  if (beyond) findings.push(beyond)
  const beforeRetained = compareRetained(valid, ledger, end, findings)
  const newest = valid.at(-1)?.checkpoint
  return {
    ok: findings.length === 0,
    anchors: valid.length,
    newest: newest && { seq: newest.seq, at: when(newest) },
    beforeRetained,
    findings,
  }
}
