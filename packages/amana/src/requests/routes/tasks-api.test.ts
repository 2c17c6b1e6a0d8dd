import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../staff/testing.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

/** An erasure filed over the API, waiting on the tasks the worker leaves (a code and its values each). */
const requestWithTasks = async (t: TestApp) => {
  const filed = await t.app.inject({
    method: 'POST',
    url: '/v1/requests',
    payload: { type: 'erasure', email: 'noor@example.com', country: 'KW' },
  })
  assert.equal(filed.statusCode, 202, filed.body)
  const row = await t.services.requests.store.byReference(filed.json().reference)
  assert.ok(row)
  const task = (step: string, target: string, code: string | null, params: unknown, title: string) => ({
    id: randomUUID(),
    request_id: row.id,
    step,
    target,
    title,
    code,
    params: params === null ? null : JSON.stringify(params),
    state: 'open' as const,
    created_at: new Date(),
  })
  await t.database.db
    .insertInto('dsr_task')
    .values([
      task('erase', 'support_inbox', 'erase-in-system', { system: 'support_inbox' }, 'Erase …'),
      task(
        'processors',
        'payments',
        'tell-processor',
        {
          processor: 'payments',
          name: 'Payments',
          email: 'dpo@pay.example',
          categories: ['identity', 'payment'],
        },
        'Tell …',
      ),
      task(
        'erase',
        'subject-not-found',
        'subject-not-found',
        { identifiers: ['email', 'phone'] },
        'No record …',
      ),
      // Made before tasks had codes, with a title the migration could not read.
      task('erase', 'old_inbox', null, null, 'Erase the subject’s records in old_inbox (an older wording)'),
    ])
    .execute()
  return row
}

const titles = (body: { tasks: { code: string | null; title: string }[] }) =>
  Object.fromEntries(body.tasks.map((task) => [task.code ?? 'none', task.title]))

test('staff read a request’s tasks over the API as codes and values, titled in the language they ask for', async () => {
  const t = await createTestApp()
  try {
    const row = await requestWithTasks(t)
    const url = `/v1/admin/requests/${row.id}/tasks`
    assert.equal((await t.app.inject({ url })).statusCode, 401)
    const officer = await addMember(t, 'privacy-officer')
    const staff = asStaff(await signIn(t, officer.email, officer.password))

    const en = await t.app.inject({ url, headers: staff })
    assert.equal(en.statusCode, 200, en.body)
    assert.equal(en.headers['content-language'], 'en')
    const erase = en.json().tasks.find((task: { code: string }) => task.code === 'erase-in-system')
    assert.deepEqual(
      { target: erase.target, state: erase.state, params: erase.params },
      { target: 'support_inbox', state: 'open', params: { system: 'support_inbox' } },
    )
    assert.deepEqual(titles(en.json()), {
      'erase-in-system': `Erase the requester’s records in support_inbox (request ${row.reference})`,
      'tell-processor': `Tell A payment processor in Kuwait (not yet named) (dpo@pay.example) to erase the requester of request ${row.reference} (identity, payment)`,
      'subject-not-found': `No record of the requester of ${row.reference} was found in any system (searched by email and phone). Check the identifier, then complete this task to answer that we hold no data about them, or decline the request`,
      none: 'Erase the subject’s records in old_inbox (an older wording)',
    })

    for (const asked of [
      { url: `${url}?lang=ar` },
      { url, headers: { 'accept-language': 'ar-KW,ar;q=0.9' } },
    ]) {
      const ar = await t.app.inject({ ...asked, headers: { ...staff, ...asked.headers } })
      assert.equal(ar.statusCode, 200, ar.body)
      assert.equal(ar.headers['content-language'], 'ar')
      const said = titles(ar.json())
      assert.equal(
        said['erase-in-system'],
        `احذف سجلات صاحب الطلب في \u2068support_inbox\u2069 (الطلب \u2068${row.reference}\u2069)`,
      )
      assert.match(said['subject-not-found'] ?? '', /بحثنا حسب البريد الإلكتروني ورقم الهاتف/)
      assert.match(
        said['tell-processor'] ?? '',
        /^اطلب من .*dpo@pay\.example.*\u2068identity، payment\u2069\)$/,
      )
      assert.equal(said.none, 'Erase the subject’s records in old_inbox (an older wording)', 'kept as stored')
    }

    const french = await t.app.inject({ url: `${url}?lang=fr`, headers: staff })
    assert.equal(french.statusCode, 400)
    assert.match(french.json().error.message, /lang/)
    const unknown = await t.app.inject({ url: `/v1/admin/requests/${randomUUID()}/tasks`, headers: staff })
    assert.equal(unknown.statusCode, 404)
  } finally {
    await t.close()
  }
})

test('the console’s request page says each task in the page’s language, from its code and values', async () => {
  const t = await createTestApp()
  try {
    const row = await requestWithTasks(t)
    const owner = await addMember(t, 'owner')
    const staff = asStaff(await signIn(t, owner.email, owner.password))
    const page = async (lang: string) =>
      (
        await t.app.inject({
          url: `/admin/requests/${row.id}?lang=${lang}`,
          headers: { ...staff, accept: 'text/html' },
        })
      ).body
    const ar = await page('ar')
    assert.match(ar, /بحثنا حسب البريد الإلكتروني ورقم الهاتف/)
    assert.match(ar, /اطلب من .*A payment processor in Kuwait/)
    assert.doesNotMatch(ar, /to erase the requester|searched by/)
    const en = await page('en')
    assert.match(en, /searched by email and phone/)
  } finally {
    await t.close()
  }
})
