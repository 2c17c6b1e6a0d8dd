/**
 * Issue 12, the tester's evidence: `amana start` and `amana worker` on one embedded data directory
 * both opened it and data keys were lost. Now the second process is refused, saying why and what to do.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'

const main = fileURLToPath(new URL('../../packages/amana/src/cli/main.ts', import.meta.url))

const run = (args: string[]) =>
  spawn(process.execPath, [main, ...args], {
    env: { PATH: process.env.PATH ?? '', AMANA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

test('amana worker on the data directory amana start holds is refused with DATA_DIR_LOCKED; the server keeps serving', async (t) => {
  const dataDir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'amana-lock-'))
  const port = await freePort()
  const server: ChildProcess = run(['start', '--demo', '--data-dir', dataDir, '--port', String(port)])
  t.after(
    () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve()
        server.once('exit', () => resolve())
        server.kill('SIGTERM')
      }),
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    server.stdout?.on('data', (d: Buffer) => {
      out += d
      if (out.includes('Press Ctrl+C to stop.')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`amana start exited (${code}): ${out}`)))
  })

  const worker = run(['worker', '--demo', '--data-dir', dataDir])
  let stderr = ''
  worker.stderr?.on('data', (d: Buffer) => (stderr += d))
  const code = await new Promise<number | null>((resolve) => worker.once('exit', resolve))
  assert.equal(code, 1, stderr)
  assert.match(stderr, /is open in another Amana process/)
  assert.match(stderr, /AMANA_DATABASE_URL and AMANA_KEYSTORE_URL/, 'says how to run several processes')
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace')

  const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
  assert.equal(ready.status, 200, 'the server that holds the directory still answers')
})
