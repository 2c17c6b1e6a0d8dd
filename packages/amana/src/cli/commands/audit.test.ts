import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { openConfiguredDatabase } from '../../app/start.ts'
import {
  ANCHOR_FILE_NAME,
  type AuditLedger,
  createAuditLedger,
  deriveAuditSigningKey,
  exportPublicKey,
  fileAnchor,
} from '../../audit/index.ts'
import { loadConfig, requireConfig } from '../../platform/config/index.ts'
import type { Database } from '../../platform/db/index.ts'
import { createTestDatabase } from '../../testing/test-database.ts'
import { runCli } from '../run-cli.ts'

const run = async (args: string[]) => {
  const out: string[] = []
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    env: {},
    cwd: process.cwd(),
  })
  return { code, text: out.join('\n') }
}

test('amana audit verify passes an intact ledger and names the seq of an edited entry', async () => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'audit-cli-'))
  const config = requireConfig(loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir }))
  const database = await openConfiguredDatabase(config)
  const ledger = createAuditLedger({
    db: database.db,
    signingKey: deriveAuditSigningKey(config.secrets.rootKey),
  })
  for (let i = 0; i < 5; i++)
    await ledger.append({
      actor: { type: 'staff', id: 'staff-1' },
      action: 'personal-data.read',
      subjectId: `subject-${i}`,
    })
  await ledger.flush()
  await database.close()

  const intact = await run(['audit', 'verify', '--demo', '--data-dir', dir])
  assert.equal(intact.code, 0, intact.text)
  assert.match(intact.text, /intact: 5 entries/)

  const again = await openConfiguredDatabase(config)
  await sql`update audit_entry set body = replace(body, 'subject-2', 'subject-9') where seq = 3`.execute(
    again.db,
  )
  await again.close()
  const broken = await run(['audit', 'verify', '--demo', '--data-dir', dir])
  assert.equal(broken.code, 1)
  assert.match(broken.text, /BROKEN/)
  assert.match(broken.text, /seq 3/)
})

/**
 * The database `amana audit …` reads: the demo's embedded one in `dir` (opened only while the test
 * writes, the CLI opens it itself), or with TEST_DATABASE_URL a fresh PostgreSQL database.
 */
const demoLedgerDatabase = async (t: TestContext, dir: string) => {
  const config = requireConfig(loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir }))
  const server = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined
  if (server) t.after(() => server.close())
  const withDb = async <T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
    if (server) return fn(server.db)
    const database = await openConfiguredDatabase(config)
    try {
      return await fn(database.db)
    } finally {
      await database.close()
    }
  }
  const args = ['--demo', '--data-dir', dir, ...(server?.url ? ['--database-url', server.url] : [])]
  return { config, withDb, args }
}

const appendReads = async (ledger: AuditLedger, n: number) => {
  for (let i = 0; i < n; i++)
    await ledger.append({
      actor: { type: 'staff', id: 'staff-1' },
      action: 'personal-data.read',
      subjectId: `subject-${i}`,
    })
  await ledger.flush()
}

test('amana audit verify checks the ledger against the demo anchor file and names a cut or a wipe', async (t) => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'audit-cli-'))
  const { config, withDb, args } = await demoLedgerDatabase(t, dir)
  assert.equal(config.audit.anchorDir, join(dir, 'audit-anchors'), 'the demo anchors into its data dir')
  await withDb(async (db) => {
    const ledger = createAuditLedger({
      db,
      signingKey: deriveAuditSigningKey(config.secrets.rootKey),
      checkpointEvery: 10,
      ...(config.audit.anchorDir ? { anchor: fileAnchor(config.audit.anchorDir) } : {}),
    })
    await appendReads(ledger, 34)
    await ledger.checkpoint()
  })
  const intact = await run(['audit', 'verify', ...args])
  assert.equal(intact.code, 0, intact.text)
  assert.match(intact.text, /intact: 34 entries/)
  assert.match(intact.text, /Anchors agree: 4 checkpoint\(s\) .* the newest for entry 34/)

  // Entries 13–34 and their checkpoint rows go, and the head is moved back: the database alone agrees.
  await withDb(async (db) => {
    await db.deleteFrom('audit_entry').where('seq', '>', '12').execute()
    await db.deleteFrom('audit_checkpoint').where('seq', '>', '12').execute()
    const kept = await db
      .selectFrom('audit_entry')
      .select('hash')
      .where('seq', '=', '12')
      .executeTakeFirstOrThrow()
    await db.updateTable('audit_head').set({ seq: 12, hash: kept.hash }).execute()
  })
  const cut = await run(['audit', 'verify', ...args])
  assert.equal(cut.code, 1, cut.text)
  assert.match(
    cut.text,
    /BROKEN: the chain in the database is consistent \(12 entries \(seq 1–12\)\) but disagrees/,
  )
  assert.match(
    cut.text,
    /the ledger ends at entry 12 but an anchor from \d{4}-\d\d-\d\dT\S+Z records entry 34: entries were removed/,
  )

  await withDb(async (db) => {
    await db.deleteFrom('audit_entry').execute()
    await db.deleteFrom('audit_checkpoint').execute()
    await db
      .updateTable('audit_head')
      .set({ seq: 0, hash: '0'.repeat(64) })
      .execute()
  })
  const file = join(dir, 'audit-anchors', ANCHOR_FILE_NAME)
  const wiped = await run(['audit', 'verify', ...args, '--checkpoint', file])
  assert.equal(wiped.code, 1, wiped.text)
  assert.match(wiped.text, /BROKEN: the chain in the database is consistent \(0 entries\)/)
  assert.match(wiped.text, /the ledger is empty but an anchor .* records entry 34: the ledger was wiped/)

  const missing = await run(['audit', 'verify', ...args, '--checkpoint', join(dir, 'nowhere.jsonl')])
  assert.equal(missing.code, 1)
  assert.match(missing.text, /--checkpoint .*nowhere\.jsonl: cannot read the anchor file \(ENOENT\)/)
})

test('amana audit verify --export checks an export offline, with no configuration or database', async (t) => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'audit-cli-'))
  const { config, withDb, args } = await demoLedgerDatabase(t, dir)
  await withDb(async (db) => {
    const ledger = createAuditLedger({ db, signingKey: deriveAuditSigningKey(config.secrets.rootKey) })
    await appendReads(ledger, 6)
  })
  const out = join(dir, 'export.json')
  const exported = await run([
    'audit',
    'export',
    ...args,
    '--from',
    '2000-01-01',
    '--to',
    '2100-01-01',
    '--out',
    out,
  ])
  assert.equal(exported.code, 0, exported.text)
  const spki = /Public key \(base64url SPKI\): (\S+)/.exec(exported.text)?.[1]
  assert.ok(spki, exported.text)

  // No --demo, no data dir, no master key: production config would be refused, so none is read.
  const offline = await run(['audit', 'verify', '--export', out])
  assert.equal(offline.code, 0, offline.text)
  assert.match(offline.text, /Audit export intact: 6 entries \(seq 1–6\)/)
  assert.match(offline.text, /the one the export names/)
  const trusted = await run(['audit', 'verify', '--export', out, '--public-key', spki])
  assert.equal(trusted.code, 0, trusted.text)
  assert.doesNotMatch(trusted.text, /the one the export names/)

  const other = deriveAuditSigningKey(Buffer.alloc(32, 7))
  const foreign = await run(['audit', 'verify', '--export', out, '--public-key', exportPublicKey(other).spki])
  assert.equal(foreign.code, 1, foreign.text)
  assert.match(foreign.text, /checkpoint-unknown-key/)

  const data = JSON.parse(readFileSync(out, 'utf8')) as { entries: { body: string }[] }
  const entry = data.entries[2] as { body: string }
  entry.body = entry.body.replace('subject-2', 'subject-9')
  writeFileSync(out, JSON.stringify(data))
  const edited = await run(['audit', 'verify', '--export', out])
  assert.equal(edited.code, 1, edited.text)
  assert.match(edited.text, /Audit export BROKEN/)
  assert.match(edited.text, /seq 3: hash-mismatch/)

  writeFileSync(out, JSON.stringify({ format: 'something-else' }))
  const notExport = await run(['audit', 'verify', '--export', out])
  assert.equal(notExport.code, 1)
  assert.match(notExport.text, /not an Amana audit export/)
})
