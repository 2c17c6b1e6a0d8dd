/**
 * Issue 12: Amana scaled out. Two `amana start` and two `amana worker` processes share one
 * PostgreSQL database and one key-store database, under load from the shop's backend (consent
 * records, decisions, tokens) and from customers (data-subject requests through intake). Afterwards
 * every data key opens through every server, every request ran once, and no acknowledged write is
 * missing.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { sql } from 'kysely'
import { readZip, stepsFor } from '../../packages/amana/src/requests/index.ts'
import { mailHeader } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type AmanaProcess, type Cluster, startCluster } from './cluster.ts'

const url = process.env.TEST_DATABASE_URL
const skip = url
  ? false
  : 'needs PostgreSQL (TEST_DATABASE_URL): several processes share one database, which PGlite, one process by design, cannot'

const ACCESS = [1, 2, 3, 4, 5, 6]
const ERASURE = [7, 8, 9, 10]
const CONSENT_RECORDS = 80

interface Answer {
  readonly status: number
  readonly body: string
  readonly bytes: Buffer
}

const http = async (
  cluster: Cluster,
  server: AmanaProcess,
  path: string,
  init: { method?: string; json?: unknown; form?: string; ip?: string; key?: boolean } = {},
): Promise<Answer> => {
  const headers: Record<string, string> = {}
  if (init.key !== false) headers.authorization = `Bearer ${cluster.apiKey}`
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  // Behind the load balancer (AMANA_TRUST_PROXY=true): each customer comes from an address of their own.
  if (init.ip) headers['x-forwarded-for'] = init.ip
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? (init.json !== undefined || init.form !== undefined ? 'POST' : 'GET'),
    headers,
    redirect: 'manual',
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    ...(init.form !== undefined ? { body: init.form } : {}),
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, body: bytes.toString('utf8'), bytes }
}

/** Consent records and decisions from the shop's backend, spread over both servers, 10 at a time. */
const consentLoad = async (cluster: Cluster) => {
  const acknowledged: string[] = []
  const refused: string[] = []
  for (let batch = 0; batch < CONSENT_RECORDS / 10; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const n = batch * 10 + k
        const server = cluster.servers[n % cluster.servers.length] as AmanaProcess
        const other = cluster.servers[(n + 1) % cluster.servers.length] as AmanaProcess
        const recordId = randomUUID()
        const recorded = await http(cluster, server, '/v1/consent/records', {
          json: {
            recordId,
            subject: `account:${n % 8}`,
            method: 'account-settings',
            choices: [{ purpose: 'marketing', granted: n % 3 !== 0 }],
          },
        })
        if (recorded.status >= 200 && recorded.status < 300) acknowledged.push(recordId)
        else refused.push(`${recorded.status} ${recorded.body}`)
        const decided = await http(cluster, other, `/v1/decisions?subject=account:${n % 8}&purpose=marketing`)
        if (decided.status !== 200) refused.push(`decision ${decided.status} ${decided.body}`)
      }),
    )
  }
  return { acknowledged, refused }
}

/**
 * Tokens for the same subjects from both servers at once: the first use of a subject races to
 * create its data key in two processes. One key must win, so both servers hand out the same token.
 */
const tokenLoad = async (cluster: Cluster) => {
  const values = Array.from({ length: 6 }, (_, j) => ({
    subjectId: `customer:t${j}`,
    kind: 'phone',
    value: `+9655000${String(j).padStart(4, '0')}`,
  }))
  return Promise.all(
    values.map(async (v) => {
      const answers = await Promise.all(
        cluster.servers.map((server) => http(cluster, server, '/v1/tokens', { json: v })),
      )
      return { ...v, answers }
    }),
  )
}

interface Submitted {
  readonly customer: number
  readonly type: 'access' | 'erasure'
  readonly reference: string
  readonly token: string
  readonly id: string
}

/** A customer asks through one server, confirms the emailed code through the other. */
const requestLoad = (cluster: Cluster): Promise<Submitted[]> =>
  Promise.all(
    [...ACCESS, ...ERASURE].map(async (customer, i) => {
      const type = ACCESS.includes(customer) ? ('access' as const) : ('erasure' as const)
      const email = customerEmail(customer)
      const asking = cluster.servers[i % cluster.servers.length] as AmanaProcess
      const confirming = cluster.servers[(i + 1) % cluster.servers.length] as AmanaProcess
      const ip = `198.51.100.${customer}`
      const submitted = await http(cluster, asking, '/v1/requests', {
        json: { type, email, country: 'KW' },
        ip,
        key: false,
      })
      assert.equal(submitted.status, 202, `${email}: ${submitted.body}`)
      const { reference, token } = JSON.parse(submitted.body) as { reference: string; token: string }
      const mail = await cluster.inbox.waitFor(
        (raw) => mailHeader(raw, 'To')?.includes(email) === true && /\b\d{6}\b/.test(raw),
        60_000,
      )
      const code = mail.match(/\b(\d{6})\b/)?.[1]
      const verified = await http(cluster, confirming, `/v1/requests/${reference}/verify`, {
        json: { token, code },
        ip,
        key: false,
      })
      assert.equal(verified.status, 200, verified.body)
      assert.deepEqual(JSON.parse(verified.body), { verified: true }, `${reference} verified`)
      const row = await cluster.database.db
        .selectFrom('dsr_request')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow()
      if (type === 'erasure') {
        const approved = await http(cluster, asking, `/admin/requests/${row.id}/approve`, { form: '' })
        assert.equal(approved.status, 303, `${reference} approved: ${approved.body}`)
      }
      return { customer, type, reference, token, id: row.id }
    }),
  )

const waitUntilDone = async (cluster: Cluster, ids: string[], timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await cluster.database.db
      .selectFrom('dsr_request')
      .select(['reference', 'status', 'last_error'])
      .where('id', 'in', ids)
      .where('status', 'not in', ['completed', 'denied'])
      .execute()
    if (open.length === 0 || Date.now() > deadline) return open
    await new Promise((r) => setTimeout(r, 250))
  }
}

test('two servers and two workers on one PostgreSQL and one key store: every key opens through every server, each request runs once, no acknowledged write is lost', {
  skip,
  timeout: 240_000,
}, async (t) => {
  const starting = Date.now()
  const cluster = await startCluster(url as string, { servers: 2, workers: 2, customers: 12 })
  t.after(() => cluster.close())
  const started = Date.now()
  t.diagnostic(`2 servers and 2 workers ready in ${started - starting} ms`)

  const [consent, tokens, requests] = await Promise.all([
    consentLoad(cluster),
    tokenLoad(cluster),
    requestLoad(cluster),
  ])
  const open = await waitUntilDone(
    cluster,
    requests.map((r) => r.id),
    60_000,
  )
  assert.deepEqual(open, [], 'every request completed')
  t.diagnostic(`load and execution took ${Date.now() - started} ms`)

  const checking = Date.now()
  // No acknowledged consent record is missing from the ledger.
  assert.deepEqual(consent.refused, [], 'every consent record and decision was answered')
  const stored = await cluster.database.db
    .selectFrom('consent_record')
    .select('id')
    .where('id', 'in', consent.acknowledged)
    .execute()
  assert.equal(consent.acknowledged.length, CONSENT_RECORDS)
  assert.equal(stored.length, consent.acknowledged.length, 'every acknowledged record is in the ledger')

  // One data key per subject, whichever server asked first; every token opens on every server.
  for (const { subjectId, value, answers } of tokens) {
    for (const answer of answers) assert.equal(answer.status, 201, answer.body)
    const issued = new Set(answers.map((a) => (JSON.parse(a.body) as { token: string }).token))
    assert.equal(issued.size, 1, `${subjectId}: both servers used the same data key`)
    const [token] = issued
    for (const server of cluster.servers) {
      const opened = await http(cluster, server, '/v1/tokens/detokenise', {
        json: { token, purpose: 'orders' },
      })
      assert.equal(opened.status, 200, `${server.name} detokenises ${subjectId}: ${opened.body}`)
      assert.equal((JSON.parse(opened.body) as { value: string }).value, value)
    }
  }
  const keyRows = await cluster.keyStore.selectFrom('vault_data_key').select('subject_id').execute()
  for (const { subjectId } of tokens)
    assert.equal(keyRows.filter((k) => k.subject_id === subjectId).length, 1, `one key for ${subjectId}`)
  // …and none in the main database, whose backups must not carry them.
  const inMain = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_name in ('vault_data_key', 'vault_shred')`.execute(
    cluster.database.db,
  )
  assert.deepEqual(inMain.rows, [], 'the main database has no key tables')

  for (const r of requests) {
    // Each step ran once, in order, and the request completed once (events and the audit ledger agree).
    const events = await cluster.database.db
      .selectFrom('dsr_event')
      .select(['kind', 'details'])
      .where('request_id', '=', r.id)
      .orderBy('seq')
      .execute()
    const steps = stepsFor(r.type, false)
    assert.deepEqual(
      events.filter((e) => e.kind === 'step-done').map((e) => String((e.details as { step: unknown }).step)),
      steps,
      `${r.reference}: each step done exactly once, in order`,
    )
    assert.equal(events.filter((e) => e.kind === 'completed').length, 1, `${r.reference} completed once`)
    const audited = await cluster.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('action', 'like', 'request.%')
      .where('body', 'like', `%${r.id}%`)
      .execute()
    const count = (action: string) => audited.filter((a) => a.action === action).length
    assert.equal(count('request.completed'), 1, `${r.reference}: one completion in the audit ledger`)
    for (const step of steps) assert.equal(count(`request.step.${step}`), 1, `${r.reference}: ${step} once`)

    if (r.type === 'access') {
      const packages = await cluster.database.db
        .selectFrom('dsr_file')
        .select('id')
        .where('request_id', '=', r.id)
        .where('kind', '=', 'package')
        .execute()
      assert.equal(packages.length, 1, `${r.reference}: one package`)
      // The package was sealed by a worker under a key a server created at intake: every server opens it.
      for (const server of cluster.servers) {
        const page = await http(cluster, server, `/admin/requests/${r.id}`)
        assert.equal(page.status, 200, `${server.name} shows ${r.reference}`)
        assert.ok(page.body.includes(customerEmail(r.customer)), `${server.name} decrypts the requester`)
        const link = await http(cluster, server, `/v1/requests/${r.reference}/download`, {
          json: { token: r.token },
          key: false,
        })
        assert.equal(link.status, 200, `${server.name} issues a download: ${link.body}`)
        const path = new URL((JSON.parse(link.body) as { url: string }).url).pathname
        const zip = await http(cluster, server, path, { key: false })
        assert.equal(zip.status, 200, `${server.name} serves the package of ${r.reference}`)
        const data = readZip(zip.bytes).get('data.json')?.toString() ?? ''
        assert.ok(data.includes(customerEmail(r.customer)), `${server.name}: the package holds the data`)
      }
    } else {
      const left = await cluster.shop.query('select count(*) as n from customers where id = $1', [r.customer])
      assert.equal(String(left[0]?.n), '0', `${r.reference}: customer ${r.customer} erased`)
    }
  }
  t.diagnostic(`checks took ${Date.now() - checking} ms`)
  const untouched = await cluster.shop.query('select count(*) as n from customers where id > 10')
  assert.equal(String(untouched[0]?.n), '2', 'no other customer was touched')
})
