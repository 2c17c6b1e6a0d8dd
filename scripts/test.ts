/**
 * The test command (`npm test`). Builds the database templates once per run, then runs every
 * suite with node's test runner:
 * - PGlite: a migrated database dumped to a file; each test loads it (~0.6 s instead of 2–7 s).
 * - PostgreSQL (when TEST_DATABASE_URL is set): a migrated template database each test clones.
 * Browser suites skip with a one-line notice when Debian's Chromium is not installed.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrateToLatest, openDatabase } from '../packages/amana/src/platform/db/index.ts'

const args = process.argv.slice(2)
// A directory argument means every test file below it.
const asPattern = (arg: string) =>
  existsSync(arg) && statSync(arg).isDirectory() ? `${arg.replace(/\/$/, '')}/**/*.test.ts` : arg
const patterns =
  args.length > 0
    ? args.map(asPattern)
    : ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts']
const work = mkdtempSync(join(tmpdir(), 'amana-test-'))
const env: Record<string, string | undefined> = { ...process.env, AMANA_TEST_TMP: work }

const pglite = await openDatabase({ kind: 'pglite-memory' })
await migrateToLatest(pglite.db)
const dump = await pglite.pglite!.dumpDataDir('none')
await pglite.close()
const templateFile = join(work, 'pglite-template.tar')
writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()))
env.AMANA_TEST_PGLITE_TEMPLATE = templateFile

const pgUrl = process.env.TEST_DATABASE_URL
const pgTemplate = `amana_tpl_${process.pid}`
if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${pgTemplate}"`)
  await admin.query(`create database "${pgTemplate}"`)
  await admin.end()
  const url = new URL(pgUrl)
  url.pathname = `/${pgTemplate}`
  const db = await openDatabase({ kind: 'postgres', url: url.toString() })
  await migrateToLatest(db.db)
  await db.close()
  env.AMANA_TEST_PG_TEMPLATE = pgTemplate
  process.stdout.write(
    `Database suites run on PostgreSQL (${url.hostname}:${url.port || 5432}) as well as the suites that need no database.\n`,
  )
}

const chromium = process.env.AMANA_CHROMIUM ?? '/usr/bin/chromium'
if (existsSync(chromium)) env.AMANA_CHROMIUM = chromium
else process.stdout.write('Browser tests skipped: Chromium is not installed (apt-get install chromium).\n')

const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ['--test', '--test-concurrency=2', '--test-timeout=120000', ...patterns],
    { stdio: 'inherit', env },
  )
  child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)))
})

if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${pgTemplate}" with (force)`).catch(() => {})
  await admin.end()
}
rmSync(work, { recursive: true, force: true })
process.exitCode = code
