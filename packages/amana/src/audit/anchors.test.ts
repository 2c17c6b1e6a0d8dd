import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { createLogger } from '../platform/logging/index.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import {
  ANCHOR_FILE_NAME,
  type AuditEvent,
  type AuditLedgerOptions,
  configuredAnchor,
  createAuditLedger,
  deriveAuditSigningKey,
  entryHash,
  fileAnchor,
  maintainLedger,
  readAnchorFile,
  startLedgerMaintenance,
  verifyLedger,
  verifyLedgerAgainstAnchors,
} from './index.ts'

const signingKey = deriveAuditSigningKey(randomBytes(32))
const publicKeys = [{ keyId: signingKey.keyId, publicKey: signingKey.publicKey }]

const anchorDir = () => mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'audit-anchors-'))

/** A ledger that checkpoints every 10 entries and writes each checkpoint to an anchor directory. */
const setup = async (t: TestContext, overrides: Partial<AuditLedgerOptions> = {}) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  const dir = anchorDir()
  const ledger = createAuditLedger({
    db: database.db,
    signingKey,
    checkpointEvery: 10,
    anchor: fileAnchor(dir),
    ...overrides,
  })
  const verify = async () =>
    verifyLedgerAgainstAnchors({ db: database.db, publicKeys, anchors: await readAnchorFile(dir) })
  return { db: database.db, ledger, dir, verify }
}

const read = (i: number): AuditEvent => ({
  actor: { type: 'staff', id: `stf_${i % 3}` },
  action: 'personal-data.read',
  subjectId: `sub_${i}`,
})

const appendMany = async (ledger: { append(e: AuditEvent): Promise<unknown> }, n: number, offset = 0) => {
  for (let i = 0; i < n; i++) await ledger.append(read(offset + i))
}

/** What an attacker with write access to the database, but no signing key, can do to hide a cut. */
const cutAfter = async (db: Kysely<Database>, lastKept: number) => {
  await db.deleteFrom('audit_entry').where('seq', '>', String(lastKept)).execute()
  await db.deleteFrom('audit_checkpoint').where('seq', '>', String(lastKept)).execute()
  const kept = await db
    .selectFrom('audit_entry')
    .select('hash')
    .where('seq', '=', String(lastKept))
    .executeTakeFirstOrThrow()
  await db.updateTable('audit_head').set({ seq: lastKept, hash: kept.hash }).execute()
}

test('checkpoints signed as the chain grows are appended to the anchor file, one signed line each', async (t) => {
  const { ledger, dir } = await setup(t)
  await appendMany(ledger, 25)
  await ledger.flush()
  const lines = readFileSync(join(dir, ANCHOR_FILE_NAME), 'utf8').trim().split('\n')
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { seq: number }).seq),
    [10, 20],
  )
  const line = JSON.parse(lines[0] as string) as Record<string, unknown>
  assert.deepEqual(Object.keys(line), ['format', 'seq', 'hash', 'at', 'keyId', 'signature'])
  assert.equal(line.keyId, signingKey.keyId)
  await ledger.checkpoint()
  const parsed = await readAnchorFile(dir)
  assert.deepEqual(
    parsed.anchors.map((a) => a.checkpoint.seq),
    [10, 20, 25],
  )
})

test('an untouched ledger agrees with its anchors', async (t) => {
  const { ledger, verify } = await setup(t)
  await appendMany(ledger, 34)
  await ledger.checkpoint()
  const result = await verify()
  assert.equal(result.ok, true, JSON.stringify(result.anchors.findings))
  assert.deepEqual(result.anchors.newest?.seq, 34)
  assert.equal(result.anchors.anchors, 4)
})

test('deleting the newest entries and their checkpoint rows is caught by the anchors, naming the gap', async (t) => {
  const { db, ledger, verify } = await setup(t)
  await appendMany(ledger, 34)
  await ledger.checkpoint()
  await cutAfter(db, 12)
  // The database alone cannot tell: its chain, head and remaining checkpoint agree.
  assert.equal((await verifyLedger({ db, publicKeys })).ok, true)
  const result = await verify()
  assert.equal(result.ok, false)
  assert.deepEqual(
    result.anchors.findings.map((f) => [f.kind, f.seq]),
    [['entries-removed', 34]],
  )
  assert.match(
    result.anchors.findings[0]?.message ?? '',
    /^the ledger ends at entry 12 but an anchor from \d{4}-\d\d-\d\dT[\d:.]+Z records entry 34: entries were removed/,
  )
})

test('wiping the ledger and every checkpoint is caught by the anchors', async (t) => {
  const { db, ledger, verify } = await setup(t)
  await appendMany(ledger, 15)
  await ledger.checkpoint()
  await db.deleteFrom('audit_entry').execute()
  await db.deleteFrom('audit_checkpoint').execute()
  await db
    .updateTable('audit_head')
    .set({ seq: 0, hash: '0'.repeat(64) })
    .execute()
  const alone = await verifyLedger({ db, publicKeys })
  assert.deepEqual({ ok: alone.ok, entries: alone.entries }, { ok: true, entries: 0 })
  const result = await verify()
  assert.equal(result.ok, false)
  assert.equal(result.anchors.findings[0]?.kind, 'ledger-wiped')
  assert.match(
    result.anchors.findings[0]?.message ?? '',
    /the ledger is empty but an anchor .* records entry 15/,
  )
})

test('an entry rewritten with the chain recomputed after it is caught by the anchors', async (t) => {
  const { db, ledger, verify } = await setup(t)
  await appendMany(ledger, 25)
  await ledger.checkpoint()
  // Without the signing key the attacker can recompute hashes but not checkpoints: they drop those.
  const rows = await db.selectFrom('audit_entry').select(['seq', 'body']).orderBy('seq').execute()
  let prev = (
    await db.selectFrom('audit_entry').select('hash').where('seq', '=', '6').executeTakeFirstOrThrow()
  ).hash
  for (const row of rows.filter((r) => Number(r.seq) >= 7)) {
    const body = Number(row.seq) === 7 ? row.body.replace('sub_6', 'sub_x') : row.body
    const hash = entryHash(prev, body)
    const subject = Number(row.seq) === 7 ? { subject_id: 'sub_x' } : {}
    await db
      .updateTable('audit_entry')
      .set({ body, prev_hash: prev, hash, ...subject })
      .where('seq', '=', row.seq)
      .execute()
    prev = hash
  }
  await db.updateTable('audit_head').set({ hash: prev }).execute()
  await db.deleteFrom('audit_checkpoint').where('seq', '>=', '7').execute()
  assert.equal((await verifyLedger({ db, publicKeys })).ok, true)
  const result = await verify()
  assert.equal(result.ok, false)
  assert.deepEqual(
    result.anchors.findings.map((f) => [f.kind, f.seq]),
    [['entry-rewritten', 10]],
  )
  assert.match(
    result.anchors.findings[0]?.message ?? '',
    /entry 10 differs .* \(2 later anchor\(s\) disagree too\)/,
  )
})

test('an anchor line edited in the file fails its signature', async (t) => {
  const { ledger, dir, verify } = await setup(t)
  await appendMany(ledger, 20)
  await ledger.flush()
  const file = join(dir, ANCHOR_FILE_NAME)
  const [first, second] = readFileSync(file, 'utf8').trim().split('\n') as [string, string]
  const forged = { ...(JSON.parse(second) as Record<string, unknown>), seq: 19 }
  writeFileSync(file, `${first}\n${JSON.stringify(forged)}\nnot json\n`)
  const result = await verify()
  assert.deepEqual(
    result.anchors.findings.map((f) => [f.kind, f.line]),
    [
      ['anchor-unreadable', 3],
      ['anchor-signature-invalid', 2],
    ],
  )
})

test('the worker signs and anchors a checkpoint as soon as it starts, not an hour later', async (t) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  const writer = createAuditLedger({ db: database.db, signingKey })
  await appendMany(writer, 3)
  const dir = anchorDir()
  const worker = createAuditLedger({ db: database.db, signingKey, anchor: fileAnchor(dir) })
  const logged: string[] = []
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => logged.push(line) } })
  const maintenance = startLedgerMaintenance(worker, { logger })
  t.after(() => maintenance.stop())
  await maintenance.firstRun
  assert.doesNotMatch(logged.join(''), /failed/)
  const parsed = await readAnchorFile(dir)
  assert.deepEqual(
    parsed.anchors.map((a) => a.checkpoint.seq),
    [3],
  )
})

test('a webhook anchor receives each signed checkpoint as a JSON POST', async (t) => {
  const received: { method: string | undefined; type: string | undefined; body: string }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => {
      received.push({ method: req.method, type: req.headers['content-type'], body })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anchors`
  const dir = anchorDir()
  const anchor = configuredAnchor({ anchorDir: dir, anchorWebhookUrl: url })
  assert.ok(anchor)
  const { ledger } = await setup(t, { anchor })
  await appendMany(ledger, 10)
  await ledger.flush()
  assert.equal(received.length, 1)
  assert.equal(received[0]?.method, 'POST')
  assert.equal(received[0]?.type, 'application/json')
  const posted = JSON.parse(received[0]?.body ?? '{}') as { seq: number; signature: string }
  assert.equal(posted.seq, 10)
  // The same signed line went to the file.
  assert.equal(readFileSync(join(dir, ANCHOR_FILE_NAME), 'utf8').trim(), received[0]?.body)
})

test('an anchor that cannot be written never fails an append; checkpoint() reports it, pruning still runs', async (t) => {
  const blocker = join(anchorDir(), 'not-a-directory')
  writeFileSync(blocker, '')
  const failures: number[] = []
  let clock = new Date('2024-01-01T00:00:00Z')
  const { db, ledger } = await setup(t, {
    anchor: fileAnchor(join(blocker, 'anchors')),
    onAnchorError: (_error, checkpoint) => failures.push(checkpoint.seq),
    now: () => new Date(clock),
  })
  await appendMany(ledger, 12)
  await ledger.flush()
  assert.deepEqual(failures, [10])
  await assert.rejects(ledger.checkpoint(), /could not be anchored|ENOTDIR|EEXIST/)
  clock = new Date('2025-06-01T00:00:00Z')
  await assert.rejects(maintainLedger(ledger, 12), /could not be anchored|ENOTDIR|EEXIST/)
  const left = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  assert.equal(Number(left.n), 0, 'entries older than the retention were pruned all the same')
})
