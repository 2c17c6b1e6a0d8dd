/**
 * Retention sweep at scale, on PostgreSQL: Amana's sweep (the retention service the app assembles,
 * the same `sweep()` the `retention.sweep` job calls: planner, due keys, the erasure planner per
 * batch, progress and lease) against hand-written set-based SQL doing the same anonymisations and
 * deletes in batches of the same size, on identical data, in the same run.
 *
 *   npm run bench -- retention-sweep
 *   node bench/retention-sweep.ts [--rows 50000000] [--due 10000000] [--batch 5000] [--rounds 2]
 *     [--pg postgres://postgres@127.0.0.1:5432/test] [--no-load] [--pause-ms 0]
 *
 * The shop (test/fixtures/retention-shop.ts): customers, orders → order lines, designs → uploads,
 * events, with real foreign keys; generated once set-based (generate_series into plain logged
 * tables, keys and indexes after the load), then cloned per side and round from that template
 * database, so both sides start from the same bytes. Each batch's transaction is timed on both
 * sides (the longest is the longest any lock is held). Consent decisions' p99 is measured from a
 * separate process (wrk against an Amana server in its own process, bench/_out-of-process.ts)
 * without a sweep, during Amana's sweep and during the hand-written one: both sides run under the
 * same load, so the ratio compares them on equally shared cores. The two sides' end states are compared table by table
 * (row counts and an md5 of every row) at scales up to 1,000,000 rows.
 * Results: bench/results/retention-sweep.{json,md}, written by this script alone.
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import type { Connector } from '../packages/amana/src/connectors/index.ts'
import { createRetention, type ShopSystemsPort } from '../packages/amana/src/retention/index.ts'
import { createTestApp, createTestConfig } from '../packages/amana/src/testing/test-app.ts'
import {
  fillRetentionShop,
  retentionShopDigest,
  retentionShopEnv,
  retentionShopLoadedManifest,
  retentionShopSizes,
} from '../test/fixtures/retention-shop.ts'
import {
  loadAverage,
  loadInBackground,
  loadUntilStopped,
  type Run,
  type Server,
  startServer,
} from './_out-of-process.ts'
import { type BenchRow, writeResults } from './lib.ts'

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '50000000' },
    due: { type: 'string', default: '10000000' },
    batch: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '2' },
    pg: {
      type: 'string',
      default: process.env.AMANA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    'no-load': { type: 'boolean', default: false },
    'pause-ms': { type: 'string', default: '0' },
  },
})
const rows = Number(args.rows)
const due = Number(args.due)
const batch = Number(args.batch)
const rounds = Number(args.rounds)
const server = args.pg
const FULL = { rows: 50_000_000, due: 10_000_000 }
const now = new Date()
const template = `amana_bench_rshop_${process.pid}`

const urlOf = (name: string) => {
  const u = new URL(server)
  u.pathname = `/${name}`
  return u.toString()
}

const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: server })
  await c.connect()
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

const withShop = async <T>(name: string, work: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: urlOf(name) })
  await c.connect()
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

/** The template shop: generated set-based, keys and indexes after the load. */
const generate = async (): Promise<number> => {
  const started = performance.now()
  await admin((c) => c.query(`create database ${template}`))
  await withShop(template, async (c) => {
    // Index builds after the load: memory for the sorts, parallel workers where the server allows.
    await c.query(`set maintenance_work_mem = '1GB'`)
    await fillRetentionShop((t, p) => c.query(t, p), rows, due, now)
    // The visibility map set once, as a live shop's is; every clone copies it with the files.
    await c.query('vacuum analyze')
  })
  return (performance.now() - started) / 1000
}

const clone = async (name: string) => {
  await admin((c) => c.query(`create database ${name} template ${template}`))
  // A clone carries the template's statistics but not the cumulative ones: analyze keeps the plans.
  await withShop(name, (c) => c.query('analyze'))
}
const drop = (name: string) => admin((c) => c.query(`drop database if exists ${name} with (force)`))

type Timing = {
  seconds: number
  /** The batch transactions' time alone: the rest is start-up (pre-flight, lease, freezes) and cursors. */
  batchSeconds: number
  batches: number
  longestMs: number
  p99Ms: number
  changed: number
}

const summariseBatches = (ms: number[], seconds: number, changed: number): Timing => {
  const sorted = [...ms].sort((a, b) => a - b)
  return {
    seconds,
    batchSeconds: ms.reduce((n, x) => n + x, 0) / 1000,
    batches: ms.length,
    longestMs: sorted[sorted.length - 1] ?? 0,
    p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
    changed,
  }
}

/** The shop's connectors with each erase (one batch, one transaction) timed. */
const timed = (shop: ShopSystemsPort, ms: number[]): ShopSystemsPort => {
  const wrap = (connector: Connector): Connector => ({
    ...connector,
    async erase(subject, options) {
      const started = performance.now()
      const outcome = await connector.erase(subject, options)
      ms.push(performance.now() - started)
      return outcome
    },
  })
  return {
    plan: shop.plan,
    open(plan) {
      const opened = shop.open(plan)
      const connectors = new Map([...opened.connectors].map(([name, c]) => [name, wrap(c)]))
      return { ...opened, connectors, close: () => opened.close() }
    },
  }
}

/**
 * Amana's sweep over the shop `name`, as the retention.sweep job runs it; `started` is told when
 * the app is up and the sweep begins (the consent load starts then, not during the app's setup).
 */
const amanaSweep = async (name: string, started: () => void = () => {}): Promise<Timing> => {
  process.env.TEST_DATABASE_URL = server
  const app = await createTestApp({
    manifest: retentionShopLoadedManifest(),
    env: { [retentionShopEnv]: urlOf(name) },
    config: createTestConfig({ AMANA_RETENTION_BATCH_SIZE: String(batch) }),
  })
  try {
    const deps = app.services.retention.deps
    if (!deps.shop) throw new Error('the manifest names no reachable shop')
    const ms: number[] = []
    const retention = createRetention({ ...deps, shop: timed(deps.shop, ms) })
    started()
    const at = performance.now()
    const report = await retention.sweep({ trigger: 'bench' })
    const seconds = (performance.now() - at) / 1000
    if (report.status !== 'completed') throw new Error(`sweep ${report.status}: ${report.error ?? ''}`)
    const changed = report.counts.reduce((n, c) => n + c.rows, 0)
    return summariseBatches(ms, seconds, changed)
  } finally {
    await app.close()
  }
}

/**
 * The baseline: what a developer would write by hand. Per rule, batches of `batch` due keys in key
 * order, each batch one transaction: orders anonymised (email and customer link set to NULL),
 * designs deleted with their uploads, events deleted.
 */
const handSweep = async (name: string): Promise<Timing> =>
  withShop(name, async (c) => {
    const ms: number[] = []
    let changed = 0
    const cut = (period: string) => `$1::timestamptz - interval '${period}'`
    const run = async (
      statements: (ids: string) => string[],
      table: string,
      column: string,
      period: string,
    ) => {
      let after = '0'
      for (;;) {
        const started = performance.now()
        await c.query('begin')
        const { rows: keys } = await c.query(
          `select id from ${table} where ${column} <= ${cut(period)} and id > $2 order by id limit ${batch} for update`,
          [now, after],
        )
        if (keys.length === 0) {
          await c.query('commit')
          break
        }
        const ids = `{${keys.map((k) => k.id).join(',')}}`
        for (const text of statements('$1::bigint[]')) changed += (await c.query(text, [ids])).rowCount ?? 0
        await c.query('commit')
        ms.push(performance.now() - started)
        after = String(keys[keys.length - 1]?.id)
      }
    }
    const started = performance.now()
    await run(
      (ids) => [
        `update orders set customer_email = null, customer_id = null where id = any(${ids}) and (customer_email is not null or customer_id is not null)`,
      ],
      'orders',
      'fulfilled_at',
      '7 years',
    )
    await run(
      (ids) => [
        `delete from uploads where design_id = any(${ids})`,
        `delete from designs where id = any(${ids})`,
      ],
      'designs',
      'fulfilled_at',
      '6 months',
    )
    await run((ids) => [`delete from events where id = any(${ids})`], 'events', 'occurred_at', '13 months')
    return summariseBatches(ms, (performance.now() - started) / 1000, changed)
  })

const pauseMs = Number(args['pause-ms'])
const decide = {
  kind: 'rotate' as const,
  prefix: '/v1/decisions?subject=account:',
  n: 1000,
  suffix: '&purpose=marketing&channel=email',
  ...(pauseMs > 0 ? { pauseMs } : {}),
}

type Round = {
  round: number
  order: string[]
  amana: Timing
  hand: Timing
  consentWithout?: Run | undefined
  consentDuring?: Run | undefined
  /** The same load during the hand-written sweep. */
  consentDuringHand?: Run | undefined
  sameEndState?: boolean
}

/**
 * Amana's sweep, with consent decisions measured from another process for exactly as long as it
 * runs, then the same load for as long again with no sweep.
 */
const amanaWithLoad = async (name: string, consent: Server | undefined) => {
  if (!consent) return { amana: await amanaSweep(name) }
  let during: { stop(): Promise<Run> } | undefined
  const amana = await amanaSweep(name, () => {
    during = loadUntilStopped(consent, decide)
  })
  const consentDuring = await (during as { stop(): Promise<Run> }).stop()
  const consentWithout = await loadInBackground(consent, decide, Math.max(2, Math.ceil(amana.seconds)))
  return { amana, consentWithout, consentDuring }
}

/**
 * The hand-written sweep under the same consent load as Amana's: the two cores are shared the same
 * way on both sides, and the decisions' p99 during it is what any sweep costs them on this machine.
 */
const handWithLoad = async (name: string, consent: Server | undefined) => {
  if (!consent) return { hand: await handSweep(name) }
  const during = loadUntilStopped(consent, decide)
  const hand = await handSweep(name)
  return { hand, consentDuringHand: await during.stop() }
}

const oneRound = async (r: number, consent: Server | undefined): Promise<Round> => {
  const a = `${template}_a${r}`
  const h = `${template}_h${r}`
  await clone(a)
  await clone(h)
  try {
    const order = r % 2 === 0 ? ['amana', 'hand'] : ['hand', 'amana']
    let measured: Awaited<ReturnType<typeof amanaWithLoad>> | undefined
    let hand: Awaited<ReturnType<typeof handWithLoad>> | undefined
    for (const side of order)
      if (side === 'amana') measured = await amanaWithLoad(a, consent)
      else hand = await handWithLoad(h, consent)
    if (!measured || !hand) throw new Error('a side did not run')
    const round: Round = { round: r + 1, order, ...measured, ...hand }
    // Compared where an md5 over every row is quick; the same code paths run at every scale.
    if (rows <= 1_000_000)
      round.sameEndState =
        JSON.stringify(await withShop(a, (c) => retentionShopDigest((t) => c.query(t)))) ===
        JSON.stringify(await withShop(h, (c) => retentionShopDigest((t) => c.query(t))))
    return round
  } finally {
    await drop(a)
    await drop(h)
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)] ?? 0

const report = (measured: Round[], generation: number, loadBefore: string) => {
  const ratios = measured.map((r) => r.amana.seconds / r.hand.seconds)
  const mid = measured[ratios.indexOf(median(ratios))] as Round
  const full = rows >= FULL.rows && due >= FULL.due
  const longest = Math.max(...measured.map((r) => r.amana.longestMs))
  const out: BenchRow[] = [
    {
      name: `Amana sweep, ${due.toLocaleString('en')} due of ${rows.toLocaleString('en')} rows (median round)`,
      value: mid.amana.seconds,
      unit: 's',
      baseline: {
        name: `hand-written set-based SQL, same batches${consent ? ', same consent load' : ''}`,
        value: mid.hand.seconds,
      },
      target: '≤ 1.5× baseline',
      met: mid.amana.seconds / mid.hand.seconds <= 1.5,
    },
    {
      name: 'Amana sweep, wall time',
      value: mid.amana.seconds,
      unit: 's',
      target: '≤ 180 s for 10M due of 50M',
      ...(full ? { met: mid.amana.seconds <= 180 } : {}),
    },
    {
      name: 'longest batch transaction (lock held), Amana, all rounds',
      value: longest,
      unit: 'ms',
      baseline: { name: 'hand-written', value: Math.max(...measured.map((r) => r.hand.longestMs)) },
      target: '≤ 1000 ms',
      met: longest <= 1000,
    },
  ]
  const loaded = measured.filter((r) => r.consentDuring && r.consentWithout)
  if (loaded.length > 0) {
    const p99 = median(loaded.map((r) => r.consentDuring?.p99Ms ?? 0))
    const p99Without = median(loaded.map((r) => r.consentWithout?.p99Ms ?? 0))
    out.push({
      name: 'consent decide p99 during a sweep (median of rounds)',
      value: p99,
      unit: 'ms',
      baseline: { name: 'same load, no sweep', value: p99Without },
      target: '≤ 1.2× baseline',
      met: p99 <= 1.2 * p99Without,
    })
    out.push({
      name: 'consent decide p99 during the hand-written sweep (median of rounds): what any sweep costs here',
      value: median(loaded.map((r) => r.consentDuringHand?.p99Ms ?? 0)),
      unit: 'ms',
      baseline: { name: 'same load, no sweep', value: p99Without },
    })
  }
  const s = retentionShopSizes(rows, due)
  writeResults(
    'retention-sweep',
    'Retention sweep on PostgreSQL: Amana against hand-written SQL',
    out,
    [
      `Scale: ${rows.toLocaleString('en')} rows (customers ${s.customers}, orders ${s.orders}, order lines ${s.lines}, designs ${s.designs}, uploads ${s.uploads}, events ${s.events}), ${due.toLocaleString('en')} due; batches of ${batch}; ${rounds} round(s), the side that runs first alternating.${full ? '' : ' Scaled down: the 3-minute target applies at 10M due of 50M, so it is not judged here.'}`,
      `Rows changed per round: Amana ${measured.map((r) => r.amana.changed).join(', ')}; hand-written ${measured.map((r) => r.hand.changed).join(', ')}. Same end state (row counts and an md5 of every row): ${measured.map((r) => r.sameEndState ?? 'not compared above 1M rows').join(', ')}.`,
      `Per round Amana/hand: ${measured.map((r) => `${r.amana.seconds.toFixed(2)} s / ${r.hand.seconds.toFixed(2)} s (${(r.amana.seconds / r.hand.seconds).toFixed(2)}×), in batch transactions ${r.amana.batchSeconds.toFixed(2)} s / ${r.hand.batchSeconds.toFixed(2)} s, ${r.amana.batches}/${r.hand.batches} batches, longest ${r.amana.longestMs.toFixed(0)}/${r.hand.longestMs.toFixed(0)} ms, p99 ${r.amana.p99Ms.toFixed(0)}/${r.hand.p99Ms.toFixed(0)} ms`).join('; ')}.`,
      ...(loaded.length > 0
        ? [
            `Consent load: wrk -t1 -c10 pinned to core 0 against an Amana server in its own process pinned to core 1 (its own database on the same PostgreSQL server), GET /v1/decisions over 1000 subjects${pauseMs > 0 ? `, each connection pausing ${pauseMs} ms after a response (a steady load below saturation)` : ', each connection sending its next request as soon as it is answered (saturating)'}, for exactly as long as each side's sweep runs (wrk stopped when it ends: both sides share the cores the same way), then as long as Amana's again (at least 2 s) with no sweep. Per round p99 without / during Amana's / during the hand-written: ${loaded.map((r) => `${r.consentWithout?.p99Ms}/${r.consentDuring?.p99Ms}/${r.consentDuringHand?.p99Ms} ms (${r.consentWithout?.requestsPerSecond}/${r.consentDuring?.requestsPerSecond}/${r.consentDuringHand?.requestsPerSecond} req/s)`).join('; ')}.`,
          ]
        : ['Consent load not measured (--no-load).']),
      `Generation (set-based, logged tables, keys and indexes after the load, then vacuum analyze): ${generation.toFixed(1)} s. Load average before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
    measured,
  )
}

const loadBefore = loadAverage()
const consent = args['no-load']
  ? undefined
  : await startServer('amana', { BENCH_ENGINE: 'postgres', BENCH_DATABASE_URL: server })
try {
  const generation = await generate()
  const measured: Round[] = []
  for (let r = 0; r < rounds; r++) measured.push(await oneRound(r, consent))
  report(measured, generation, loadBefore)
} finally {
  consent?.stop()
  await drop(template)
}
