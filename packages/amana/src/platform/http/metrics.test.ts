import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createMetrics } from './metrics.ts'

test('request durations are exposed as a Prometheus histogram: cumulative buckets, sum and count per series', async () => {
  const { registry, httpDuration } = createMetrics()
  const ok = httpDuration.labels({ method: 'GET', route: '/v1/decisions', status: '200' })
  for (const seconds of [0.0004, 0.001, 0.003, 0.2, 7]) ok.observe(seconds)
  // Resolving the same labels again continues the same series.
  httpDuration.labels({ method: 'GET', route: '/v1/decisions', status: '200' }).observe(0.002)
  httpDuration.labels({ method: 'POST', route: '/v1/consent/records', status: '400' }).observe(0.02)

  const text = await registry.getSingleMetricAsString('amana_http_request_duration_seconds')
  const line = (le: string) =>
    new RegExp(
      `^amana_http_request_duration_seconds_bucket\\{le="${le}",method="GET",route="/v1/decisions",status="200"\\} (\\d+)$`,
      'm',
    ).exec(text)?.[1]
  assert.match(text, /^# TYPE amana_http_request_duration_seconds histogram$/m)
  // 0.001 is in the 0.001 bucket (le is "less than or equal"); buckets count everything below them.
  assert.deepEqual(['0.001', '0.005', '0.01', '0.05', '0.1', '0.5', '1', '5', '\\+Inf'].map(line), [
    '2',
    '4',
    '4',
    '4',
    '4',
    '5',
    '5',
    '5',
    '6',
  ])
  assert.match(
    text,
    /^amana_http_request_duration_seconds_count\{method="GET",route="\/v1\/decisions",status="200"\} 6$/m,
  )
  const sum = /_sum\{method="GET",route="\/v1\/decisions",status="200"\} ([\d.]+)$/m.exec(text)?.[1]
  assert.ok(Math.abs(Number(sum) - 7.2064) < 1e-9, `sum ${sum}`)
  assert.match(text, /_count\{method="POST",route="\/v1\/consent\/records",status="400"\} 1$/m)

  registry.resetMetrics()
  const reset = await registry.getSingleMetricAsString('amana_http_request_duration_seconds')
  assert.doesNotMatch(reset, /_count\{method="GET",route="\/v1\/decisions",status="200"\} [1-9]/m)
  ok.observe(0.003)
  assert.match(
    await registry.metrics(),
    /_count\{method="GET",route="\/v1\/decisions",status="200"\} 1$/m,
    'a series kept by its caller still counts after a reset',
  )
})
