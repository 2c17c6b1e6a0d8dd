import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto'

/**
 * Field ciphertext, format v1: `v1.` + base64url(iv[12] ‖ ciphertext ‖ tag[16]), AES-256-GCM under the
 * subject's data key, with associated data binding it to (subject, record, field). The key-encryption key
 * is not named here: it wraps the data key, so rotating it never rewrites a ciphertext.
 */
export const CIPHERTEXT_PREFIX = 'v1.'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Where a value belongs. `record` names the table and, where it is stable, the row (`order:1042`). */
export interface FieldContext {
  readonly record: string
  readonly field: string
}

/** Associated data: JSON of the triple, so no choice of ids can make two contexts collide. */
export const fieldAad = (subjectId: string, context: FieldContext): Buffer =>
  Buffer.from(`amana-vault/v1${JSON.stringify([subjectId, context.record, context.field])}`)

// IVs come from a pooled CSPRNG buffer: one randomFill per 4,096 IVs instead of one per value.
const ivPool = Buffer.alloc(IV_BYTES * 4096)
let ivOffset = ivPool.length

const nextIv = (): Buffer => {
  if (ivOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool)
    ivOffset = 0
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES))
  ivOffset += IV_BYTES
  return iv
}

export const sealField = (dataKey: Buffer, aad: Buffer, plaintext: string): string => {
  const iv = nextIv()
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv)
  cipher.setAAD(aad)
  const body = cipher.update(plaintext, 'utf8')
  const final = cipher.final()
  const tag = cipher.getAuthTag()
  return CIPHERTEXT_PREFIX + Buffer.concat([iv, body, final, tag]).toString('base64url')
}

/** Returns undefined when the ciphertext is malformed or fails authentication (tampered or misplaced). */
export const openField = (dataKey: Buffer, aad: Buffer, ciphertext: string): string | undefined => {
  if (!ciphertext.startsWith(CIPHERTEXT_PREFIX)) return undefined
  const raw = Buffer.from(ciphertext.slice(CIPHERTEXT_PREFIX.length), 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, IV_BYTES))
    decipher.setAAD(aad)
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
    const head = decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES), undefined, 'utf8')
    return head + decipher.final('utf8')
  } catch {
    return undefined
  }
}

export const isVaultCiphertext = (value: string): boolean => value.startsWith(CIPHERTEXT_PREFIX)
