import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto'

/** A signed statement "the entry with this seq has this hash", made at `at`. */
export interface Checkpoint {
  readonly seq: number
  readonly hash: string
  readonly at: Date
  readonly keyId: string
  /** base64url Ed25519 signature over checkpointStatement(seq, hash, at). */
  readonly signature: string
}

export interface AuditPublicKey {
  readonly keyId: string
  readonly publicKey: KeyObject
}

export interface AuditSigningKey extends AuditPublicKey {
  readonly privateKey: KeyObject
}

export const checkpointStatement = (seq: number, hash: string, at: Date): Buffer =>
  Buffer.from(`amana-audit-checkpoint/v1\n${seq}\n${hash}\n${at.toISOString()}`)

// PKCS#8 DER header for a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** Key id: 'ed25519:' + the first 16 hex digits of SHA-256 over the raw 32-byte public key. */
export const publicKeyId = (publicKey: KeyObject): string => {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  return `ed25519:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`
}

/** An Ed25519 key from a 32-byte seed (the platform derives the seed from the master key with HKDF). */
export const signingKeyFromSeed = (seed: Buffer): AuditSigningKey => {
  if (seed.length !== 32) throw new RangeError('An Ed25519 seed is 32 bytes')
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  return { keyId: publicKeyId(publicKey), privateKey, publicKey }
}

/** The public half as base64url SPKI DER, for exports and for auditors. */
export const exportPublicKey = (key: AuditPublicKey): { keyId: string; spki: string } => ({
  keyId: key.keyId,
  spki: key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
})

export const importPublicKey = (spki: string): AuditPublicKey => {
  const publicKey = createPublicKey({ key: Buffer.from(spki, 'base64url'), format: 'der', type: 'spki' })
  return { keyId: publicKeyId(publicKey), publicKey }
}

export const signCheckpoint = (key: AuditSigningKey, seq: number, hash: string, at: Date): Checkpoint => ({
  seq,
  hash,
  at,
  keyId: key.keyId,
  signature: sign(null, checkpointStatement(seq, hash, at), key.privateKey).toString('base64url'),
})

export type CheckpointCheck = 'valid' | 'unknown-key' | 'bad-signature'

export const checkCheckpoint = (
  checkpoint: Checkpoint,
  keys: ReadonlyMap<string, KeyObject>,
): CheckpointCheck => {
  const publicKey = keys.get(checkpoint.keyId)
  if (!publicKey) return 'unknown-key'
  try {
    const ok = verify(
      null,
      checkpointStatement(checkpoint.seq, checkpoint.hash, checkpoint.at),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64url'),
    )
    return ok ? 'valid' : 'bad-signature'
  } catch {
    return 'bad-signature'
  }
}

/** The ledger's signing key, derived from the master key (HKDF-SHA256, label below) as an Ed25519 seed. */
export const deriveAuditSigningKey = (masterKey: Buffer): AuditSigningKey => {
  if (masterKey.length < 32) throw new RangeError('The master key must be at least 32 bytes')
  return signingKeyFromSeed(
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'amana/audit/ed25519/v1', 32)),
  )
}
