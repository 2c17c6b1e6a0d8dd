import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { mailHeader, type SmtpInbox, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import {
  type AmanaProcess,
  type AmanaSetup,
  createApiKey,
  setUpAmana,
  spawnAmana,
  terminateBackends,
} from './amana-process.ts'

const url = process.env.TEST_DATABASE_URL
const skip = url
  ? false
  : 'needs PostgreSQL: its sessions are terminated with pg_terminate_backend (PGlite is one backend)'

let inbox: SmtpInbox
let setup: AmanaSetup
let amana: AmanaProcess
let key: string

before(
  async () => {
    if (!url) return
    inbox = await startSmtpInbox()
    setup = await setUpAmana({ smtpUrl: inbox.url })
    key = await createApiKey(setup, ['consent:write', 'decisions:read'])
    amana = await spawnAmana('start', setup.env)
  },
  { timeout: 120_000 },
)

after(async () => {
  if (!url) return
  await amana?.stop()
  await setup?.close()
  await inbox?.close()
})

interface Answer {
  readonly status: number
  readonly retryAfter: string | null
  readonly body: string
}

const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
  const response = await fetch(`${setup.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  }
}

const record = (id: string, subject: string, granted: boolean) =>
  call('/v1/consent/records', {
    method: 'POST',
    body: JSON.stringify({
      recordId: id,
      subject,
      method: 'account-settings',
      choices: [{ purpose: 'marketing', granted }],
    }),
  })

/** 2xx, or 503 DATABASE_UNAVAILABLE with Retry-After; anything else is returned as a problem. */
const problemWith = (what: string, a: Answer): string | undefined => {
  if (a.status >= 200 && a.status < 300) return undefined
  if (a.status === 503 && a.retryAfter !== null && /"code":"DATABASE_UNAVAILABLE"/.test(a.body))
    return undefined
  return `${what}: ${a.status} retry-after=${a.retryAfter} ${a.body.slice(0, 300)}`
}

/** The server's error lines (pino level 50 and above), for failure messages. */
const errorLines = () =>
  amana
    .output()
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l))
    .slice(0, 5)
    .join('\n')

const healthy = async () => (await fetch(`${setup.baseUrl}/healthz`)).status === 200

test('terminating the database sessions under consent load: the server stays up, answers 2xx or 503 with Retry-After, and keeps every acknowledged record', {
  skip,
  timeout: 180_000,
}, async () => {
  const acknowledged = new Set<string>()
  const problems: string[] = []
  let unavailable = 0
  let answered = 0
  let running = true
  const load = async (n: number) => {
    for (let i = 0; running; i++) {
      const subject = `account:${n}-${i % 25}`
      const id = randomUUID()
      try {
        const r = await record(id, subject, i % 2 === 0)
        answered++
        if (r.status === 201 || r.status === 200) acknowledged.add(id)
        if (r.status === 503) unavailable++
        const p = problemWith('record', r)
        if (p) problems.push(p)
        const d = await call(`/v1/decisions?subject=${encodeURIComponent(subject)}&purpose=marketing`)
        answered++
        if (d.status === 503) unavailable++
        const q = problemWith('decision', d)
        if (q) problems.push(q)
      } catch (error) {
        // fetch itself failing means the server did not answer at all (it crashed or hung up).
        problems.push(`no answer: ${(error as Error).message}`)
        await sleep(100)
      }
    }
  }
  const loaders = Array.from({ length: 8 }, (_, n) => load(n))
  let terminated = 0
  try {
    await sleep(1000)
    for (let round = 0; round < 12; round++) {
      terminated += await terminateBackends(url as string, setup.databaseName)
      await sleep(250 + Math.random() * 500)
    }
    // Let it recover under load: the last terminations' requests settle and new connections open.
    await sleep(2000)
  } finally {
    running = false
    await Promise.all(loaders)
  }

  assert.equal(amana.exit(), undefined, `the server exited:\n${amana.output()}`)
  assert.ok(await healthy(), '/healthz answers after the terminations')
  assert.ok(terminated >= 12, `sessions were terminated (${terminated})`)
  assert.deepEqual(
    problems.slice(0, 10),
    [],
    `${problems.length} answers were neither 2xx nor a 503 with Retry-After; the server logged:\n${errorLines()}`,
  )
  assert.ok(unavailable > 0, 'the terminations reached requests in flight (else this test proves nothing)')
  assert.doesNotMatch(amana.output(), /Unhandled|uncaught|\n\s+at /i, 'no crash trace in the server output')

  // The pool reconnected: a record now is acknowledged at the first try, and every one acknowledged
  // during the terminations is in the ledger.
  const afterwards = randomUUID()
  assert.equal((await record(afterwards, 'account:after', true)).status, 201)
  acknowledged.add(afterwards)
  const stored = new Set<string>()
  const ids = [...acknowledged]
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await setup.database.db
      .selectFrom('consent_record')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) stored.add(r.id)
  }
  const lost = ids.filter((id) => !stored.has(id))
  assert.deepEqual(
    lost,
    [],
    `${lost.length} of ${ids.length} acknowledged records are missing from the ledger`,
  )
  assert.ok(answered > 100, `the load was real (${answered} answers, ${unavailable} of them 503)`)
})

test('after its sessions are terminated, the worker still runs a new job: a verification code is mailed', {
  skip,
  timeout: 120_000,
}, async () => {
  // The server runs the worker in-process (AMANA_WORKER=embedded): pg-boss's pool and its workers'
  // fetches lose their connections here.
  for (let round = 0; round < 3; round++) {
    await terminateBackends(url as string, setup.databaseName)
    await sleep(300)
  }
  await sleep(1000)
  assert.equal(amana.exit(), undefined, `the server exited:\n${amana.output()}`)
  const email = `after-termination-${process.pid}@customer.example`
  let submitted: Answer | undefined
  // The first request may itself meet a connection the pool has not yet found dead: a 503 is allowed.
  for (let i = 0; i < 5; i++) {
    submitted = await call('/v1/requests', {
      method: 'POST',
      body: JSON.stringify({ type: 'access', email, channel: 'email', requester: 'self', locale: 'en' }),
    })
    assert.equal(problemWith('submit', submitted), undefined)
    if (submitted.status === 202) break
    await sleep(Number(submitted.retryAfter) * 1000)
  }
  assert.equal(submitted?.status, 202, submitted?.body)
  const mail = await inbox.waitFor((raw) => mailHeader(raw, 'To')?.includes(email) === true, 60_000)
  assert.match(mail, /\b\d{6}\b/, 'the mail carries the verification code')
})
