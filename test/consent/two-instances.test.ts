import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createConsentTestApp, staff } from '../../packages/amana/src/testing/consent-test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'

// Not on the embedded server either: B learns of A's writes by LISTEN/NOTIFY, and one PGlite
// backend behind pglite-socket delivers a NOTIFY to whichever connection is running, not the listener.
const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs PostgreSQL: set TEST_DATABASE_URL (LISTEN/NOTIFY between two servers; PGlite is one backend)'

test('two servers on one PostgreSQL agree on a withdrawal within one second', { skip }, async () => {
  const database = await createTestDatabase()
  const second = await openDatabase({ kind: 'postgres', url: database.url! })
  const a = await createConsentTestApp({ database })
  const b = await createConsentTestApp({ database: second, config: a.ctx.config })
  try {
    const record = (app: typeof a, granted: boolean) =>
      app.app.inject({
        method: 'POST',
        url: '/v1/consent/records',
        headers: staff('consent:write'),
        payload: {
          subject: 'account:1',
          method: 'account-settings',
          choices: [{ purpose: 'marketing', granted }],
        },
      })
    const decide = async (app: typeof a) =>
      (
        await app.app.inject({
          url: '/v1/decisions?subject=account:1&purpose=marketing',
          headers: staff('decisions:read'),
        })
      ).json() as { allow: boolean }

    assert.equal((await record(a, true)).statusCode, 201)
    // B reads (and caches) the grant.
    const deadline = Date.now() + 1000
    while (!(await decide(b)).allow) assert.ok(Date.now() < deadline, 'B never saw the grant')
    assert.equal((await decide(b)).allow, true)

    // The withdrawal is made on A; B must stop allowing within one second.
    assert.equal((await record(a, false)).statusCode, 201)
    const withdrawnAt = Date.now()
    let lag = 0
    for (;;) {
      if (!(await decide(b)).allow) break
      lag = Date.now() - withdrawnAt
      assert.ok(lag < 1000, `B still allowed ${lag} ms after the withdrawal`)
      await new Promise((r) => setTimeout(r, 5))
    }
    assert.equal((await decide(a)).allow, false)
  } finally {
    await b.close()
    await second.close()
    await a.close()
    await database.close()
  }
})
