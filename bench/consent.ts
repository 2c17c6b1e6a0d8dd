/**
 * Consent: decide() over HTTP against an empty Fastify route, out of process: each server in its
 * own process on core 1, wrk on core 0 (bench/_out-of-process.ts), alternating rounds, every round
 * kept. Recording throughput is bench/consent-recording.ts.
 *
 * - warm: GET /v1/decisions for SUBJECTS (1000) recorded subjects in rotation, answered from the
 *   in-memory projection cache (used while the LISTEN connection is up).
 * - cold: every request asks about a subject never asked before, so no cache can answer and each
 *   decision is an indexed read of the database (the subject has no record: the same query, no rows).
 *
 * BENCH_ENGINES (default postgres; also pglite), BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), BENCH_SECONDS per run (5), BENCH_ROUNDS (9), BENCH_WARMUP (5).
 */
import { alternate, loadAverage, type Round, startServer, summarise } from './_out-of-process.ts'
import { type BenchRow, writeResults } from './lib.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 9)
const warmup = Number(process.env.BENCH_WARMUP ?? 5)
const subjects = 1000
const engines = process.env.BENCH_ENGINES?.split(',') ?? ['postgres']
const query = '&purpose=marketing&channel=email'

const loadBefore = loadAverage()
const rows: BenchRow[] = []
const notes: string[] = []
const allRounds: Record<string, Round[]> = {}
for (const engine of engines) {
  const [bare, amana] = await Promise.all([
    startServer('empty'),
    startServer('amana', { BENCH_ENGINE: engine, SUBJECTS: String(subjects) }),
  ])
  let measured: Round[]
  try {
    measured = alternate(
      { name: 'empty', server: bare, paths: { kind: 'fixed', path: '/empty' } },
      [
        {
          name: 'decide-warm',
          server: amana,
          paths: { kind: 'rotate', prefix: '/v1/decisions?subject=account:', n: subjects, suffix: query },
        },
        {
          name: 'decide-cold',
          server: amana,
          paths: { kind: 'fresh', prefix: '/v1/decisions?subject=account:cold-', suffix: query },
        },
      ],
      rounds,
      seconds,
      warmup,
    )
  } finally {
    bare.stop()
    amana.stop()
  }
  allRounds[engine] = measured
  for (const [name, target] of [
    ['decide-warm', 0.7],
    ['decide-cold', 0.35],
  ] as const) {
    const s = summarise('empty', name, measured)
    rows.push({
      name: `${name} over HTTP (${engine}, median round)`,
      value: s.requestsPerSecond,
      unit: 'req/s',
      baseline: { name: 'empty Fastify route', value: s.baselineRequestsPerSecond },
      target: `≥ ${target}× baseline`,
      met: s.ratio >= target,
    })
    rows.push({
      name: `${name} p99 latency (${engine}, median of the rounds' p99)`,
      value: s.p99Ms,
      unit: 'ms',
      baseline: { name: 'empty Fastify route', value: s.baselineP99Ms },
      ...(name === 'decide-warm' ? { target: '≤ 10 ms', met: s.p99Ms <= 10 } : {}),
    })
    notes.push(
      `${engine} ${name}: median ratio ${s.ratio.toFixed(2)} (round ${s.medianRound}) (range ${s.ratioMin.toFixed(2)}–${s.ratioMax.toFixed(2)}); per round ${measured.map((r) => ((r.runs[name]?.requestsPerSecond ?? 0) / (r.runs.empty?.requestsPerSecond ?? 1)).toFixed(2)).join(', ')}; worst p99 ${s.p99MsMax} ms; non-2xx ${s.non2xx}.`,
    )
  }
}

writeResults(
  'consent',
  'Consent: decisions over HTTP (out of process)',
  rows,
  [
    ...notes,
    `wrk -t1 -c10 pinned to core 0; the empty Fastify route and Amana each in their own Node process pinned to core 1; ${warmup} s warm-up of each, then ${rounds} rounds of ${seconds} s, the empty route, warm and cold decide in alternating order (flipped each round). The ratio of a round is against the empty route measured in that round.`,
    `Amana: the whole application with its full hook chain and production logging at info into /dev/null, a real API key, ${subjects} subjects with a recorded choice. Load average before: ${loadBefore}; after: ${loadAverage()}.`,
  ],
  allRounds,
)
