import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { deriveConsentKeys, signLinkToken, verifyLinkToken } from './consent-keys.ts'
import type { LedgerRecord } from './consent-record.ts'
import { receiptBody, signReceipt, verifyReceipt } from './receipt.ts'

const secrets = () => ({ rootKey: randomBytes(32), sessionSecret: randomBytes(48).toString('base64url') })
const record: LedgerRecord = {
  seq: '7',
  id: '0f8e2b1c-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
  subjectHash: 'abc',
  subjectKind: 'device',
  method: 'banner-reject-all',
  items: [{ target: 'category', id: 'marketing', channel: '*', granted: false }],
  policyVersion: 'v1',
  notice: 'banner:ar',
  locale: 'ar',
  jurisdiction: 'kw',
  source: 'https://shop.example/',
  gpc: false,
  conflict: false,
  child: false,
  recordedAt: new Date('2026-03-01T10:00:00Z'),
}
const controller = { name: 'RUMROM Bakery', contact: 'hello@rumrom.com', url: 'https://rumrom.com' }

describe('consent receipts', () => {
  test('a receipt verifies and carries the choice', () => {
    const keys = deriveConsentKeys(secrets())
    const jws = signReceipt(receiptBody(record, controller), keys.receiptKey)
    const result = verifyReceipt(jws, keys.receiptKey)
    assert.ok(result.ok)
    assert.equal(result.body.consentReceiptID, record.id)
    assert.deepEqual(result.body.choices, [
      { target: 'category', id: 'marketing', channel: '*', state: 'refused' },
    ])
  })

  test('an edited receipt fails verification', () => {
    const keys = deriveConsentKeys(secrets())
    const [h, p, s] = signReceipt(receiptBody(record, controller), keys.receiptKey).split('.') as [
      string,
      string,
      string,
    ]
    const body = JSON.parse(Buffer.from(p, 'base64url').toString())
    body.choices[0].state = 'given'
    const forged = `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${s}`
    assert.deepEqual(verifyReceipt(forged, keys.receiptKey), { ok: false, reason: 'bad-signature' })
  })

  test('alg "none" and receipts from another key are refused', () => {
    const keys = deriveConsentKeys(secrets())
    const other = deriveConsentKeys(secrets())
    const jws = signReceipt(receiptBody(record, controller), other.receiptKey)
    assert.deepEqual(verifyReceipt(jws, keys.receiptKey), { ok: false, reason: 'unknown-key' })
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${jws.split('.')[1]}.`
    assert.deepEqual(verifyReceipt(none, keys.receiptKey), { ok: false, reason: 'malformed' })
  })

  test('the same master key always derives the same signing key', () => {
    const s = secrets()
    assert.equal(deriveConsentKeys(s).receiptKey.kid, deriveConsentKeys(s).receiptKey.kid)
    assert.equal(
      deriveConsentKeys(s).hashSubject({ kind: 'account', id: '42' }),
      deriveConsentKeys(s).hashSubject({ kind: 'account', id: '42' }),
    )
    assert.notEqual(
      deriveConsentKeys(s).hashSubject({ kind: 'account', id: '42' }),
      deriveConsentKeys(s).hashSubject({ kind: 'device', id: '42' }),
    )
  })

  test('a subject as the API writes it hashes like the reference it means, remembered or not', () => {
    const keys = deriveConsentKeys(secrets())
    const account = keys.hashSubject({ kind: 'account', id: '42' })
    // Twice each: the first call computes, the second is answered from the memo.
    for (const _ of [1, 2]) {
      assert.equal(keys.hashSubject('42'), account)
      assert.equal(keys.hashSubject('account:42'), account)
      assert.equal(keys.hashSubject('device:42'), keys.hashSubject({ kind: 'device', id: '42' }))
      assert.notEqual(keys.hashSubject('device:42'), account)
      // Not a known kind: a bare account id that happens to contain a colon.
      assert.equal(keys.hashSubject('shop:42'), keys.hashSubject({ kind: 'account', id: 'shop:42' }))
    }
  })
})

describe('preference link tokens', () => {
  const keys = deriveConsentKeys(secrets())
  const now = new Date('2026-03-01T00:00:00Z')
  const token = signLinkToken(keys.linkKey, 'preferences', {
    h: 'subject-hash',
    e: now.getTime() / 1000 + 3600,
  })

  test('a fresh token verifies', () => {
    assert.deepEqual(verifyLinkToken(keys.linkKey, 'preferences', token, now), {
      ok: true,
      value: { h: 'subject-hash', e: now.getTime() / 1000 + 3600 },
    })
  })
  test('an expired token is refused as expired', () => {
    assert.deepEqual(
      verifyLinkToken(keys.linkKey, 'preferences', token, new Date(now.getTime() + 7200_000)),
      { ok: false, reason: 'expired' },
    )
  })
  test('a forged token (other subject, same MAC) is refused', () => {
    const [, mac] = token.split('.')
    const body = Buffer.from(
      JSON.stringify({ u: 'preferences', h: 'someone-else', e: now.getTime() / 1000 + 3600 }),
    ).toString('base64url')
    assert.deepEqual(verifyLinkToken(keys.linkKey, 'preferences', `${body}.${mac}`, now), {
      ok: false,
      reason: 'forged',
    })
  })
  test("a token covering further subjects gives them back, and a body naming someone else's is refused", () => {
    const e = now.getTime() / 1000 + 3600
    const both = signLinkToken(keys.linkKey, 'preferences', { h: 'by-id', e, a: ['by-address'] })
    assert.deepEqual(verifyLinkToken(keys.linkKey, 'preferences', both, now), {
      ok: true,
      value: { h: 'by-id', e, a: ['by-address'] },
    })
    const [, mac] = both.split('.')
    const body = Buffer.from(
      JSON.stringify({ u: 'preferences', h: 'by-id', e, a: ['someone-else'] }),
    ).toString('base64url')
    assert.deepEqual(verifyLinkToken(keys.linkKey, 'preferences', `${body}.${mac}`, now), {
      ok: false,
      reason: 'forged',
    })
  })
  test('a token made for another use is refused', () => {
    const other = signLinkToken(keys.linkKey, 'other', { h: 'subject-hash', e: now.getTime() / 1000 + 3600 })
    assert.deepEqual(verifyLinkToken(keys.linkKey, 'preferences', other, now), {
      ok: false,
      reason: 'forged',
    })
  })
})
