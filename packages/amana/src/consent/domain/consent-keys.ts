import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  timingSafeEqual,
} from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { formatSubjectRef, parseSubjectRef, type SubjectRef } from './consent-record.ts'

/** Keys the consent feature derives from the configured secrets; nothing here is stored. */
export interface ConsentKeys {
  /**
   * Keyed hash of a subject identifier (HMAC-SHA256, base64url): the ledger never holds the identifier.
   * A string is the API's form (`account:42`, `device:…`, or a bare account id; see parseSubjectRef).
   */
  hashSubject(subject: SubjectRef | string): string
  /** Keyed hash of an email address or phone number, for suppression lists. */
  hashRecipient(address: string): string
  readonly receiptKey: { readonly privateKey: KeyObject; readonly publicKey: KeyObject; readonly kid: string }
  /** HMAC key for preference-centre links (from the session secret). */
  readonly linkKey: Buffer
  /** Seals queued mail in the outbox (platform/mail). */
  readonly outboxKey: Buffer
}

const derive = (secret: Buffer, info: string, length = 32): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.from('amana-consent'), Buffer.from(info), length))

// PKCS#8 wrapper for a raw 32-byte Ed25519 seed (RFC 8410).
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex')

export const deriveConsentKeys = (secrets: {
  /** Stable across master-key rotation (see Config.secrets). */
  readonly rootKey: Buffer
  readonly sessionSecret: string
}): ConsentKeys => {
  // As KeyObjects: HMAC with a KeyObject is about 5× faster than with a Buffer key, which Node
  // re-imports on every call (decide() hashes the subject on every request).
  const subjectKey = createSecretKey(derive(secrets.rootKey, 'subject-hash/v1'))
  const recipientKey = createSecretKey(derive(secrets.rootKey, 'recipient-hash/v1'))
  const seed = derive(secrets.rootKey, 'receipt-signing/ed25519/v1')
  const privateKey = createPrivateKey({
    key: Buffer.concat([ed25519Pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  const kid = createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url')
    .slice(0, 16)
  // decide() hashes the subject on every call, and a shop asks about the same visitors again and
  // again: the last 10,000 hashes used stay in memory (least recently used dropped first), keyed by
  // the identifier as given. An API string always means the reference it parses to, so `42`, `account:42` and
  // { kind: 'account', id: '42' } share one hash.
  const recent = new LRUCache<string, string>({ max: 10_000 })
  const hashSubject = (subject: SubjectRef | string): string => {
    const given = typeof subject === 'string' ? subject : formatSubjectRef(subject)
    let hash = recent.get(given)
    if (hash === undefined) {
      const text = typeof subject === 'string' ? formatSubjectRef(parseSubjectRef(subject)) : given
      hash = createHmac('sha256', subjectKey).update(text).digest('base64url')
      recent.set(given, hash)
    }
    return hash
  }
  return {
    hashSubject,
    hashRecipient: (address) =>
      createHmac('sha256', recipientKey).update(address.trim().toLowerCase()).digest('base64url'),
    receiptKey: { privateKey, publicKey, kid },
    linkKey: derive(Buffer.from(secrets.sessionSecret, 'utf8'), 'preference-link/v1'),
    outboxKey: derive(secrets.rootKey, 'mail-outbox/v1'),
  }
}

export type TokenResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/**
 * What a link token carries: the subject's hash `h`, its expiry `e` (seconds since the epoch), and
 * `a`, further subjects' hashes the same person opens with it (a preference link found the shop's
 * customer id for an address: `account:<id>` in `h`, `account:<address>` in `a`).
 */
export interface LinkTokenPayload {
  readonly h: string
  readonly e: number
  readonly a?: readonly string[]
}

/**
 * A signed link token: base64url(JSON) "." base64url(HMAC). `use` separates token kinds, so a token
 * made for one use never verifies for another.
 */
export const signLinkToken = (key: Buffer, use: string, payload: LinkTokenPayload): string => {
  const fields = { u: use, h: payload.h, e: payload.e, ...(payload.a?.length ? { a: payload.a } : {}) }
  const body = Buffer.from(JSON.stringify(fields)).toString('base64url')
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

export const verifyLinkToken = (
  key: Buffer,
  use: string,
  token: string,
  now: Date,
): TokenResult<LinkTokenPayload> => {
  const [body, mac, extra] = token.split('.')
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' }
  const expected = createHmac('sha256', key).update(body).digest()
  const given = Buffer.from(mac, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const p = parsed as { u?: unknown; h?: unknown; e?: unknown; a?: unknown }
  if (p.u !== use || typeof p.h !== 'string' || typeof p.e !== 'number')
    return { ok: false, reason: 'forged' }
  const also = p.a
  if (also !== undefined && !(Array.isArray(also) && also.every((x) => typeof x === 'string')))
    return { ok: false, reason: 'forged' }
  if (p.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, value: { h: p.h, e: p.e, ...(also?.length ? { a: also as string[] } : {}) } }
}
