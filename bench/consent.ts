/**
 * Consent: decide() over HTTP against an empty Fastify route (same process, same load, same run),
 * on PGlite and PostgreSQL; and recording throughput on PostgreSQL against a plain batched insert
 * of the same rows into the same table.
 * Run: npx node bench/consent.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { randomBytes, randomUUID } from 'node:crypto'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { createConsentTestApp, staff } from '../packages/amana/src/consent/consent-test-app.ts'
import type { ConsentRecord } from '../packages/amana/src/consent/domain/consent-record.ts'
import { type BenchRow, writeResults } from './lib.ts'

const duration = Number(process.env.BENCH_SECONDS ?? 5)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const subjects = 1000

const load = (url: string, paths: readonly string[], headers: Record<string, string> = {}) => {
  let i = 0
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 10,
        duration,
        pipelining: 1,
        headers,
        requests: [
          {
            setupRequest: (req) => {
              req.path = paths[i++ % paths.length]!
              return req
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  )
}

const bare = Fastify({ logger: false })
bare.get('/empty', async () => ({ status: 'ok' }))
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })

const rows: BenchRow[] = []
const notes: string[] = []

for (const engine of ['pglite', 'postgres'] as const) {
  if (engine === 'postgres') process.env.TEST_DATABASE_URL = pgUrl
  else delete process.env.TEST_DATABASE_URL
  const t = await createConsentTestApp()
  // Every subject has a record: each decision reads a real projected state.
  for (let s = 0; s < subjects; s += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/consent/records',
          headers: staff('consent:write'),
          payload: {
            subject: `account:${s + k}`,
            method: 'api',
            choices: [{ purpose: 'marketing', channel: 'email', granted: (s + k) % 2 === 0 }],
          },
        }),
      ),
    )
  }
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  const paths = Array.from(
    { length: subjects },
    (_, i) => `/v1/decisions?subject=account:${i}&purpose=marketing&channel=email`,
  )
  const auth = staff('decisions:read')
  await load(bareUrl, ['/empty'])
  await load(url, paths, auth)
  const baseline = await load(bareUrl, ['/empty'])
  const decide = await load(url, paths, auth)
  const ratio = decide.requests.average / baseline.requests.average
  rows.push({
    name: `decide over HTTP (${engine})`,
    value: decide.requests.average,
    unit: 'req/s',
    baseline: { name: 'empty Fastify route', value: baseline.requests.average },
    target: '≥ 0.7× baseline',
    met: ratio >= 0.7,
  })
  rows.push({
    name: `decide p99 latency (${engine})`,
    value: decide.latency.p99,
    unit: 'ms',
    baseline: { name: 'empty Fastify route', value: baseline.latency.p99 },
    target: '≤ 10 ms',
    met: decide.latency.p99 <= 10,
  })
  if (decide.non2xx > 0) notes.push(`${engine}: ${decide.non2xx} non-2xx answers during the decide run`)

  if (engine === 'postgres') {
    const n = 20_000
    const make = (): ConsentRecord => ({
      id: randomUUID(),
      subjectHash: randomBytes(32).toString('base64url'),
      subjectKind: 'device',
      method: 'banner-custom',
      items: [
        { target: 'category', id: 'analytics', channel: '*', granted: true },
        { target: 'category', id: 'marketing', channel: '*', granted: false },
      ],
      policyVersion: t.consent.policyVersion,
      notice: 'banner:en',
      locale: 'en',
      jurisdiction: 'kw',
      source: 'https://rumrom.com/',
      gpc: false,
      conflict: false,
      child: false,
      recordedAt: new Date(),
    })
    // Appends as the HTTP handlers make them: many concurrent callers, each awaiting durability.
    const records = Array.from({ length: n }, make)
    let started = performance.now()
    for (let i = 0; i < n; i += 2000)
      await Promise.all(records.slice(i, i + 2000).map((r) => t.consent.record(r)))
    const ledgerRate = n / ((performance.now() - started) / 1000)
    // Baseline: the same rows, plain multi-row INSERTs of 500 into the same table, no projection.
    const plain = Array.from({ length: n }, make)
    started = performance.now()
    for (let i = 0; i < n; i += 500) {
      await t.database.db
        .insertInto('consent_record')
        .values(
          plain.slice(i, i + 500).map((r) => ({
            id: r.id,
            subject_hash: r.subjectHash,
            subject_kind: r.subjectKind,
            method: r.method,
            items: JSON.stringify(r.items),
            policy_version: r.policyVersion,
            notice: r.notice,
            locale: r.locale,
            jurisdiction: r.jurisdiction,
            source: r.source,
            gpc: r.gpc,
            conflict: r.conflict,
            child: r.child,
            recorded_at: r.recordedAt,
          })),
        )
        .execute()
    }
    const plainRate = n / ((performance.now() - started) / 1000)
    rows.push({
      name: 'recording consent (postgres, durable, with projection)',
      value: ledgerRate,
      unit: 'records/s',
      baseline: { name: 'plain batched INSERT (500/statement)', value: plainRate },
      target: '≥ 3,000/s and ≥ 0.5× baseline',
      met: ledgerRate >= 3000 && ledgerRate / plainRate >= 0.5,
    })
  }
  await t.close()
}
await bare.close()

writeResults('consent', 'Consent: decisions over HTTP and ledger appends', rows, [
  `autocannon, 10 connections, ${duration} s each after a warm-up run; load generator, empty route and Amana share one process on this machine.`,
  `decide: GET /v1/decisions for ${subjects} different subjects in rotation, each with a recorded choice; full Amana hook chain (helmet, request ids, metrics, permission check through a test API-key authenticator), logging silent.`,
  'decide reads the projection through an in-memory cache that is only used while a LISTEN connection is up (NOTIFY on every append); without it, one indexed query per decision.',
  'recording: 20,000 records appended by 2,000 concurrent callers at a time through the group-commit ledger (one transaction per batch: insert, projection upserts, NOTIFY), synchronous_commit on.',
])
