import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { loadManifest, type Manifest } from '../manifest/index.ts'
import { addMember, asStaff, type SignedIn, signIn } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { ar } from './copy/ar.ts'
import { en } from './copy/en.ts'
import { odpcRegistration } from './domain/odpc-registration.ts'
import { odpcHtml } from './domain/render.ts'

const load = async (name: string): Promise<Manifest> => {
  const result = await loadManifest(join(import.meta.dirname, '../../../../examples', name, 'amana.yaml'))
  assert.ok(result.ok, `${name} loads`)
  return result.value.manifest
}

describe('Kenya ODPC registration generated from the manifest', () => {
  test('the Kenyan example: every category, purpose and subject group, the controller, and what the manifest cannot answer', async () => {
    const m = await load('kenya-outsourcing')
    const r = odpcRegistration(m, 'en')
    assert.equal(r.servesKenya, true)
    assert.equal(r.verified, false)
    assert.deepEqual(
      r.items.map((i) => i.id),
      [
        'controller',
        'personal-data',
        'purposes',
        'data-subjects',
        'recipients',
        'transfers',
        'risks-safeguards',
        'indemnity',
        'thresholds',
      ],
    )
    const answers = (id: string) => r.items.find((i) => i.id === id)?.answers ?? []
    assert.ok(answers('controller').includes('Tana Outsourcing Ltd'))
    assert.ok(answers('controller').some((a) => a.includes('dpo@tana.example.com')))
    assert.deepEqual(
      answers('personal-data')
        .map((a) => a.split(' ')[0])
        .sort(),
      Object.keys(m.categories).sort(),
    )
    assert.equal(answers('purposes').length, Object.keys(m.purposes).length)
    assert.deepEqual(
      answers('data-subjects')
        .map((a) => a.split(' ')[0])
        .sort(),
      Object.keys(m.subjects).sort(),
    )
    assert.deepEqual(answers('risks-safeguards'), [...(m.security?.measures ?? [])])
    // The manifest declares neither indemnity measures nor turnover and staff: the shop writes them.
    assert.deepEqual(
      r.items.filter((i) => i.missing).map((i) => i.id),
      ['indemnity', 'thresholds'],
    )
    const html = odpcHtml(r, 'en')
    for (const i of r.items) assert.ok(html.includes(en[`odpc.ask.${i.id}`].replaceAll("'", '&#39;')), i.id)
    assert.equal(html.split(en['odpc.missing']).length - 1, 2)
    assert.match(html, /Not verified against the law/)
    const arabic = odpcHtml(odpcRegistration(m, 'ar'), 'ar')
    assert.match(arabic, /dir="rtl"/)
    assert.ok(arabic.includes(ar['odpc.title']))
  })
})

describe('GET /v1/records/odpc-registration', () => {
  let t: TestApp
  let owner: SignedIn
  before(async () => {
    t = await createTestApp()
    const member = await addMember(t, 'owner')
    owner = await signIn(t, member.email, member.password)
  })
  after(async () => {
    await t?.close()
  })
  test('JSON and printable HTML; RUMROM (Kuwait) is told it needs none; a signed-out caller is refused', async () => {
    const json = await t.app.inject({ url: '/v1/records/odpc-registration', headers: asStaff(owner) })
    assert.equal(json.statusCode, 200, json.body)
    assert.equal(json.json().servesKenya, false)
    assert.equal(json.json().verified, false)
    const html = await t.app.inject({
      url: '/v1/records/odpc-registration?format=html&lang=ar',
      headers: asStaff(owner),
    })
    assert.equal(html.statusCode, 200)
    assert.match(html.headers['content-type'] as string, /text\/html/)
    assert.ok(html.body.includes(ar['odpc.notServed']))
    assert.equal((await t.app.inject({ url: '/v1/records/odpc-registration' })).statusCode, 401)
  })
})
