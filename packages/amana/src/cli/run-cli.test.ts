import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { captureCliIo as capture } from '../testing/cli-io.ts'
import { runCli } from './run-cli.ts'

const main = fileURLToPath(new URL('./main.ts', import.meta.url))

/** Runs the real CLI as a child process, as an operator would. */
const amana = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [main, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })

test('every command has --help, and an unknown flag is a usage error (exit 2) naming the flag', async () => {
  for (const command of ['start', 'worker', 'migrate', 'version']) {
    const c = capture()
    assert.equal(await runCli([command, '--help'], c.io), 0)
    assert.match(c.out.join('\n'), new RegExp(`Usage: amana ${command}`))
  }
  const c = capture()
  assert.equal(await runCli(['start', '--prot', '3000'], c.io), 2)
  assert.deepEqual(c.err.length, 1)
  assert.match(c.err[0]!, /--prot/)
})

test('worker offers no HTTP flags: its help omits --port/--host, and --port is a usage error naming the flag', async () => {
  const help = capture()
  assert.equal(await runCli(['worker', '--help'], help.io), 0)
  const text = help.out.join('\n')
  assert.match(text, /--database-url/)
  assert.doesNotMatch(text, /--port|--host/)
  const c = capture()
  assert.equal(await runCli(['worker', '--port', '1'], c.io), 2)
  assert.equal(c.err.length, 1)
  assert.match(c.err[0]!, /--port/)
  const start = capture()
  assert.equal(await runCli(['start', '--help'], start.io), 0)
  assert.match(start.out.join('\n'), /--port/)
})

test('an unknown command is a usage error', async () => {
  const c = capture()
  assert.equal(await runCli(['strat'], c.io), 2)
  assert.match(c.err[0]!, /unknown command "strat"/)
})

test('malformed environment values give one clear message per variable and exit 1, without a stack trace', async () => {
  const result = await amana(['migrate'], {
    AMANA_PORT: '99999',
    AMANA_MODE: 'demo',
    AMANA_DATA_DIR: join(process.env.AMANA_TEST_TMP ?? '/tmp', 'cli-env'),
  })
  assert.equal(result.code, 1)
  assert.match(result.stderr, /AMANA_PORT: .*99999.*Example: AMANA_PORT=3000/)
  assert.doesNotMatch(result.stderr, /\n\s+at /)
})

// The 5-second bound itself is asserted in platform/db/database.test.ts; here, the operator's view.
test('an unreachable database is one clear line naming the host, exit 1', async () => {
  const result = await amana([
    'migrate',
    '--database-url',
    'postgres://amana:pw@127.0.0.1:1/amana',
    '--demo',
    '--data-dir',
    join(process.env.AMANA_TEST_TMP ?? '/tmp', 'cli-db'),
  ])
  assert.equal(result.code, 1)
  assert.match(result.stderr, /127\.0\.0\.1:1/)
  assert.doesNotMatch(result.stderr, /\n\s+at /)
})

test('a data dir that cannot be written is one clear line, exit 1', async () => {
  const result = await amana(['migrate', '--demo', '--data-dir', '/dev/null/amana'])
  assert.equal(result.code, 1)
  assert.match(result.stderr, /AMANA_DATA_DIR: .*not writable/)
})

test('a port in use is one clear line naming the port and the fix, exit 1', async () => {
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  const port = (blocker.address() as { port: number }).port
  try {
    const result = await amana(
      [
        'start',
        '--demo',
        '--port',
        String(port),
        '--data-dir',
        join(process.env.AMANA_TEST_TMP ?? '/tmp', `cli-port-${port}`),
      ],
      { AMANA_LOG_LEVEL: 'silent' },
    )
    assert.equal(result.code, 1)
    assert.match(result.stderr, new RegExp(`Port ${port} .* already in use.*--port`))
    assert.doesNotMatch(result.stderr, /\n\s+at /)
  } finally {
    blocker.close()
  }
})

test('version prints the Amana and Node versions', async () => {
  const c = capture()
  assert.equal(await runCli(['version'], c.io), 0)
  assert.match(c.out[0]!, /^amana \d+\.\d+\.\d+ \(node 2[2-9]\./)
})
