import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { isAmanaError } from '../errors/index.ts'
import { openDatabase } from './database.ts'
import { lockDirectory } from './dir-lock.ts'

const tmp = () => mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'lock-'))

/** Another process holding `dir`, as `amana start` would (the database, or just the lock). */
const holder = (dir: string, what: 'database' | 'lock') =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'dir-lock-child.ts'), dir, what], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr?.on('data', (d: Buffer) => (err += d))
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child))
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) before ready: ${err}`)))
  })

const stop = (child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })

const isLocked = (error: unknown) => {
  assert.ok(isAmanaError(error) && error.code === 'DATA_DIR_LOCKED', String(error))
  assert.match(error.message, /is open in another Amana process/)
  assert.match(error.message, /AMANA_KEYSTORE_URL/, 'names the way to run several processes')
  return true
}

test('a second process is refused the embedded database with DATA_DIR_LOCKED; after the first is killed with SIGKILL its committed data is all there', async (t) => {
  const dataDir = join(tmp(), 'pgdata')
  const first = await holder(dataDir, 'database')
  t.after(() => stop(first, 'SIGKILL'))

  const refusing = Date.now()
  await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), isLocked)
  // Refused on the holder's next refresh (every 2 s), not after waiting for the lock to go stale (10 s).
  assert.ok(Date.now() - refusing < 9000, `refused after ${Date.now() - refusing} ms, not at once`)

  await stop(first, 'SIGKILL')
  assert.ok(existsSync(`${dataDir}.lock`), 'SIGKILL left the lock behind')
  const reopening = Date.now()
  const database = await openDatabase({ kind: 'pglite', dataDir })
  try {
    // The stale lock is taken over 10 s after its holder's last refresh; the bound leaves room for
    // PGlite's own reopen on a loaded machine.
    assert.ok(Date.now() - reopening < 30_000, `took over the stale lock after ${Date.now() - reopening} ms`)
    const rows = (await sql<{ who: string }>`select who from held`.execute(database.db)).rows
    assert.deepEqual(
      rows.map((r) => r.who),
      [`pid ${first.pid}`],
    )
  } finally {
    await database.close()
  }
  assert.equal(existsSync(`${dataDir}.lock`), false, 'closing releases the lock')
})

test('a process stopped with SIGTERM leaves no lock behind', async () => {
  const dir = join(tmp(), 'keystore')
  const first = await holder(dir, 'lock')
  await assert.rejects(lockDirectory(dir), isLocked)
  await stop(first, 'SIGTERM')
  assert.equal(existsSync(`${dir}.lock`), false)
  const lock = await lockDirectory(dir)
  await lock.release()
})

test('one process cannot hold the same directory twice either, and may again once it released it', async () => {
  const dir = join(tmp(), 'keystore')
  const lock = await lockDirectory(dir)
  await assert.rejects(lockDirectory(dir), isLocked)
  await lock.release()
  const again = await lockDirectory(dir)
  await again.release()
})
