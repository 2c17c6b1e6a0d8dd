import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../staff/testing.ts'
import { createTestApp } from '../testing/test-app.ts'
import { type AmanaClientError, createAmanaClient } from './client.ts'

test('the shop backend decides, tokenises and detokenises through the SDK with a scoped API key', async () => {
  const t = await createTestApp()
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const owner = await addMember(t, 'owner')
    const session = await signIn(t, owner.email, owner.password)
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(session),
      payload: { name: 'shop backend', scopes: ['decisions:read', 'vault:tokenise', 'vault:detokenise'] },
    })
    assert.equal(created.statusCode, 201, created.body)
    const amana = createAmanaClient({ baseUrl: base, apiKey: created.json().key })

    const decision = await amana.decide('account:c-42', 'marketing')
    assert.equal(decision.allow, false, 'Kuwait is opt-in: no consent yet, no marketing')

    const phone = `+965 5${Math.floor(Math.random() * 1e7)}`
    const token = await amana.tokenise('c-42', 'phone', phone)
    assert.equal(await amana.tokenise('c-42', 'phone', phone), token, 'same value, same token')
    assert.doesNotMatch(token, /965/)
    assert.deepEqual(await amana.detokenise(token, 'orders'), {
      subjectId: 'c-42',
      kind: 'phone',
      value: phone,
    })

    const reads = await t.database.db
      .selectFrom('audit_entry')
      .select(['action', 'subject_id'])
      .where('action', '=', 'personal-data.read')
      .execute()
    assert.deepEqual(
      reads.map((r) => r.subject_id),
      ['c-42'],
      'the read is in the audit ledger',
    )

    await t.services.vault.shredSubject('c-42')
    await assert.rejects(
      amana.detokenise(token, 'orders'),
      (e: AmanaClientError) => e.code === 'SUBJECT_SHREDDED',
    )

    const weak = createAmanaClient({ baseUrl: base, apiKey: 'amana_live_not-a-key' })
    await assert.rejects(weak.tokenise('c-42', 'phone', phone), (e: AmanaClientError) => e.status === 401)
  } finally {
    await t.close()
  }
})
