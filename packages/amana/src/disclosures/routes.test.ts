import assert from 'node:assert/strict'
import { test } from 'node:test'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, staffAccessFor } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

/** A key for the shop's backend, made by a developer as `amana api-key create` would. */
const keyWith = async (t: TestApp, scopes: ('disclosures:write' | 'decisions:read')[]) => {
  const developer = await addMember(t, 'developer')
  const actor = { id: developer.id, role: 'developer' as const, permissions: capabilitiesOf('developer') }
  const created = await staffAccessFor(t).createApiKey(actor, { name: `shop-${scopes.join('+')}`, scopes })
  assert.ok(created.ok)
  return { authorization: `Bearer ${created.key}` }
}

const order = {
  first_name: 'Noura',
  phone: '+965 5555 0101',
  area: 'Salmiya',
  block: 'Block 7Q',
  street: 'Salem Al Mubarak St',
  building: 'Tower Z22',
  directions: 'blue gate',
}

const auditRows = (t: TestApp) =>
  t.database.db
    .selectFrom('audit_entry')
    .select(['action', 'subject_id', 'body'])
    .where('action', 'like', 'disclosure.%')
    .orderBy('seq')
    .execute()

test('the courier gets name, phone and address for an order; the hand-over is audited without values', async () => {
  const t = await createTestApp()
  try {
    const headers = await keyWith(t, ['disclosures:write'])
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/disclosures',
      headers,
      payload: {
        processor: 'couriers',
        purpose: 'orders',
        subject: 'customer:42',
        reference: 'order:1001',
        fields: order,
      },
    })
    assert.equal(response.statusCode, 200, response.body)
    const body = response.json()
    assert.deepEqual(body.released, order)
    assert.deepEqual(body.categories, ['contact', 'delivery_address', 'identity'])

    const rows = await auditRows(t)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.action, 'disclosure.sent')
    assert.equal(rows[0]?.subject_id, 'customer:42')
    const entry = rows[0]?.body ?? ''
    assert.match(entry, /processor:couriers/)
    assert.match(entry, /order:1001/)
    assert.match(entry, /delivery_address/)
    for (const value of Object.values(order))
      assert.ok(!entry.includes(value), `the ledger holds no "${value}"`)
  } finally {
    await t.close()
  }
})

test('email and payment fields for the courier are refused with 422 naming each field and the fix; nothing released', async () => {
  const t = await createTestApp()
  try {
    const headers = await keyWith(t, ['disclosures:write'])
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/disclosures',
      headers,
      payload: {
        processor: 'couriers',
        purpose: 'orders',
        subject: 'customer:42',
        fields: { ...order, email: 'noura@example.net', card_last4: '4242', payment_token: 'tok_x' },
      },
    })
    assert.equal(response.statusCode, 422, response.body)
    const error = response.json().error
    assert.equal(error.code, 'DISCLOSURE_REFUSED')
    assert.equal(response.json().released, undefined)
    assert.match(error.message, /fields\.email/)
    assert.match(error.message, /processors\.couriers\.categories\.contact/)
    const refused = Object.fromEntries(
      (error.details as { field: string; reason: string; fix: string }[]).map((r) => [r.field, r]),
    )
    assert.deepEqual(Object.keys(refused).sort(), [
      'fields.card_last4',
      'fields.email',
      'fields.payment_token',
    ])
    assert.equal(refused['fields.email']?.reason, 'field-not-allowed')
    assert.match(refused['fields.email']?.fix ?? '', /may receive only phone of contact/)
    assert.equal(refused['fields.card_last4']?.reason, 'category-not-allowed')
    assert.match(refused['fields.card_last4']?.fix ?? '', /couriers may not receive payment data/)
    assert.doesNotMatch(response.body, /noura@example\.net|Salmiya/)

    const rows = await auditRows(t)
    assert.deepEqual(
      rows.map((r) => r.action),
      ['disclosure.refused'],
    )
    assert.ok(!rows[0]?.body.includes('noura@example.net'))
  } finally {
    await t.close()
  }
})

test('an unknown processor, a purpose that does not share with it, or an undeclared field each name the fix', async () => {
  const t = await createTestApp()
  try {
    const headers = await keyWith(t, ['disclosures:write'])
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/v1/disclosures', headers, payload })
    const unknown = await post({ processor: 'dhl', purpose: 'orders', subject: 'customer:1', fields: order })
    assert.equal(unknown.statusCode, 422)
    assert.equal(unknown.json().error.details[0].field, 'processor')
    assert.match(unknown.json().error.message, /use one of: payments, couriers/)

    const wrongPurpose = await post({
      processor: 'couriers',
      purpose: 'marketing',
      subject: 'customer:1',
      fields: { phone: order.phone },
    })
    assert.equal(wrongPurpose.statusCode, 422)
    assert.equal(wrongPurpose.json().error.details[0].reason, 'purpose-does-not-share')
    assert.match(wrongPurpose.json().error.message, /purposes\.marketing\.shares does not name couriers/)

    const undeclared = await post({
      processor: 'couriers',
      purpose: 'orders',
      subject: 'customer:1',
      fields: { phone: order.phone, birthday: '2001-01-01' },
    })
    assert.equal(undeclared.statusCode, 422)
    assert.deepEqual(
      undeclared.json().error.details.map((r: { field: string }) => r.field),
      ['fields.birthday'],
    )

    const payments = await post({
      processor: 'payments',
      purpose: 'orders',
      subject: 'customer:1',
      fields: { 'customers.email': 'a@example.net', card_last4: '4242' },
    })
    assert.equal(payments.statusCode, 200, payments.body)
    assert.deepEqual(payments.json().categories, ['contact', 'payment'])

    const empty = await post({ processor: 'couriers', purpose: 'orders', subject: 'customer:1', fields: {} })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.json().error.message, /body\.fields/)
    const email = await post({
      processor: 'couriers',
      purpose: 'orders',
      subject: 'a@example.net',
      fields: order,
    })
    assert.equal(email.statusCode, 400)
    assert.match(email.json().error.message, /body\.subject/)
  } finally {
    await t.close()
  }
})

test('a key without disclosures:write is refused before anything is checked', async () => {
  const t = await createTestApp()
  try {
    const headers = await keyWith(t, ['decisions:read'])
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/disclosures',
      headers,
      payload: { processor: 'couriers', purpose: 'orders', subject: 'customer:1', fields: order },
    })
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.details.permission, 'disclosures:write')
    assert.equal((await auditRows(t)).length, 0)
  } finally {
    await t.close()
  }
})
