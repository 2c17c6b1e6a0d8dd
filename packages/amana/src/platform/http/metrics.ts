import { Counter, collectDefaultMetrics, type Metric, Registry } from 'prom-client'

type DurationLabels = { readonly method: string; readonly route: string; readonly status: string }

/** One labelled series of a RouteHistogram, resolved once and kept by the caller. */
export interface DurationSeries {
  observe(seconds: number): void
}

/**
 * A Prometheus histogram of request durations by method, route and status, whose series are
 * resolved once and kept by the caller (the HTTP shell keeps one per route and status), so an
 * observation is a bucket search and three additions: no label hash, no allocation.
 * prom-client's own Histogram builds a label hash and a closure on every observe(), about 1 µs
 * on each request of the hottest routes. This one is registered in the same prom-client registry
 * and exposed in the same text format (`_bucket` with `le`, cumulative, then `_sum` and `_count`).
 */
export class RouteHistogram {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #bounds: readonly number[]
  readonly #series = new Map<string, { labels: DurationLabels; counts: Float64Array; sum: number }>()

  readonly name: string
  readonly help: string

  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name
    this.help = help
    this.#bounds = [...buckets].sort((a, b) => a - b)
  }

  series(labels: DurationLabels): DurationSeries {
    const key = `${labels.method}\u0000${labels.route}\u0000${labels.status}`
    let entry = this.#series.get(key)
    if (!entry) {
      // counts[i]: observations in bucket i alone (the last one is above every bound).
      entry = { labels: { ...labels }, counts: new Float64Array(this.#bounds.length + 1), sum: 0 }
      this.#series.set(key, entry)
    }
    const bounds = this.#bounds
    const series = entry
    return {
      observe(seconds) {
        let i = 0
        while (i < bounds.length && seconds > (bounds[i] as number)) i++
        series.counts[i] = (series.counts[i] as number) + 1
        series.sum += seconds
      },
    }
  }

  /** prom-client's metric contract: the values with their labels, buckets cumulative. */
  async get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = []
    for (const { labels, counts, sum } of this.#series.values()) {
      let cumulative = 0
      this.#bounds.forEach((le, i) => {
        cumulative += counts[i] as number
        values.push({ labels: { ...labels, le }, value: cumulative, metricName: `${this.name}_bucket` })
      })
      cumulative += counts[this.#bounds.length] as number
      values.push({ labels: { ...labels, le: '+Inf' }, value: cumulative, metricName: `${this.name}_bucket` })
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` })
      values.push({ labels: { ...labels }, value: cumulative, metricName: `${this.name}_count` })
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  reset() {
    for (const series of this.#series.values()) {
      series.counts.fill(0)
      series.sum = 0
    }
  }
}

/** One registry per server instance, so tests and several servers in one process do not collide. */
export const createMetrics = () => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'amana_' })
  const httpDuration = new RouteHistogram(
    'amana_http_request_duration_seconds',
    'HTTP request duration by route and status',
    [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  )
  // The registry asks a metric only for get(), reset() and its name (see RouteHistogram).
  registry.registerMetric(httpDuration as unknown as Metric)
  const errors = new Counter({
    name: 'amana_http_errors_total',
    help: 'Responses with status ≥ 500',
    labelNames: ['route'] as const,
    registers: [registry],
  })
  return { registry, httpDuration, errors }
}

export type Metrics = ReturnType<typeof createMetrics>
