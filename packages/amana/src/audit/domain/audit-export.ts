import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import type { AuditPublicKey, Checkpoint } from './checkpoint.ts'
import { type ChainRow, GENESIS_HASH } from './entry.ts'
import { createChainVerifier, type VerificationReport } from './verify-chain.ts'

export const EXPORT_FORMAT = 'amana-audit-export/v1'

export interface SerializedCheckpoint {
  readonly seq: number
  readonly hash: string
  readonly at: string
  readonly keyId: string
  readonly signature: string
}

/**
 * A time range of the ledger with its proof, verifiable offline with only the ledger's public key:
 * `opening` signs the hash just before the first entry (or is the genesis, seq 0, unsigned), `closing`
 * signs the last entry's hash, and every entry between links the two.
 */
export interface AuditExport {
  readonly format: typeof EXPORT_FORMAT
  readonly range: { readonly from: string; readonly to: string }
  readonly publicKey: { readonly keyId: string; readonly spki: string }
  readonly opening: SerializedCheckpoint | null
  readonly closing: SerializedCheckpoint | null
  readonly entries: readonly ChainRow[]
}

const CheckpointJsonSchema = z.object({
  seq: z.int().min(0),
  hash: z.string(),
  at: z.iso.datetime(),
  keyId: z.string(),
  signature: z.string(),
})

/** The shape of an export as read back from a file; the proof itself is checked by verifyExport. */
const AuditExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  range: z.object({ from: z.string(), to: z.string() }),
  publicKey: z.object({ keyId: z.string(), spki: z.string().min(1) }),
  opening: CheckpointJsonSchema.nullable(),
  closing: CheckpointJsonSchema.nullable(),
  entries: z.array(
    z.object({ seq: z.int().min(1), body: z.string(), prevHash: z.string(), hash: z.string() }),
  ),
})

/** Reads an export's JSON value; a wrong shape is named by its path, for the auditor to see. */
export const parseAuditExport = (
  json: unknown,
): { ok: true; value: AuditExport } | { ok: false; message: string } => {
  const parsed = AuditExportSchema.safeParse(json)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') : 'the file'
  return {
    ok: false,
    message: `not an Amana audit export (${EXPORT_FORMAT}): ${where}: ${issue?.message ?? 'invalid'}`,
  }
}

export const serializeCheckpoint = (cp: Checkpoint): SerializedCheckpoint => ({
  ...cp,
  at: cp.at.toISOString(),
})
export const parseCheckpoint = (cp: SerializedCheckpoint): Checkpoint => ({ ...cp, at: new Date(cp.at) })

/**
 * Verifies an export against a public key the auditor trusts (never the one inside the export).
 * Same report as the ledger's own verification; breaks name the seq.
 */
export const verifyExport = (
  data: AuditExport,
  trusted: AuditPublicKey | readonly AuditPublicKey[],
): VerificationReport => {
  const keys = new Map<string, KeyObject>(
    (Array.isArray(trusted) ? trusted : [trusted as AuditPublicKey]).map((k) => [k.keyId, k.publicKey]),
  )
  const empty = (breaks: VerificationReport['breaks']): VerificationReport => ({
    ok: breaks.length === 0,
    entries: 0,
    firstSeq: undefined,
    lastSeq: undefined,
    anchor: undefined,
    checkpoints: 0,
    signedThrough: undefined,
    breaks,
    truncated: false,
  })
  if (data.format !== EXPORT_FORMAT) return empty([{ kind: 'missing-anchor', seq: 0 }])
  if (data.entries.length === 0) return empty([])
  const first = data.entries[0] as ChainRow
  const last = data.entries[data.entries.length - 1] as ChainRow
  const opening = data.opening ? parseCheckpoint(data.opening) : null
  const closing = data.closing ? parseCheckpoint(data.closing) : null
  const genesis = opening === null && first.seq === 1
  const breaks: { kind: 'missing-anchor' | 'missing-closing-checkpoint'; seq: number }[] = []
  if (!genesis && (opening === null || opening.seq !== first.seq - 1))
    breaks.push({ kind: 'missing-anchor', seq: first.seq })
  // The closing checkpoint must sign the last entry itself, or a tail could be cut off unnoticed.
  if (closing === null || closing.seq !== last.seq)
    breaks.push({ kind: 'missing-closing-checkpoint', seq: last.seq })
  const anchor = genesis
    ? { seq: 0, hash: GENESIS_HASH }
    : opening
      ? { seq: opening.seq, hash: opening.hash }
      : { seq: first.seq - 1, hash: first.prevHash }
  const verifier = createChainVerifier({
    checkpoints: [opening, closing].filter((c) => c !== null),
    publicKeys: keys,
    anchor,
  })
  verifier.push(data.entries)
  const report = verifier.finish()
  const all = [...breaks, ...report.breaks]
  return { ...report, ok: all.length === 0, breaks: all }
}
