import { hkdfSync } from 'node:crypto'

/** Purpose labels for HKDF: one master key, independent keys per use. Never reuse a label. */
const labels = {
  kek: 'amana/vault/kek/v1',
  blindIndex: 'amana/vault/blind-index/v1',
} as const

export const deriveKey = (masterKey: Buffer, label: string, length = 32): Buffer => {
  if (masterKey.length < 32) throw new RangeError('The master key must be at least 32 bytes')
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), label, length))
}

export const deriveKeyEncryptionKey = (masterKey: Buffer): Buffer => deriveKey(masterKey, labels.kek)

/** The HMAC key for blind indexes and token lookups; separate from every encryption key. */
export const deriveBlindIndexKey = (masterKey: Buffer): Buffer => deriveKey(masterKey, labels.blindIndex)
