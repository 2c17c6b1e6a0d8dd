/**
 * /healthz throughput against an empty Fastify route measured in the same run (target ≥ 0.8×).
 * Both servers run in this process on loopback, one at a time, with the same autocannon load.
 */
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { pino } from 'pino'
import { createLogger } from '../packages/amana/src/platform/logging/index.ts'
import { createTestApp } from '../packages/amana/src/testing/test-app.ts'
import { writeResults } from './lib.ts'

// Many short alternating rounds: on a shared 2-core machine one pair of runs can swing by ±25 %,
// and the median of 15 pairs moves far less than that of 5 longer ones.
const duration = Number(process.env.BENCH_SECONDS ?? 2)
const load = (url: string, seconds = duration) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, connections: 10, duration: seconds, pipelining: 1 }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  )

const bare = Fastify({ logger: false })
bare.get('/empty', async () => ({ status: 'ok' }))
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })

// Production logging (level info, asynchronous) into /dev/null: the cost of formatting is measured, not of a disk.
const amana = await createTestApp({
  logger: createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) }),
})
const amanaUrl = await amana.app.listen({ port: 0, host: '127.0.0.1' })

await load(`${bareUrl}/empty`, 5) // warm-up of both (compiled code, caches)
await load(`${amanaUrl}/healthz`, 5)
// Alternating rounds (the order flips each round); the round with the median ratio is reported.
const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
const measured: { baseline: autocannon.Result; healthz: autocannon.Result; ratio: number }[] = []
for (let r = 0; r < rounds; r++) {
  const b1 = r % 2 === 0 ? await load(`${bareUrl}/empty`) : undefined
  const h = await load(`${amanaUrl}/healthz`)
  const b = b1 ?? (await load(`${bareUrl}/empty`))
  measured.push({ baseline: b, healthz: h, ratio: h.requests.average / b.requests.average })
}
measured.sort((a, b) => a.ratio - b.ratio)
const { baseline, healthz } = measured[Math.floor(measured.length / 2)]!

await bare.close()
await amana.close()

const ratio = healthz.requests.average / baseline.requests.average
writeResults(
  'http',
  'HTTP: /healthz against an empty Fastify route',
  [
    {
      name: '/healthz throughput',
      value: healthz.requests.average,
      unit: 'req/s',
      baseline: { name: 'empty Fastify route', value: baseline.requests.average },
      target: '≥ 0.8× baseline',
      met: ratio >= 0.8,
    },
    {
      name: '/healthz p99 latency',
      value: healthz.latency.p99,
      unit: 'ms',
      baseline: { name: 'empty Fastify route', value: baseline.latency.p99 },
    },
  ],
  [
    `autocannon, 10 connections, ${duration} s each, after a 5 s warm-up of each, ${rounds} alternating rounds, the median round reported (ratios ${measured.map((m) => m.ratio.toFixed(2)).join(', ')}); Amana with its whole HTTP shell (request ids, metrics, permission check, production logger at info; /healthz, a machine endpoint, sends no browser security headers, and the probes share one logger at warn).`,
  ],
)
