/**
 * The test command (`npm test`). Builds the database templates once per run, then runs every
 * suite with node's test runner:
 * - PGlite: a migrated database dumped to a file; each test loads it (~0.6 s instead of 2–7 s).
 *   An empty cluster is dumped too: suites that need a PostgreSQL server (the shop database of the
 *   connector and request-execution suites) start an embedded one from it over the wire protocol.
 * - PostgreSQL (when TEST_DATABASE_URL is set): a migrated template database each test clones.
 * Every test that did not run is printed with its reason at the end; one not allowed by
 * test/skip-allowlist.json under this run's conditions fails the run (Chromium missing does).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join, relative } from 'node:path'
import pg from 'pg'
import { migrateToLatest, openDatabase } from '../packages/amana/src/platform/db/index.ts'
import { AllowlistSchema, judgeSkips, type SkipCondition, type SkipVerdict } from './skip-allowlist.ts'
import type { SkipRecord } from './skip-reporter.ts'

const args = process.argv.slice(2)
// A directory argument means every test file below it.
const asPattern = (arg: string) =>
  existsSync(arg) && statSync(arg).isDirectory() ? `${arg.replace(/\/$/, '')}/**/*.test.ts` : arg
const patterns =
  args.length > 0
    ? args.map(asPattern)
    : [
        'packages/*/src/**/*.test.ts',
        'packages/*/test/**/*.test.ts',
        'test/**/*.test.ts',
        'scripts/*.test.ts',
        // The example shops' own code (the RUMROM shop app and its sandbox).
        'examples/**/*.test.ts',
      ]
const work = mkdtempSync(join(tmpdir(), 'amana-test-'))
const env: Record<string, string | undefined> = { ...process.env, AMANA_TEST_TMP: work }

const pglite = await openDatabase({ kind: 'pglite-memory' })
const emptyFile = join(work, 'pglite-empty.tar')
writeFileSync(emptyFile, Buffer.from(await (await pglite.pglite!.dumpDataDir('none')).arrayBuffer()))
env.AMANA_TEST_PGLITE_EMPTY = emptyFile
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
else {
  delete env.AMANA_CHROMIUM
  process.stdout.write(
    `Chromium is not at ${chromium} (apt-get install chromium): the browser tests will skip, and that fails the run.\n`,
  )
}

const skipsFile = join(work, 'skips.jsonl')
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-timeout=120000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(import.meta.dirname, 'skip-reporter.ts')}`,
      `--test-reporter-destination=${skipsFile}`,
      ...patterns,
    ],
    { stdio: 'inherit', env },
  )
  child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)))
})
const skipsOk = reportSkips()

if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${pgTemplate}" with (force)`).catch(() => {})
  await admin.end()
}
rmSync(work, { recursive: true, force: true })
process.exitCode = code !== 0 ? code : skipsOk ? 0 : 1

/** Prints every test that did not run, with its reason; false if one is not allowed in this run. */
function reportSkips(): boolean {
  if (!existsSync(skipsFile)) {
    process.stdout.write('\nThe skip reporter wrote nothing: cannot tell which tests did not run.\n')
    return false
  }
  const root = join(import.meta.dirname, '..')
  const skips = readFileSync(skipsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SkipRecord)
    .map((s) => ({ ...s, file: relative(root, s.file) }))
  const allowlist = AllowlistSchema.parse(
    JSON.parse(readFileSync(join(root, 'test', 'skip-allowlist.json'), 'utf8')),
  ).skips
  const conditions = new Set<SkipCondition>([
    process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    ...(process.env.TEST_MYSQL_URL ? [] : (['no-mysql'] as const)),
    ...(userInfo().uid === 0 ? (['root'] as const) : []),
  ])
  const verdicts = judgeSkips(skips, allowlist, conditions)
  const refused = verdicts.filter((v) => !v.ok)
  const line = (v: SkipVerdict) => {
    const what = `${v.skip.suite ? 'suite ' : ''}${v.skip.kind}: ${v.skip.file} > ${v.skip.name}`
    const said = v.skip.reason ?? '(no reason given)'
    return v.ok
      ? `  allowed  ${what}\n           ${said} — allowed (${v.entry.when}): ${v.entry.reason}\n`
      : `  REFUSED  ${what}\n           ${said} — ${v.problem}\n`
  }
  process.stdout.write(
    `\nTests that did not run: ${verdicts.length} (${refused.length} not allowed; conditions: ${[...conditions].join(', ')})\n`,
  )
  for (const v of verdicts) process.stdout.write(line(v))
  if (refused.length > 0)
    process.stdout.write(
      '\nFAILED: every skip must be listed, with its reason, in test/skip-allowlist.json (see CONTRIBUTING.md).\n',
    )
  return refused.length === 0
}
