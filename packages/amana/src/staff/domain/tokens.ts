import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'

/** Keys the staff feature derives from the configured secrets; one purpose each. */
export interface StaffKeys {
  /** HMAC key for session ids, CSRF tokens and login-attempt counters. */
  readonly session: Buffer
  /** AES-256-GCM key for TOTP secrets at rest. */
  readonly totp: Buffer
}

export const deriveStaffKeys = (secrets: {
  readonly sessionSecret: string
  /** Stable across master-key rotation (see Config.secrets). */
  readonly rootKey: Buffer
}): StaffKeys => ({
  session: createHmac('sha256', secrets.sessionSecret).update('amana/staff/session/v1').digest(),
  totp: createHmac('sha256', secrets.rootKey).update('amana/staff/totp/v1').digest(),
})

const random = (bytes = 32) => randomBytes(bytes).toString('base64url')

/**
 * Session ids are 256 random bits; only their HMAC is stored, so a copy of the database cannot be
 * replayed as a cookie, and rotating AMANA_SESSION_SECRET signs everyone out.
 */
export const newSessionId = (): string => random()
export const hashSessionId = (keys: StaffKeys, id: string): string =>
  createHmac('sha256', keys.session).update(`session:${id}`).digest('hex')

/** The synchronizer token is derived from the session id, so it needs no storage and dies with it. */
export const csrfTokenFor = (keys: StaffKeys, sessionId: string): string =>
  createHmac('sha256', keys.session).update(`csrf:${sessionId}`).digest('base64url')

/** A token bound to a pre-session cookie, for the sign-in and setup forms (login CSRF). */
export const formTokenFor = (keys: StaffKeys, nonce: string): string =>
  createHmac('sha256', keys.session).update(`form:${nonce}`).digest('base64url')
export const newNonce = (): string => random(16)

export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Counters for sign-in attempts are keyed by an HMAC of the value (an IP, or email and IP for a
 * pair), never the value itself.
 */
export const attemptKey = (keys: StaffKeys, kind: 'pair' | 'ip', value: string): string =>
  createHmac('sha256', keys.session).update(`attempt:${kind}:${value}`).digest('hex')

export const apiKeyPrefix = 'amana_live_'

/**
 * API keys carry 256 random bits, so one SHA-256 is enough to store them: a memory-hard hash
 * protects guessable secrets (passwords), and nobody can guess 2^256. A fast hash also lets each
 * request find its key by hash, without a slow check per request.
 */
export const newApiKey = (): { key: string; displayPrefix: string; hash: string } => {
  const key = `${apiKeyPrefix}${random()}`
  return { key, displayPrefix: key.slice(0, apiKeyPrefix.length + 8), hash: hashApiKey(key) }
}
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex')
export const looksLikeApiKey = (value: string): boolean => /^amana_live_[\w-]{43}$/.test(value)

/** Setup links (first owner, invitations) hold 256 random bits; only the SHA-256 is stored. */
export const newSetupToken = (): { token: string; hash: string } => {
  const token = random()
  return { token, hash: hashSetupToken(token) }
}
export const hashSetupToken = (token: string): string =>
  createHash('sha256').update(`setup:${token}`).digest('hex')

/** TOTP secrets are encrypted at rest, bound to their staff member (associated data). */
export const sealTotpSecret = (keys: StaffKeys, staffId: string, secret: Buffer): string => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keys.totp, iv)
  cipher.setAAD(Buffer.from(`totp:${staffId}`))
  const body = Buffer.concat([cipher.update(secret), cipher.final()])
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.')
}

export const openTotpSecret = (keys: StaffKeys, staffId: string, sealed: string): Buffer => {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown TOTP secret format')
  const decipher = createDecipheriv('aes-256-gcm', keys.totp, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(`totp:${staffId}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
}

export const normaliseStaffEmail = (email: string): string => email.trim().toLowerCase()
