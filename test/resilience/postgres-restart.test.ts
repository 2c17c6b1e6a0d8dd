import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { mailHeader, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createApiKey, setUpAmana, spawnAmana, startPrivateCluster } from './amana-process.ts'

// PostgreSQL's own binaries are needed (a private cluster is stopped and started, never the run's
// shared server): the PostgreSQL pass has them.
const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs PostgreSQL installed: restarts a private PostgreSQL cluster (the PostgreSQL pass has one)'

test('PostgreSQL stopped for 6 s and started again under consent load: the server stays up, answers 2xx or 503 with Retry-After, loses no acknowledged record, and its worker resumes', {
  skip,
  timeout: 240_000,
}, async (t) => {
  // Closed in reverse order of opening (test hooks run in the order they were added).
  const opened: (() => Promise<void>)[] = []
  t.after(async () => {
    for (const close of opened.reverse()) await close()
  })
  const cluster = await startPrivateCluster()
  opened.push(cluster.close)
  const inbox = await startSmtpInbox()
  opened.push(inbox.close)
  const setup = await setUpAmana({ smtpUrl: inbox.url, postgresUrl: cluster.url })
  opened.push(setup.close)
  const key = await createApiKey(setup, ['consent:write'])
  const amana = await spawnAmana('start', setup.env)
  opened.push(amana.stop)

  const post = (path: string, body: unknown) =>
    fetch(`${setup.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const acknowledged: string[] = []
  const problems: string[] = []
  let unavailable = 0
  let running = true
  const load = async (n: number) => {
    for (let i = 0; running; i++) {
      const id = randomUUID()
      try {
        const r = await post('/v1/consent/records', {
          recordId: id,
          subject: `account:${n}-${i % 20}`,
          method: 'account-settings',
          choices: [{ purpose: 'marketing', granted: i % 2 === 0 }],
        })
        const body = await r.text()
        if (r.status === 201) acknowledged.push(id)
        else if (
          r.status === 503 &&
          r.headers.get('retry-after') &&
          body.includes('"DATABASE_UNAVAILABLE"')
        ) {
          unavailable++
          await sleep(200)
        } else problems.push(`${r.status} ${body.slice(0, 200)}`)
      } catch (error) {
        problems.push(`no answer: ${(error as Error).message}`)
        await sleep(200)
      }
    }
  }
  const loaders = Array.from({ length: 6 }, (_, n) => load(n))
  try {
    await sleep(2000)
    cluster.stop()
    await sleep(6000)
    cluster.start()
    await sleep(4000)
  } finally {
    running = false
    await Promise.all(loaders)
  }

  assert.equal(amana.exit(), undefined, `the server exited:\n${amana.output()}`)
  assert.equal((await fetch(`${setup.baseUrl}/healthz`)).status, 200)
  assert.deepEqual(
    problems.slice(0, 10),
    [],
    `${problems.length} answers were neither 201 nor a 503 with Retry-After`,
  )
  assert.ok(unavailable > 0, 'requests met the outage (else this test proves nothing)')
  const stored = new Set(
    (await setup.database.db.selectFrom('consent_record').select('id').execute()).map((r) => r.id),
  )
  const lost = acknowledged.filter((id) => !stored.has(id))
  assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged records are missing`)

  // The worker (in the server process) resumed: a verification code is mailed.
  const email = `after-restart-${process.pid}@customer.example`
  const submitted = await post('/v1/requests', {
    type: 'access',
    email,
    channel: 'email',
    requester: 'self',
    locale: 'en',
  })
  assert.equal(submitted.status, 202, await submitted.text())
  await inbox.waitFor((raw) => mailHeader(raw, 'To')?.includes(email) === true, 30_000)
})
