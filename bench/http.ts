/**
 * /healthz throughput against an empty Fastify route, out of process (target ≥ 0.8×): each server
 * in its own process on core 1, wrk on core 0 (bench/_out-of-process.ts), alternating rounds.
 * BENCH_SECONDS per run (default 5), BENCH_ROUNDS (default 9), BENCH_WARMUP seconds (default 5).
 */
import { alternate, loadAverage, startServer, summarise } from './_out-of-process.ts'
import { writeResults } from './lib.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 9)
const warmup = Number(process.env.BENCH_WARMUP ?? 5)

const loadBefore = loadAverage()
const [bare, amana] = await Promise.all([startServer('empty'), startServer('amana', { SUBJECTS: '0' })])
let measured: ReturnType<typeof alternate>
try {
  measured = alternate(
    { name: 'empty', server: bare, paths: { kind: 'fixed', path: '/empty' } },
    [{ name: 'healthz', server: amana, paths: { kind: 'fixed', path: '/healthz' } }],
    rounds,
    seconds,
    warmup,
  )
} finally {
  bare.stop()
  amana.stop()
}
const s = summarise('empty', 'healthz', measured)
writeResults(
  'http',
  'HTTP: /healthz against an empty Fastify route (out of process)',
  [
    {
      name: '/healthz throughput (median round)',
      value: s.requestsPerSecond,
      unit: 'req/s',
      baseline: { name: 'empty Fastify route', value: s.baselineRequestsPerSecond },
      target: '≥ 0.8× baseline',
      met: s.ratio >= 0.8,
    },
    {
      name: "/healthz p99 latency (median of the rounds' p99)",
      value: s.p99Ms,
      unit: 'ms',
      baseline: { name: 'empty Fastify route', value: s.baselineP99Ms },
    },
  ],
  [
    `median ratio of the rounds ${s.ratio.toFixed(2)} (round ${s.medianRound}) (range ${s.ratioMin.toFixed(2)}–${s.ratioMax.toFixed(2)}); ratios per round ${measured.map((r) => ((r.runs.healthz?.requestsPerSecond ?? 0) / (r.runs.empty?.requestsPerSecond ?? 1)).toFixed(2)).join(', ')}; worst /healthz p99 ${s.p99MsMax} ms; non-2xx ${s.non2xx}.`,
    `wrk -t1 -c10 pinned to core 0, each server in its own Node process pinned to core 1; ${warmup} s warm-up of each, then ${rounds} alternating rounds of ${seconds} s (order flipped each round). Load average before: ${loadBefore}; after: ${loadAverage()}.`,
  ],
  measured,
)
