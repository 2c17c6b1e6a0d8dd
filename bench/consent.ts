/**
 * Consent: decide() over HTTP against an empty Fastify route (same process, same load, same run),
 * on PGlite and PostgreSQL. Recording throughput is bench/consent-recording.ts.
 * Run: npx node bench/consent.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { pino } from 'pino'
import { createLogger } from '../packages/amana/src/platform/logging/index.ts'
import { addMember, staffAccessFor } from '../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../packages/amana/src/testing/test-app.ts'
import { type BenchRow, writeResults } from './lib.ts'

// Many short alternating rounds: on a shared 2-core machine one pair of runs can swing by ±25 %,
// and the median of 15 pairs moves far less than that of 5 longer ones.
const duration = Number(process.env.BENCH_SECONDS ?? 2)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const subjects = 1000
const rounds = Number(process.env.BENCH_ROUNDS ?? 15)

const load = (
  url: string,
  paths: readonly string[],
  headers: Record<string, string> = {},
  seconds = duration,
) => {
  let i = 0
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 10,
        duration: seconds,
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

for (const engine of (process.env.BENCH_ENGINES?.split(',') ?? ['pglite', 'postgres']) as (
  | 'pglite'
  | 'postgres'
)[]) {
  if (engine === 'postgres') process.env.TEST_DATABASE_URL = pgUrl
  else delete process.env.TEST_DATABASE_URL
  // The whole application, as `amana start` serves it, with production logging (info, asynchronous)
  // into /dev/null, and a real API key the way a shop's backend calls it.
  const t = await createTestApp({
    logger: createLogger({
      level: 'info',
      destination: pino.destination({ dest: '/dev/null', sync: false }),
    }),
  })
  const owner = await addMember(t, 'owner')
  const created = await staffAccessFor(t).createApiKey(
    { id: owner.id, role: 'owner', permissions: new Set(['decisions:read', 'consent:write']) },
    { name: 'bench backend', scopes: ['decisions:read', 'consent:write'] },
  )
  if (!created.ok) throw new Error('could not create the API key')
  const auth = { authorization: `Bearer ${created.key}` }
  // Every subject has a record: each decision reads a real projected state.
  for (let s = 0; s < subjects; s += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/consent/records',
          headers: auth,
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
  // Warm-up (compiled code, caches): 5 s each.
  await load(bareUrl, ['/empty'], {}, 5)
  await load(url, paths, auth, 5)
  // Alternating rounds (the order flips each round); the round with the median ratio is reported.
  const measured: { baseline: autocannon.Result; decide: autocannon.Result; ratio: number }[] = []
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0
    const b1 = first ? await load(bareUrl, ['/empty']) : undefined
    const d = await load(url, paths, auth)
    const b = b1 ?? (await load(bareUrl, ['/empty']))
    measured.push({ baseline: b, decide: d, ratio: d.requests.average / b.requests.average })
  }
  measured.sort((a, b) => a.ratio - b.ratio)
  const { baseline, decide, ratio } = measured[Math.floor(measured.length / 2)]!
  notes.push(
    `${engine}: ratios of the ${rounds} rounds ${measured.map((m) => m.ratio.toFixed(2)).join(', ')}; decide p99 per round ${measured.map((m) => m.decide.latency.p99).join(', ')} ms.`,
  )
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

  await t.close()
}
await bare.close()

writeResults('consent', 'Consent: decisions over HTTP', rows, [
  ...notes,
  `autocannon, 10 connections, ${duration} s each after a 5 s warm-up of each, ${rounds} alternating rounds, the median round reported; load generator, empty route and Amana share one process on this machine.`,
  `decide: GET /v1/decisions for ${subjects} different subjects in rotation, each with a recorded choice; the whole application with its full hook chain (security headers, request ids, metrics, API-key authentication with a real key), production logging at info into /dev/null (the decisions routes log warnings and errors only: docs/consent.md).`,
  'decide reads the projection through an in-memory cache that is only used while a LISTEN connection is up (NOTIFY on every append); without it, one indexed query per decision.',
])
