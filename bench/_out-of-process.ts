/**
 * Out-of-process HTTP measurement: each server runs in its own process pinned to core 1
 * (`taskset -c 1`), the load comes from wrk pinned to core 0, so the load generator never takes the
 * measured server's CPU. A baseline and the routes under test are measured in alternating rounds
 * (the order flips each round); every round is kept, the median ratio is reported with its range.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface Server {
  readonly url: string
  readonly headers: Record<string, string>
  stop(): void
}

const serverCore = process.env.BENCH_SERVER_CORE ?? '1'
const loadCore = process.env.BENCH_LOAD_CORE ?? '0'

/** Starts bench/_http-server.ts KIND in its own process on the server core; resolves when it listens. */
export const startServer = (kind: 'empty' | 'amana', env: Record<string, string> = {}): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      'taskset',
      ['-c', serverCore, process.execPath, join(import.meta.dirname, '_http-server.ts'), kind],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    child.on('exit', (code) => reject(new Error(`server ${kind} exited (${code}) before listening`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const { url, headers } = JSON.parse(line) as { url: string; headers: Record<string, string> }
      resolve({ url, headers, stop: () => child.kill('SIGTERM') })
    })
  })

export interface Run {
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly non2xx: number
}

/**
 * A path per request: `fixed` repeats one path; `rotate` cycles through n; `fresh` never repeats.
 * With `pauseMs`, each connection waits that long after a response before its next request (wrk's
 * `delay()`): a steady load the server is not saturated by, instead of as many requests as it takes.
 */
export type Paths = (
  | { readonly kind: 'fixed'; readonly path: string }
  | { readonly kind: 'rotate'; readonly prefix: string; readonly n: number; readonly suffix: string }
  | { readonly kind: 'fresh'; readonly prefix: string; readonly suffix: string }
) & { readonly pauseMs?: number }

const luaString = (s: string) => JSON.stringify(s)
const script = (paths: Paths, headers: Record<string, string>) => {
  const nonce = randomBytes(6).toString('hex')
  const path =
    paths.kind === 'fixed'
      ? luaString(paths.path)
      : paths.kind === 'rotate'
        ? `${luaString(paths.prefix)} .. (counter % ${paths.n}) .. ${luaString(paths.suffix)}`
        : `${luaString(`${paths.prefix}${nonce}-`)} .. counter .. ${luaString(paths.suffix)}`
  return [
    ...Object.entries(headers).map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`),
    'counter = 0',
    'request = function()',
    '  counter = counter + 1',
    `  return wrk.format("GET", ${path})`,
    'end',
    ...(paths.pauseMs ? [`delay = function() return ${Number(paths.pauseMs)} end`] : []),
  ].join('\n')
}

const toMs = (value: string, unit: string) =>
  Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1)

const wrkArgs = (server: Server, paths: Paths, seconds: number) => {
  const file = join(tmpdir(), `amana-bench-${process.pid}-${randomBytes(4).toString('hex')}.lua`)
  writeFileSync(file, script(paths, server.headers))
  return ['-c', loadCore, 'wrk', '-t1', '-c10', `-d${seconds}s`, '--latency', '-s', file, server.url]
}

const parseWrk = (out: string): Run => {
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out)
    if (!m) throw new Error(`wrk printed no ${p}th percentile:\n${out}`)
    return toMs(m[1] as string, m[2] as string)
  }
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out)
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${out}`)
  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
  }
}

/** wrk, one thread, 10 connections, pinned to the load core. */
export const load = (server: Server, paths: Paths, seconds: number): Run =>
  parseWrk(execFileSync('taskset', wrkArgs(server, paths, seconds), { encoding: 'utf8' }))

/** The same load without blocking this process, for measuring while it does other work (a sweep). */
export const loadInBackground = (server: Server, paths: Paths, seconds: number): Promise<Run> =>
  new Promise((resolve, reject) =>
    execFile('taskset', wrkArgs(server, paths, seconds), { encoding: 'utf8' }, (error, out) =>
      error ? reject(error) : resolve(parseWrk(out)),
    ),
  )

/**
 * The same load for as long as something else runs: started now, stopped by `stop()` (wrk prints
 * its figures on SIGINT), so the measured window is exactly that other work's.
 */
export const loadUntilStopped = (server: Server, paths: Paths): { stop(): Promise<Run> } => {
  const child = spawn('taskset', wrkArgs(server, paths, 3600), { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    async stop() {
      child.kill('SIGINT')
      await ended
      return parseWrk(out)
    },
  }
}

export interface Target {
  readonly name: string
  readonly server: Server
  readonly paths: Paths
}

export interface Round {
  readonly round: number
  readonly order: readonly string[]
  readonly runs: Record<string, Run>
}

/** Warm-up of each, then `rounds` rounds measuring the baseline and every target, order flipped each round. */
export const alternate = (
  baseline: Target,
  targets: readonly Target[],
  rounds: number,
  seconds: number,
  warmupSeconds: number,
): Round[] => {
  for (const t of [baseline, ...targets]) load(t.server, t.paths, warmupSeconds)
  const result: Round[] = []
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [baseline, ...targets] : [...targets].reverse().concat(baseline)
    const runs: Record<string, Run> = {}
    for (const t of order) runs[t.name] = load(t.server, t.paths, seconds)
    result.push({ round: r + 1, order: order.map((t) => t.name), runs })
  }
  return result
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/**
 * Per target: the round with the median throughput ratio to the baseline measured in the same round
 * (its figures are reported, so the table's ratio is that median), the range of ratios, and p99.
 */
export const summarise = (baseline: string, target: string, rounds: readonly Round[]) => {
  const ratioOf = (r: Round) =>
    (r.runs[target]?.requestsPerSecond ?? 0) / (r.runs[baseline]?.requestsPerSecond ?? 1)
  const sorted = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b))
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]
  if (!mid) throw new Error('no rounds measured')
  const ratios = rounds.map(ratioOf)
  const p99s = rounds.map((r) => r.runs[target]?.p99Ms ?? 0)
  return {
    ratio: ratioOf(mid),
    medianRound: mid.round,
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    requestsPerSecond: mid.runs[target]?.requestsPerSecond ?? 0,
    baselineRequestsPerSecond: mid.runs[baseline]?.requestsPerSecond ?? 0,
    p99Ms: median(p99s),
    p99MsMax: Math.max(...p99s),
    baselineP99Ms: median(rounds.map((r) => r.runs[baseline]?.p99Ms ?? 0)),
    non2xx: rounds.reduce((n, r) => n + (r.runs[target]?.non2xx ?? 0), 0),
  }
}

export const loadAverage = () => execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim()
