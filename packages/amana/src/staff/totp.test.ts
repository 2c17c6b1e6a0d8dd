import assert from 'node:assert/strict'
import { test } from 'node:test'
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from './domain/totp.ts'

// RFC 6238 Appendix B: the seed is the ASCII string, 8 digits.
const sha1Seed = Buffer.from('12345678901234567890')
const sha256Seed = Buffer.from('12345678901234567890123456789012')
const vectors: [number, string, string][] = [
  [59, '94287082', '46119246'],
  [1111111109, '07081804', '68084774'],
  [1111111111, '14050471', '67062674'],
  [1234567890, '89005924', '91819424'],
  [2000000000, '69279037', '90698825'],
  [20000000000, '65353130', '77737706'],
]

test('TOTP matches every RFC 6238 test vector (SHA-1 and SHA-256)', () => {
  for (const [seconds, sha1, sha256] of vectors) {
    const at = new Date(seconds * 1000)
    assert.equal(totp(sha1Seed, at, { digits: 8 }), sha1, `SHA-1 at ${seconds}`)
    assert.equal(totp(sha256Seed, at, { digits: 8, algorithm: 'sha256' }), sha256, `SHA-256 at ${seconds}`)
  }
})

test('HOTP matches the RFC 4226 Appendix D values', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ]
  for (const [counter, code] of expected.entries()) assert.equal(hotp(sha1Seed, counter), code)
})

test('a code is accepted one step either side of now, not two, and never twice', () => {
  const now = new Date(1_700_000_000_000)
  const code = (offsetSteps: number) => totp(sha1Seed, new Date(now.getTime() + offsetSteps * 30_000))
  assert.equal(verifyTotp(sha1Seed, code(0), now).ok, true)
  assert.equal(verifyTotp(sha1Seed, code(-1), now).ok, true)
  assert.equal(verifyTotp(sha1Seed, code(1), now).ok, true)
  assert.equal(verifyTotp(sha1Seed, code(2), now).ok, false)
  assert.equal(verifyTotp(sha1Seed, code(-2), now).ok, false)
  const first = verifyTotp(sha1Seed, code(0), now)
  assert.ok(first.ok)
  assert.equal(verifyTotp(sha1Seed, code(0), now, first.step).ok, false, 'a used step is refused')
  assert.equal(verifyTotp(sha1Seed, 'abcdef', now).ok, false)
})

test('base32 round-trips and the otpauth URI carries issuer, account and secret', () => {
  assert.equal(base32Encode(Buffer.from('12345678901234567890')), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
  assert.deepEqual(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), sha1Seed)
  const uri = otpauthUri(sha1Seed, { issuer: 'Amana', account: 'a@b.example' })
  assert.match(
    uri,
    /^otpauth:\/\/totp\/Amana:a%40b\.example\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amana/,
  )
})
