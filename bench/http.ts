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

const duration = Number(process.env.BENCH_SECONDS ?? 5)
const load = (url: string) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, connections: 10, duration, pipelining: 1 }, (err, res) =>
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

await load(`${bareUrl}/empty`) // warm-up both
await load(`${amanaUrl}/healthz`)
const baseline = await load(`${bareUrl}/empty`)
const healthz = await load(`${amanaUrl}/healthz`)

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
    `autocannon, 10 connections, ${duration} s each, after a warm-up run; Amana with its full hook chain (security headers, request ids, metrics, production logging at info).`,
  ],
)
