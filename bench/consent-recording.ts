/**
 * Consent recording on PostgreSQL: durable appends through the consent service (ledger insert,
 * projection, NOTIFY) against a plain batched insert of the same rows into the same table, in
 * the same run: a warm-up of each, then BENCH_ROUNDS (5) alternating rounds, every round in the notes.
 * Run: npx node bench/consent-recording.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import type { ConsentRecord } from '../packages/amana/src/consent/domain/consent-record.ts'
import { createConsentTestApp } from '../packages/amana/src/testing/consent-test-app.ts'
import { type BenchRow, writeResults } from './lib.ts'

process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const rows: BenchRow[] = []
const t = await createConsentTestApp()
const n = 20_000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const loadBefore = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')
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
const recordThroughService = async () => {
  const records = Array.from({ length: n }, make)
  const started = performance.now()
  for (let i = 0; i < n; i += 2000)
    await Promise.all(records.slice(i, i + 2000).map((r) => t.consent.record(r)))
  return n / ((performance.now() - started) / 1000)
}
// Baseline: the same rows, plain multi-row INSERTs of 500 into the same table, no projection.
const plainInsert = async () => {
  const plain = Array.from({ length: n }, make)
  const started = performance.now()
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
  return n / ((performance.now() - started) / 1000)
}
// A warm-up of each, then alternating rounds (order flipped each round); the figure is the median round.
await recordThroughService()
await plainInsert()
const ledgerRates: number[] = []
const plainRates: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  if (round % 2 === 0) {
    ledgerRates.push(await recordThroughService())
    plainRates.push(await plainInsert())
  } else {
    plainRates.push(await plainInsert())
    ledgerRates.push(await recordThroughService())
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN
const ledgerRate = median(ledgerRates)
const plainRate = median(plainRates)
rows.push({
  name: `recording consent (postgres, durable, with projection; median of ${ROUNDS} rounds)`,
  value: ledgerRate,
  unit: 'records/s',
  baseline: { name: `plain batched INSERT (500/statement; median of ${ROUNDS} rounds)`, value: plainRate },
  target: '≥ 3,000/s and ≥ 0.5× baseline',
  met: ledgerRate >= 3000 && ledgerRate / plainRate >= 0.5,
})
await t.close()

writeResults('consent-recording', 'Consent: recording on PostgreSQL', rows, [
  'recording: 20,000 records appended by 2,000 concurrent callers at a time through the group-commit ledger (one statement, so one transaction, per batch of up to 500: insert, projection upserts, NOTIFY; up to two batches in flight, never sharing a subject), synchronous_commit on.',
  'baseline: the same number of rows, made the same way, inserted right after into the same table by Kysely multi-row INSERTs of 500, one autocommit statement at a time.',
  `rounds (records/s): recording ${ledgerRates.map(Math.round).join(', ')}; plain INSERT ${plainRates.map(Math.round).join(', ')}. Load average before ${loadBefore}, after ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}.`,
])
