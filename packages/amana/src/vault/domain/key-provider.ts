import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { deriveKeyEncryptionKey } from './keys.ts'

/**
 * The port a key-encryption key (KEK) sits behind. A cloud KMS implements the same two calls; Amana
 * never needs the KEK itself. `context` is authenticated: a wrapped key only unwraps for the subject
 * it was wrapped for.
 */
export interface KeyProvider {
  /** Stable, non-secret id stored beside every wrapped key, so rotation knows which KEK to use. */
  readonly id: string
  wrap(dataKey: Buffer, context: Buffer): Promise<Buffer>
  /** Resolves undefined when the wrapped key does not authenticate under this KEK and context. */
  unwrap(wrapped: Buffer, context: Buffer): Promise<Buffer | undefined>
}

/**
 * A KEK derived (HKDF) from the configured master key. Its id is a fingerprint of the derived key, so
 * a changed master key gets a new id and old wrapped keys name the KEK they need.
 */
export const createConfigKeyProvider = (masterKey: Buffer): KeyProvider => {
  const kek = deriveKeyEncryptionKey(masterKey)
  const id = `cfg-${createHash('sha256').update('amana/vault/kek-id').update(kek).digest('hex').slice(0, 16)}`
  return {
    id,
    wrap: async (dataKey, context) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', kek, iv)
      cipher.setAAD(context)
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()])
      return Buffer.concat([iv, body, cipher.getAuthTag()])
    },
    unwrap: async (wrapped, context) => {
      if (wrapped.length < 12 + 16) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12))
        decipher.setAAD(context)
        decipher.setAuthTag(wrapped.subarray(wrapped.length - 16))
        return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()])
      } catch {
        return undefined
      }
    },
  }
}

/** The authenticated context a subject's data key is wrapped under. */
export const dataKeyContext = (subjectId: string): Buffer =>
  Buffer.from(`amana-vault-dk/v1${JSON.stringify([subjectId])}`)
