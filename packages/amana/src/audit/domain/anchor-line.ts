import { z } from 'zod'
import type { Checkpoint } from './checkpoint.ts'

export const ANCHOR_FORMAT = 'amana-audit-anchor/v1'

/**
 * One line of an anchor file: a signed checkpoint as JSON. The signature covers seq, hash and at
 * (checkpointStatement), so a line edited in the file fails verification like a forged one.
 */
const AnchorLineSchema = z.object({
  format: z.literal(ANCHOR_FORMAT),
  seq: z.int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
  at: z.iso.datetime(),
  keyId: z.string().min(1),
  signature: z.string().min(1),
})

export const formatAnchorLine = (cp: Checkpoint): string =>
  JSON.stringify({
    format: ANCHOR_FORMAT,
    seq: cp.seq,
    hash: cp.hash,
    at: cp.at.toISOString(),
    keyId: cp.keyId,
    signature: cp.signature,
  })

export interface AnchoredCheckpoint {
  /** 1-based line in the anchor file, for messages. */
  readonly line: number
  readonly checkpoint: Checkpoint
}

export interface UnreadableAnchor {
  readonly line: number
  readonly message: string
}

export interface ParsedAnchors {
  readonly anchors: readonly AnchoredCheckpoint[]
  readonly unreadable: readonly UnreadableAnchor[]
}

/** Reads an anchor file's text; blank lines are skipped, every other line must be a checkpoint. */
export const parseAnchorLines = (text: string): ParsedAnchors => {
  const anchors: AnchoredCheckpoint[] = []
  const unreadable: UnreadableAnchor[] = []
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      unreadable.push({ line: i + 1, message: 'is not JSON' })
      continue
    }
    const parsed = AnchorLineSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      unreadable.push({
        line: i + 1,
        message: `is not a checkpoint (${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid'})`,
      })
      continue
    }
    const { seq, hash, at, keyId, signature } = parsed.data
    anchors.push({ line: i + 1, checkpoint: { seq, hash, at: new Date(at), keyId, signature } })
  }
  return { anchors, unreadable }
}
