import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** TOTP (RFC 6238) over HMAC-SHA1, 6 digits, 30-second steps: what authenticator apps expect. */
export const totpDefaults = { digits: 6, stepSeconds: 30, window: 1 } as const

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export const base32Encode = (bytes: Buffer): string => {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31]
  return out
}

export const base32Decode = (text: string): Buffer => {
  const clean = text.toUpperCase().replace(/[\s=]/g, '')
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of clean) {
    const index = alphabet.indexOf(char)
    if (index < 0) throw new Error('not base32')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(bytes)
}

/** 160 random bits, the key size RFC 4226 recommends for HMAC-SHA1. */
export const generateTotpSecret = (): Buffer => randomBytes(20)

export const timeStep = (at: Date, stepSeconds: number = totpDefaults.stepSeconds): number =>
  Math.floor(at.getTime() / 1000 / stepSeconds)

/** HOTP (RFC 4226) value for one counter; TOTP is HOTP of the time step. */
export const hotp = (
  secret: Buffer,
  counter: number,
  digits: number = totpDefaults.digits,
  algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1',
): string => {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, secret).update(message).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

export const totp = (
  secret: Buffer,
  at: Date,
  options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
): string => hotp(secret, timeStep(at), options.digits ?? totpDefaults.digits, options.algorithm ?? 'sha1')

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * matched step so the caller can refuse its reuse; a step at or before `lastUsedStep` never matches.
 */
export const verifyTotp = (
  secret: Buffer,
  code: string,
  now: Date,
  lastUsedStep = -1,
): { ok: true; step: number } | { ok: false } => {
  const clean = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(clean)) return { ok: false }
  const current = timeStep(now)
  let matched: number | undefined
  for (let step = current - totpDefaults.window; step <= current + totpDefaults.window; step++) {
    const expected = Buffer.from(hotp(secret, step))
    // Every candidate is compared, so timing does not reveal which step matched.
    if (timingSafeEqual(expected, Buffer.from(clean)) && step > lastUsedStep && matched === undefined)
      matched = step
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched }
}

/** The otpauth:// URI authenticator apps scan (Key Uri Format). */
export const otpauthUri = (secret: Buffer, input: { issuer: string; account: string }): string => {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer: input.issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  })
  return `otpauth://totp/${label}?${params.toString()}`
}
