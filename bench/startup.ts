/**
 * Start-to-ready: from spawning `amana start` to /readyz answering 200, on an existing embedded data
 * dir (target ≤ 2.5 s) and on PostgreSQL (target ≤ 1 s). Baseline in the same run: spawning Node
 * with an empty Fastify server until it answers.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { writeResults } from './lib.ts'

const main = join(import.meta.dirname, '..', 'packages', 'amana', 'src', 'cli', 'main.ts')
const runs = Number(process.env.BENCH_RUNS ?? 5)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const timeToReady = async (args: string[], url: string, env: Record<string, string> = {}) => {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, AMANA_LOG_LEVEL: 'warn', ...env },
  })
  const exited = new Promise((r) => child.once('exit', r))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${args.join(' ')}`)
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) return performance.now() - started
      if (performance.now() - started > 30_000) throw new Error(`not ready: ${args.join(' ')}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
// Below the ephemeral range (32768+), where other processes get their port-0 listeners.
let port = 20_000 + Math.floor(Math.random() * 10_000)
const measure = async (
  make: (port: number) => { args: string[]; url: string; env?: Record<string, string> },
) => {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const p = port++
    const { args, url, env } = make(p)
    times.push(await timeToReady(args, url, env))
  }
  return median(times)
}

const bareServer = (p: number) => ({
  args: [
    '--input-type=module',
    '-e',
    `import Fastify from 'fastify'; const a = Fastify(); a.get('/', async () => 'ok'); await a.listen({ port: ${p}, host: '127.0.0.1' })`,
  ],
  url: `http://127.0.0.1:${p}/`,
})

const dataDir = mkdtempSync(join(tmpdir(), 'amana-bench-'))
await timeToReady(
  [main, 'start', '--demo', '--data-dir', dataDir, '--port', String(port)],
  `http://127.0.0.1:${port++}/readyz`,
) // first start creates and migrates

const baseline = await measure(bareServer)
const embedded = await measure((p) => ({
  args: [main, 'start', '--demo', '--data-dir', dataDir, '--port', String(p)],
  url: `http://127.0.0.1:${p}/readyz`,
}))

const benchDb = `amana_bench_${process.pid}`
const admin = new pg.Client({ connectionString: pgUrl })
await admin.connect()
await admin.query(`create database "${benchDb}"`)
const dbUrl = new URL(pgUrl)
dbUrl.pathname = `/${benchDb}`
await timeToReady(
  [
    main,
    'start',
    '--demo',
    '--data-dir',
    dataDir,
    '--database-url',
    dbUrl.toString(),
    '--port',
    String(port),
  ],
  `http://127.0.0.1:${port++}/readyz`,
)
const postgres = await measure((p) => ({
  args: [
    main,
    'start',
    '--demo',
    '--data-dir',
    dataDir,
    '--database-url',
    dbUrl.toString(),
    '--port',
    String(p),
  ],
  url: `http://127.0.0.1:${p}/readyz`,
}))
await admin.query(`drop database "${benchDb}" with (force)`)
await admin.end()
rmSync(dataDir, { recursive: true, force: true })

writeResults(
  'startup',
  'Start to ready',
  [
    {
      name: 'embedded (existing data dir)',
      value: embedded,
      unit: 'ms',
      baseline: { name: 'node + empty Fastify', value: baseline },
      target: '≤ 2500 ms',
      met: embedded <= 2500,
    },
    {
      name: 'PostgreSQL',
      value: postgres,
      unit: 'ms',
      baseline: { name: 'node + empty Fastify', value: baseline },
      target: '≤ 1000 ms',
      met: postgres <= 1000,
    },
  ],
  [
    `Median of ${runs} starts each; time from spawn to the first 200 from /readyz (or / for the baseline), polled every 10 ms.`,
  ],
)
