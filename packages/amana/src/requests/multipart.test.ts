/**
 * The request form's upload (POST /privacy/requests, multipart through @fastify/multipart): an
 * agent's proof is stored as sniffed, a wrong type or an oversized proof re-shows the form with the
 * proof's error, and a form the parser refuses answers 400/413 naming the field, never 500.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { MAX_PROOF_BYTES } from './multipart.ts'

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-not-a-real-image-but-the-signature-is'),
])

const agentForm = (email: string, files: [field: string, data: Buffer, name: string, type: string][]) => {
  const form = new FormData()
  form.set('type', 'erasure')
  form.set('locale', 'en')
  form.set('email', email)
  form.set('requester', 'agent')
  form.set('agentName', 'Layla Haddad, lawyer')
  for (const [field, data, name, type] of files)
    form.append(field, new Blob([new Uint8Array(data)], { type }), name)
  return form
}

let t: TestApp
before(async () => {
  t = await createTestApp()
})
after(() => t.close())

const errorOf = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; details: { field: string }[] } }).error

const post = (payload: FormData) =>
  t.app.inject({ method: 'POST', url: '/privacy/requests?lang=en', payload })

const proofsOf = async () => {
  const db = t.database.db
  const requests = await db.selectFrom('dsr_request').select(['id']).execute()
  const files = await db.selectFrom('dsr_file').selectAll().where('kind', '=', 'proof').execute()
  return { requests, files }
}

describe('request form upload', () => {
  it('accepts an agent request with a PNG proof: stored with its sniffed type, size and a safe name', async () => {
    const before = await proofsOf()
    const res = await post(
      agentForm('noor@example.com', [['proof', PNG, '../../etc/id card.png', 'image/png']]),
    )
    assert.equal(res.statusCode, 303, res.body)
    assert.match(String(res.headers.location), /^\/privacy\/requests\/DSR-[0-9A-Z]{4}-[0-9A-Z]{4}\?token=/)
    const now = await proofsOf()
    assert.equal(now.files.length, before.files.length + 1)
    const file = now.files.at(-1)
    assert.equal(file?.content_type, 'image/png')
    assert.equal(file?.size, PNG.length)
    assert.equal(file?.name, 'id card.png', 'no directory survives in the name')
  })

  it('refuses a proof that is not a PDF, PNG or JPEG, whatever type it declares: the form again with the proof error', async () => {
    const count = (await proofsOf()).requests.length
    const res = await post(
      agentForm('b@example.com', [['proof', Buffer.from('MZ\x90\x00 an executable'), 'id.png', 'image/png']]),
    )
    assert.equal(res.statusCode, 400)
    assert.match(res.headers['content-type'] as string, /text\/html/)
    assert.match(res.body, /Attach a PDF, PNG or JPEG of up to 5 MB as proof/)
    assert.match(res.body, /Layla Haddad, lawyer/, 'what was typed is shown again')
    assert.equal((await proofsOf()).requests.length, count, 'no request created')
  })

  it('refuses a proof over 5 MB with 413 and the proof error, and keeps the other fields', async () => {
    const count = (await proofsOf()).requests.length
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_PROOF_BYTES)])
    const res = await post(agentForm('c@example.com', [['proof', big, 'scan.png', 'image/png']]))
    assert.equal(res.statusCode, 413)
    assert.match(res.body, /Attach a PDF, PNG or JPEG of up to 5 MB as proof/)
    assert.match(res.body, /Layla Haddad, lawyer/)
    assert.equal((await proofsOf()).requests.length, count, 'no request created')
  })

  it('an agent without a proof is asked for one', async () => {
    const res = await post(agentForm('d@example.com', []))
    assert.equal(res.statusCode, 400)
    assert.match(res.body, /Attach a PDF, PNG or JPEG of up to 5 MB as proof/)
  })

  it('a file in another field, or two files, is refused naming the field — not a 500', async () => {
    const other = await post(agentForm('e@example.com', [['details', PNG, 'x.png', 'image/png']]))
    assert.equal(other.statusCode, 400, other.body)
    assert.equal(errorOf(other).code, 'VALIDATION_FAILED')
    assert.deepEqual(
      errorOf(other).details.map((d) => d.field),
      ['details'],
    )
    assert.match(errorOf(other).message, /"details" does not take a file; attach it as "proof"/)

    const two = await post(
      agentForm('e@example.com', [
        ['proof', PNG, 'a.png', 'image/png'],
        ['proof', PNG, 'b.png', 'image/png'],
      ]),
    )
    assert.equal(two.statusCode, 413, two.body)
    assert.equal(errorOf(two).code, 'PAYLOAD_TOO_LARGE')
    assert.equal(errorOf(two).details[0]?.field, 'proof')
    assert.match(errorOf(two).message, /one file only/)
  })

  it('a field longer than the form allows is refused naming it; a broken body is a 400', async () => {
    const form = agentForm('f@example.com', [['proof', PNG, 'a.png', 'image/png']])
    form.set('details', 'x'.repeat(20_000))
    const long = await post(form)
    assert.equal(long.statusCode, 413, long.body)
    assert.equal(errorOf(long).details[0]?.field, 'details')

    const broken = await t.app.inject({
      method: 'POST',
      url: '/privacy/requests?lang=en',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: '--XYZ\r\nContent-Disposition: form-data; name="type"\r\n\r\nerasure',
    })
    assert.equal(broken.statusCode, 400, broken.body)
    assert.equal(errorOf(broken).code, 'VALIDATION_FAILED')
    assert.doesNotMatch(broken.body, /at \w+ \(|node_modules/)
  })

  it('a field with a NUL character is refused naming it', async () => {
    const form = agentForm('g@example.com', [['proof', PNG, 'a.png', 'image/png']])
    form.set('agentName', 'Layla\u0000')
    const res = await post(form)
    assert.equal(res.statusCode, 400, res.body)
    assert.equal(errorOf(res).details[0]?.field, 'body.agentName')
  })
})
