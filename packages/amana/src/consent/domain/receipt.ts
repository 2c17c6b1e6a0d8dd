import { sign, verify } from 'node:crypto'
import type { ConsentKeys } from './consent-keys.ts'
import type { LedgerRecord } from './consent-record.ts'

/** The controller named on every receipt (ISO/IEC TS 27560 pii_controllers; Kantara piiControllers). */
export interface ReceiptController {
  readonly name: string
  readonly contact: string | undefined
  readonly url: string | undefined
}

/**
 * A Kantara Consent Receipt v1.1-style body with the ISO/IEC TS 27560 event fields. `piiPrincipalId`
 * is the keyed subject hash: the receipt proves the choice without carrying the identifier.
 */
export interface ReceiptBody {
  readonly version: 'KI-CR-v1.1.0'
  readonly schema: 'ISO/IEC TS 27560:2023'
  readonly consentReceiptID: string
  readonly jurisdiction: string
  readonly consentTimestamp: number
  readonly collectionMethod: string
  readonly language: string
  readonly piiPrincipalId: string
  readonly policyVersion: string
  readonly notice: string
  readonly source: string
  readonly piiControllers: readonly { piiController: string; contact?: string; piiControllerUrl?: string }[]
  readonly choices: readonly { target: string; id: string; channel: string; state: 'given' | 'refused' }[]
  readonly gpc: boolean
  readonly conflict: boolean
  readonly iat: number
}

export const receiptBody = (record: LedgerRecord, controller: ReceiptController): ReceiptBody => ({
  version: 'KI-CR-v1.1.0',
  schema: 'ISO/IEC TS 27560:2023',
  consentReceiptID: record.id,
  jurisdiction: record.jurisdiction,
  consentTimestamp: Math.floor(record.recordedAt.getTime() / 1000),
  collectionMethod: record.method,
  language: record.locale,
  piiPrincipalId: record.subjectHash,
  policyVersion: record.policyVersion,
  notice: record.notice,
  source: record.source,
  piiControllers: [
    {
      piiController: controller.name,
      ...(controller.contact ? { contact: controller.contact } : {}),
      ...(controller.url ? { piiControllerUrl: controller.url } : {}),
    },
  ],
  choices: record.items.map((i) => ({
    target: i.target,
    id: i.id,
    channel: i.channel,
    state: i.granted ? 'given' : 'refused',
  })),
  gpc: record.gpc,
  conflict: record.conflict,
  iat: Math.floor(record.recordedAt.getTime() / 1000),
})

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037). Deterministic: the same record gives the same receipt. */
export const signReceipt = (body: ReceiptBody, key: ConsentKeys['receiptKey']): string => {
  const signingInput = `${b64({ alg: 'EdDSA', typ: 'consent-receipt+jwt', kid: key.kid })}.${b64(body)}`
  return `${signingInput}.${sign(null, Buffer.from(signingInput), key.privateKey).toString('base64url')}`
}

export type ReceiptVerification =
  | { ok: true; body: ReceiptBody }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature' }

export const verifyReceipt = (jws: string, key: ConsentKeys['receiptKey']): ReceiptVerification => {
  const parts = jws.trim().split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [header, payload, signature] = parts as [string, string, string]
  let parsedHeader: { alg?: unknown; kid?: unknown }
  let body: ReceiptBody
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  // Only EdDSA is accepted: "alg":"none" or an HMAC algorithm confusion attack fails here.
  if (parsedHeader.alg !== 'EdDSA') return { ok: false, reason: 'malformed' }
  if (parsedHeader.kid !== key.kid) return { ok: false, reason: 'unknown-key' }
  const valid = verify(
    null,
    Buffer.from(`${header}.${payload}`),
    key.publicKey,
    Buffer.from(signature, 'base64url'),
  )
  return valid ? { ok: true, body } : { ok: false, reason: 'bad-signature' }
}

/** The public key as a JWK, so a receipt holder can verify without Amana. */
export const receiptJwk = (key: ConsentKeys['receiptKey']) => ({
  ...key.publicKey.export({ format: 'jwk' }),
  kid: key.kid,
  alg: 'EdDSA',
  use: 'sig',
})
