import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { setupRequests, verifiedRequest } from './harness.ts'

// PostgreSQL without TEST_DATABASE_URL: the shop is an embedded PGlite served over the wire protocol.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const staff = { type: 'staff' as const, id: 'st1' }

for (const server of servers)
  describe(`a requester found in no system (${server.kind})`, () => {
    const { skip } = server
    for (const type of ['access', 'erasure'] as const)
      test(`${type}: staff are told before the request answers, never "completed" silently`, {
        skip,
      }, async (t) => {
        const h = await setupRequests({
          shop: { kind: server.kind, url: server.url },
          processors: false,
        })
        t.after(() => h.close())
        const r = await verifiedRequest(h, { type, email: 'nobody-here@example.com' })
        if (type === 'erasure') assert.ok(await h.service.approve(r.id, staff))
        await h.drain()
        const row = await h.service.store.byId(r.id)
        assert.equal(row?.status, 'awaiting-staff')
        const tasks = await h.service.store.tasks(r.id)
        assert.equal(tasks.length, 1)
        assert.match(
          tasks[0]?.title ?? '',
          /No record of the requester .* was found in any system \(searched by email\)/,
        )
        assert.ok(!tasks[0]?.title.includes('nobody-here'), 'the task names no identifier value')
        assert.deepEqual(
          [tasks[0]?.code, tasks[0]?.params],
          ['subject-not-found', { identifiers: ['email'] }],
          'stored as a code and the kinds searched by, never their values',
        )
        assert.ok(
          !(await h.mails()).some(
            (m) => m.to === 'nobody-here@example.com' && /completed|ready/i.test(m.subject),
          ),
          'the requester is told nothing yet',
        )

        assert.ok(
          await h.service.completeTask(r.id, tasks[0]?.id as string, staff, 'Checked: no account, no orders'),
        )
        await h.drain()
        const done = await h.service.store.byId(r.id)
        assert.equal(done?.status, 'completed', done?.last_error ?? '')
        const step = (await h.service.store.steps(r.id)).find(
          (s) => s.step === (type === 'access' ? 'collect' : 'erase'),
        )
        assert.equal((step?.result as { subjectFound?: boolean } | null)?.subjectFound, false)
      })
  })
