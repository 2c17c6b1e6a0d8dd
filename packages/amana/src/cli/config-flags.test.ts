import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { captureCliIo } from '../testing/cli-io.ts'
import type { Command } from './cli-kit.ts'
import { commands } from './commands/index.ts'
import { runCli } from './run-cli.ts'

/**
 * "Flags that do not apply are not offered": every configuration flag a command's --help offers
 * must change what that command does. Each command is run with the flag pointed at something
 * broken, and must fail naming it; a command that ignored the flag would succeed or fail otherwise.
 */

const unreachable = 'postgres://127.0.0.1:1/amana-flag-probe'
const scratch = () => mkdtempSync(join(tmpdir(), 'amana-flags-'))

/** The other arguments each command needs to get as far as its configuration. */
const argsOf = (command: Command, dir: string): string[] => {
  const needs: Record<string, string[]> = {
    'policy diff': ['1', '2'],
    'staff create': ['--email', 'owner@rumrom.example', '--owner'],
    'api-key create': ['--name', 'shop', '--scope', 'consent:read'],
    'api-key revoke': ['no-such-key'],
    'audit export': ['--from', '2026-01-01', '--to', '2026-02-01', '--out', join(dir, 'export.json')],
  }
  return [...command.name.split(' '), ...(needs[command.name] ?? [])]
}

const offering = (flag: string) => commands.filter((c) => flag in c.options)
/** `--demo` where the command offers it (demo reset is always in demo mode). */
const demo = (command: Command) => ('demo' in command.options ? ['--demo'] : [])

const run = async (argv: string[], env: Record<string, string>) => {
  const { out, err, io } = captureCliIo(env)
  const code = await runCli(argv, io)
  return { code, text: [...out, ...err].join('\n') }
}

test('--database-url: every command that offers it connects there (a closed port is named)', async () => {
  const offered = offering('database-url')
  assert.ok(offered.length >= 10, 'the database commands offer --database-url')
  for (const command of offered) {
    const dir = scratch()
    const { code, text } = await run(
      [...argsOf(command, dir), '--database-url', unreachable, ...demo(command)],
      {
        AMANA_DATA_DIR: dir,
      },
    )
    assert.equal(code, 1, `amana ${command.name} --database-url: ${text}`)
    assert.match(text, /Cannot reach PostgreSQL at 127\.0\.0\.1:1/, `amana ${command.name}`)
  }
})

test('--data-dir: every command that offers it uses that directory (one it cannot write to is named)', async () => {
  const file = join(scratch(), 'not-a-directory')
  writeFileSync(file, '')
  for (const command of offering('data-dir')) {
    const dir = scratch()
    const { code, text } = await run(
      [...argsOf(command, dir), '--data-dir', join(file, 'data'), ...demo(command)],
      {},
    )
    assert.equal(code, 1, `amana ${command.name} --data-dir: ${text}`)
    assert.match(text, /AMANA_DATA_DIR: .*not-a-directory\/data is not writable/, `amana ${command.name}`)
  }
})

test('--demo: every command that offers it changes mode (without it, production asks for its secrets)', async () => {
  for (const command of offering('demo')) {
    const dir = scratch()
    const base = [...argsOf(command, dir), '--database-url', unreachable]
    const production = await run(base, { AMANA_DATA_DIR: dir })
    assert.equal(production.code, 1, `amana ${command.name}: ${production.text}`)
    assert.match(production.text, /configuration is invalid[\s\S]*AMANA_MASTER_KEY/, `amana ${command.name}`)
    const inDemo = await run([...base, '--demo'], { AMANA_DATA_DIR: dir })
    assert.match(inDemo.text, /Cannot reach PostgreSQL/, `amana ${command.name} --demo: ${inDemo.text}`)
  }
})

test('--manifest: only commands that read the manifest offer it, and each names a missing one', async () => {
  const offered = offering('manifest').map((c) => c.name)
  assert.deepEqual(offered.sort(), ['policy publish', 'retention plan', 'retention run', 'start', 'worker'])
  // start and worker run as child processes (below): in-process, an ignored flag would leave a server running.
  for (const name of ['policy publish', 'retention plan', 'retention run']) {
    const command = commands.find((c) => c.name === name)!
    const dir = scratch()
    const missing = join(dir, 'missing', 'amana.yaml')
    const { code, text } = await run([...argsOf(command, dir), '--manifest', missing, '--demo'], {
      AMANA_DATA_DIR: dir,
    })
    assert.equal(code, 1, `amana ${name} --manifest: ${text}`)
    assert.ok(text.includes(missing), `amana ${name} names the manifest it could not read: ${text}`)
  }
})

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** The real CLI as a child process, killed if it is still running after 60 s. */
const amana = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url))
    const child = spawn(process.execPath, [main, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  })

test('--manifest: start and worker name a manifest they cannot read, and exit 1', async () => {
  for (const name of ['start', 'worker']) {
    const dir = scratch()
    const missing = join(dir, 'missing', 'amana.yaml')
    const port = name === 'start' ? ['--port', String(await freePort())] : []
    const result = await amana([name, '--demo', '--data-dir', dir, '--manifest', missing, ...port], {
      AMANA_LOG_LEVEL: 'silent',
    })
    assert.equal(result.code, 1, `amana ${name}: ${result.stderr}`)
    assert.ok(result.stderr.includes(missing), `amana ${name} names the manifest: ${result.stderr}`)
  }
})
