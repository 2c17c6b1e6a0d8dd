/**
 * Consent: decide() over HTTP against an empty Fastify route (same process, same load, same run),
 * on PGlite and PostgreSQL. Recording throughput is bench/consent-recording.ts.
 * Run: npx node bench/consent.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 *
 * Each measurement runs in a fresh process holding one Amana and one empty Fastify, as a deployment
 * holds one Amana per process; BENCH_PROCESSES of them per engine (default 3), taking turns between
 * engines, each running BENCH_ROUNDS alternating pairs (default 5). Identical processes differ by
 * up to ±5 % here (code and data layout), so the median is taken over every pair of every process.
 */
import { execFileSync } from 'node:child_process'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { pino } from 'pino'
import { createLogger } from '../packages/amana/src/platform/logging/index.ts'
import { addMember, staffAccessFor } from '../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../packages/amana/src/testing/test-app.ts'
import { type BenchRow, writeResults } from './lib.ts'

type Engine = 'pglite' | 'postgres'
interface Pair {
  readonly baseline: number
  readonly decide: number
  readonly ratio: number
  readonly p99: number
  readonly baselineP99: number
  readonly non2xx: number
}

// Short alternating pairs: on a shared 2-core machine one pair of runs can swing by ±25 %, and the
// median of many short pairs moves far less than that of a few long ones.
const duration = Number(process.env.BENCH_SECONDS ?? 2)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const subjects = 1000
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const processes = Number(process.env.BENCH_PROCESSES ?? 3)

// Every request is built once, before the run: autocannon then cycles through the buffers. With a
// setupRequest hook it would rebuild each request as it is sent, and a decision (longer path, an
// Authorization header) costs the load generator about 6 µs more to build than the empty route's
// request, in this same process: a cost of the benchmark, not of the route.
const load = (
  url: string,
  paths: readonly string[],
  headers: Record<string, string> = {},
  seconds = duration,
) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 10,
        duration: seconds,
        pipelining: 1,
        headers,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  )

/** One process: the empty route and Amana on one engine, warmed up, then `rounds` alternating pairs. */
const measure = async (engine: Engine): Promise<Pair[]> => {
  const bare = Fastify({ logger: false })
  bare.get('/empty', async () => ({ status: 'ok' }))
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })
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
  const pairs: Pair[] = []
  for (let r = 0; r < rounds; r++) {
    const b1 = r % 2 === 0 ? await load(bareUrl, ['/empty']) : undefined
    const d = await load(url, paths, auth)
    const b = b1 ?? (await load(bareUrl, ['/empty']))
    pairs.push({
      baseline: b.requests.average,
      decide: d.requests.average,
      ratio: d.requests.average / b.requests.average,
      p99: d.latency.p99,
      baselineP99: b.latency.p99,
      non2xx: d.non2xx,
    })
  }
  await t.close()
  await bare.close()
  return pairs
}

const child = process.env.BENCH_CHILD_ENGINE as Engine | undefined
if (child) {
  // A measuring process: its pairs go to the parent as the last line of output.
  process.stdout.write(`\n${JSON.stringify(await measure(child))}\n`)
  process.exit(0)
}

const engines = (process.env.BENCH_ENGINES?.split(',') ?? ['pglite', 'postgres']) as Engine[]
const pairsOf = new Map<Engine, Pair[][]>(engines.map((e) => [e, []]))
for (let p = 0; p < processes; p++) {
  for (const engine of p % 2 === 0 ? engines : [...engines].reverse()) {
    const out = execFileSync(process.execPath, [import.meta.filename], {
      env: { ...process.env, BENCH_CHILD_ENGINE: engine },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    })
    const last = out.trim().split('\n').at(-1) ?? '[]'
    pairsOf.get(engine)?.push(JSON.parse(last) as Pair[])
  }
}

const rows: BenchRow[] = []
const notes: string[] = []
for (const engine of engines) {
  const perProcess = pairsOf.get(engine) ?? []
  const all = perProcess.flat().sort((a, b) => a.ratio - b.ratio)
  const median = all[Math.floor(all.length / 2)]
  if (!median) continue
  notes.push(
    `${engine}: ratios of the ${all.length} pairs ${all.map((m) => m.ratio.toFixed(2)).join(', ')}; per process (median) ${perProcess.map((ps) => [...ps].sort((a, b) => a.ratio - b.ratio)[Math.floor(ps.length / 2)]?.ratio.toFixed(2)).join(', ')}; decide p99 at most ${Math.max(...all.map((m) => m.p99))} ms.`,
  )
  rows.push({
    name: `decide over HTTP (${engine})`,
    value: median.decide,
    unit: 'req/s',
    baseline: { name: 'empty Fastify route', value: median.baseline },
    target: '≥ 0.7× baseline',
    met: median.ratio >= 0.7,
  })
  const worstP99 = Math.max(...all.map((m) => m.p99))
  rows.push({
    name: `decide p99 latency (${engine}, worst pair)`,
    value: worstP99,
    unit: 'ms',
    baseline: { name: 'empty Fastify route', value: median.baselineP99 },
    target: '≤ 10 ms',
    met: worstP99 <= 10,
  })
  const non2xx = all.reduce((n, m) => n + m.non2xx, 0)
  if (non2xx > 0) notes.push(`${engine}: ${non2xx} non-2xx answers during the decide runs`)
}

writeResults('consent', 'Consent: decisions over HTTP', rows, [
  ...notes,
  `autocannon, 10 connections, ${duration} s per run; ${processes} fresh processes per engine (taking turns between engines), each with one Amana and one empty Fastify, a 5 s warm-up of each, then ${rounds} alternating pairs; the pair with the median ratio over all processes is reported. Load generator, empty route and Amana share each process; every request is built once before the run (no per-request setupRequest).`,
  `decide: GET /v1/decisions for ${subjects} different subjects in rotation, each with a recorded choice; the whole application with its full hook chain (security headers, request ids, metrics, API-key authentication with a real key), production logging at info into /dev/null (the decisions routes log warnings and errors only: docs/consent.md).`,
  'decide reads the projection through an in-memory cache that is only used while a LISTEN connection is up (NOTIFY on every append); without it, one indexed query per decision.',
])
