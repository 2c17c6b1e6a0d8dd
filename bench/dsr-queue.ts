/**
 * Queued data-subject requests completed by one worker process (target: 10,000 within 10 minutes).
 * Access requests, verified, queued through pg-boss on PostgreSQL, executed against a test shop
 * database on the same server. Baseline in the same run: the same number of bare pg-boss jobs
 * (send + work + complete) with an empty handler, the queue's own floor.
 * Run: npx node bench/dsr-queue.ts [requests=10000] [customers=500]
 */
import pg from 'pg'
import { z } from 'zod'
import { migrateToLatest, openDatabase } from '../packages/amana/src/platform/db/index.ts'
import { createJobEngine, defineJob } from '../packages/amana/src/platform/jobs/index.ts'
import { createLogger } from '../packages/amana/src/platform/logging/index.ts'
import { executeRequestJob } from '../packages/amana/src/requests/index.ts'
import { customerEmail } from '../test/fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from '../test/requests/harness.ts'
import { writeResults } from './lib.ts'

const requests = Number(process.argv[2] ?? 10_000)
const customers = Number(process.argv[3] ?? 500)
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const logger = createLogger({ level: 'warn' })

const freshDatabase = async (label: string) => {
  const name = `amana_bench_${label}_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${name}" with (force)`)
  await admin.query(`create database "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.toString() })
  await migrateToLatest(database.db)
  return {
    database,
    drop: async () => {
      await database.close()
      const a = new pg.Client({ connectionString: serverUrl })
      await a.connect()
      await a.query(`drop database if exists "${name}" with (force)`)
      await a.end()
    },
  }
}

const waitUntil = async (done: () => Promise<boolean>) => {
  for (;;) {
    if (await done()) return
    await new Promise((r) => setTimeout(r, 250))
  }
}

// Baseline: bare jobs through the same engine.
const base = await freshDatabase('base')
const baseEngine = await createJobEngine(base.database, logger)
const noop = defineJob({ name: 'bench.noop', version: 1, payload: z.object({ n: z.number() }) })
let noopDone = 0
baseEngine.register(noop, async () => {
  noopDone++
})
for (let i = 0; i < requests; i++) await baseEngine.send(noop, { n: i })
const baseStarted = performance.now()
await baseEngine.startWorker()
await waitUntil(async () => noopDone >= requests)
const baselineMs = performance.now() - baseStarted
await baseEngine.stop({ graceful: false })
await base.drop()

// Requests: submitted and verified first, then one worker drains the queue.
const amana = await freshDatabase('dsr')
const h = await setupRequests({
  shop: { kind: 'postgres', url: serverUrl },
  database: amana.database,
  customers,
  requests: { submissionsPerIpPerHour: 1_000_000, codeSendsPerAddressPerHour: 1_000_000 },
  runExecutions: false,
})
const ids: string[] = []
for (let i = 0; i < requests; i++)
  ids.push((await verifiedRequest(h, { type: 'access', email: customerEmail(1 + (i % customers)) })).id)
const engine = await createJobEngine(amana.database, logger)
engine.register(executeRequestJob, async ({ requestId }) => {
  await h.executor.run(requestId)
})
for (const requestId of ids) await engine.send(executeRequestJob, { requestId })
const started = performance.now()
await engine.startWorker()
const completed = async () => {
  const r = await amana.database.db
    .selectFrom('dsr_request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow()
  return Number(r.n) >= requests
}
await waitUntil(completed)
const elapsedMs = performance.now() - started
await engine.stop({ graceful: false })
await h.close()
await amana.drop()

writeResults(
  'dsr-queue',
  'Queued data-subject requests, one worker process',
  [
    {
      name: `${requests.toLocaleString('en')} access requests completed`,
      value: elapsedMs / 1000,
      unit: 's',
      baseline: { name: `${requests.toLocaleString('en')} empty pg-boss jobs`, value: baselineMs / 1000 },
      target:
        requests >= 10_000
          ? '≤ 600 s for 10,000'
          : `≤ ${Math.round((600 * requests) / 10_000)} s (600 s per 10,000, pro rata)`,
      met: elapsedMs / 1000 <= (600 * requests) / 10_000,
    },
    {
      name: 'per request',
      value: elapsedMs / requests,
      unit: 'ms',
      baseline: { name: 'per empty job', value: baselineMs / requests },
    },
  ],
  [
    `Scale: ${requests} requests over ${customers} shop customers (each with addresses, orders, items, events; odd ones a cake design). PostgreSQL for Amana and the shop.`,
  ],
)
