import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/** One labelled series of the request-duration histogram, resolved once and kept by the caller. */
export interface DurationSeries {
  observe(seconds: number): void
}

/** One registry per server instance, so tests and several servers in one process do not collide. */
export const createMetrics = () => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'amana_' })
  const httpDuration = new Histogram({
    name: 'amana_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  })
  const errors = new Counter({
    name: 'amana_http_errors_total',
    help: 'Responses with status ≥ 500',
    labelNames: ['route'] as const,
    registers: [registry],
  })
  return { registry, httpDuration, errors }
}

export type Metrics = ReturnType<typeof createMetrics>
