import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { type TestContext, test } from 'node:test'
import { sql } from 'kysely'
import { type AmanaDatabase, openDatabase } from '../platform/db/index.ts'
import { isAmanaError } from '../platform/errors/index.ts'
import { createTestDatabase, testEngine } from '../testing/test-database.ts'
import {
  type AuditEvent,
  type AuditLedgerOptions,
  createAuditLedger,
  deriveAuditSigningKey,
  entryHash,
  importPublicKey,
  parseBody,
  verifyExport,
  verifyLedger,
} from './index.ts'
import { maintainLedger } from './maintenance.ts'

const signingKey = deriveAuditSigningKey(randomBytes(32))

const setup = async (t: TestContext, overrides: Partial<AuditLedgerOptions> = {}) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  let clock = new Date('2025-01-01T00:00:00Z')
  const ledger = createAuditLedger({ db: database.db, signingKey, now: () => new Date(clock), ...overrides })
  const setClock = (at: Date) => {
    clock = at
  }
  return { database, db: database.db, ledger, setClock }
}

const read = (i: number): AuditEvent => ({
  actor: { type: 'staff', id: `stf_${i % 3}` },
  action: 'personal-data.read',
  subjectId: `sub_${i}`,
  purpose: 'support',
  target: `customer:${i}`,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  requestId: `req_${i}`,
  details: { fields: ['email', 'phone'], n: i },
})

const appendMany = async (ledger: { append(e: AuditEvent): Promise<unknown> }, n: number, offset = 0) => {
  await Promise.all(Array.from({ length: n }, (_, i) => ledger.append(read(offset + i))))
}

const firstBreak = async (ledger: { verify(): ReturnType<typeof verifyLedger> }) => {
  const report = await ledger.verify()
  assert.equal(report.ok, false, 'verification should fail')
  return report.breaks[0]
}

test('appended events get gapless seqs and read back as written; the chain verifies', async (t) => {
  const { db, ledger } = await setup(t)
  const first = await ledger.append(read(1))
  assert.equal(first.seq, 1)
  await appendMany(ledger, 20, 2)
  const rows = await db
    .selectFrom('audit_entry')
    .select(['seq', 'body', 'action', 'subject_id', 'at'])
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    rows.map((r) => Number(r.seq)),
    Array.from({ length: 21 }, (_, i) => i + 1),
  )
  const entry = parseBody(rows[0]?.body ?? '')
  assert.deepEqual(entry.actor, { type: 'staff', id: 'stf_1' })
  assert.equal(entry.subjectId, 'sub_1')
  assert.deepEqual(entry.details, { fields: ['email', 'phone'], n: 1 })
  assert.equal(rows[0]?.action, 'personal-data.read')
  assert.equal(rows[0]?.at.toISOString(), '2025-01-01T00:00:00.000Z')
  const report = await ledger.verify()
  assert.deepEqual(
    { ok: report.ok, entries: report.entries, lastSeq: report.lastSeq },
    { ok: true, entries: 21, lastSeq: 21 },
  )
})

test('8 concurrent writers × 500 appends lose nothing and never fork the chain', async (t) => {
  const { database } = await setup(t)
  // On PostgreSQL every writer has its own connection pool, like separate processes.
  const connections: AmanaDatabase[] =
    testEngine() === 'postgres' && database.url
      ? await Promise.all(
          Array.from({ length: 8 }, () => openDatabase({ kind: 'postgres', url: database.url as string })),
        )
      : []
  t.after(async () => {
    for (const c of connections) await c.close()
  })
  const writers = Array.from({ length: 8 }, (_, w) =>
    createAuditLedger({ db: connections[w]?.db ?? database.db, signingKey, checkpointEvery: 1000 }),
  )
  const appended = await Promise.all(
    writers.map(async (writer, w) => {
      const seqs: number[] = []
      for (let chunk = 0; chunk < 10; chunk++) {
        const done = await Promise.all(
          Array.from({ length: 50 }, (_, i) => writer.append(read(w * 1000 + chunk * 50 + i))),
        )
        seqs.push(...done.map((d) => d.seq))
      }
      return seqs
    }),
  )
  const all = appended.flat().sort((a, b) => a - b)
  assert.deepEqual(
    all,
    Array.from({ length: 4000 }, (_, i) => i + 1),
  )
  const report = await verifyLedger({ db: database.db, publicKeys: [signingKey] })
  assert.deepEqual(
    { ok: report.ok, entries: report.entries, breaks: report.breaks },
    { ok: true, entries: 4000, breaks: [] },
  )
  assert.ok(report.checkpoints >= 4)
})

test('an edited entry is reported as hash-mismatch at its seq', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  await sql`update audit_entry set body = replace(body, 'personal-data.read', 'consent.changed') where seq = 7`.execute(
    db,
  )
  assert.deepEqual(await firstBreak(ledger), { kind: 'hash-mismatch', seq: 7 })
})

test('an edited readable column (action, actor, subject, time) is reported as projection-mismatch at its seq', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  await db.updateTable('audit_entry').set({ action: 'staff.login' }).where('seq', '=', '8').execute()
  await db.updateTable('audit_entry').set({ subject_id: null }).where('seq', '=', '9').execute()
  await sql`update audit_entry set at = at + interval '1 millisecond' where seq = 10`.execute(db)
  await db.updateTable('audit_entry').set({ actor_id: 'stf_9' }).where('seq', '=', '11').execute()
  assert.deepEqual(
    (await ledger.verify()).breaks,
    [8, 9, 10, 11].map((seq) => ({ kind: 'projection-mismatch', seq })),
  )
})

test('a deleted entry is reported as missing-entries at its seq', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  await db.deleteFrom('audit_entry').where('seq', '=', '7').execute()
  const report = await ledger.verify()
  assert.deepEqual(report.breaks, [{ kind: 'missing-entries', seq: 7, toSeq: 7 }])
})

test('an inserted entry, even with a valid hash, is reported where the chain resumes', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  // Make room at 11 and forge an entry that links correctly to entry 10.
  await sql`update audit_entry set seq = -seq where seq > 10`.execute(db)
  await sql`update audit_entry set seq = -seq + 1 where seq < 0`.execute(db)
  const ten = await db
    .selectFrom('audit_entry')
    .select(['body', 'hash'])
    .where('seq', '=', '10')
    .executeTakeFirstOrThrow()
  const forged = ten.body.replace(/^\[1,10,/, '[1,11,').replace('sub_9', 'sub_forged')
  const projection = await db
    .selectFrom('audit_entry')
    .select(['at', 'actor_type', 'actor_id', 'action'])
    .where('seq', '=', '10')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('audit_entry')
    .values({
      seq: 11,
      body: forged,
      prev_hash: ten.hash,
      hash: entryHash(ten.hash, forged),
      ...projection,
      subject_id: 'sub_forged',
    })
    .execute()
  const report = await ledger.verify()
  assert.equal(report.ok, false)
  assert.deepEqual(report.breaks[0], { kind: 'seq-mismatch', seq: 12 })
})

test('two swapped entries are reported at both seqs', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  await sql`update audit_entry set seq = case seq when 5 then -6 when 6 then -5 end where seq in (5, 6)`.execute(
    db,
  )
  await sql`update audit_entry set seq = -seq where seq < 0`.execute(db)
  const report = await ledger.verify()
  assert.deepEqual(
    report.breaks.filter((b) => b.kind === 'seq-mismatch'),
    [
      { kind: 'seq-mismatch', seq: 5 },
      { kind: 'seq-mismatch', seq: 6 },
    ],
  )
})

test('rewriting the chain after an edit is caught by the signed checkpoint', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 10)
  await ledger.checkpoint()
  await appendMany(ledger, 5, 10)
  // The attacker edits entry 3 and recomputes every later hash and the head: the chain is consistent...
  const rows = await db
    .selectFrom('audit_entry')
    .select(['seq', 'body', 'prev_hash'])
    .orderBy('seq')
    .execute()
  let prev = rows[1]
    ? (await db.selectFrom('audit_entry').select('hash').where('seq', '=', '2').executeTakeFirstOrThrow())
        .hash
    : ''
  for (const row of rows.filter((r) => Number(r.seq) >= 3)) {
    const body = Number(row.seq) === 3 ? row.body.replace('sub_2', 'sub_x') : row.body
    const hash = entryHash(prev, body)
    const subject = Number(row.seq) === 3 ? { subject_id: 'sub_x' } : {}
    await db
      .updateTable('audit_entry')
      .set({ body, prev_hash: prev, hash, ...subject })
      .where('seq', '=', row.seq)
      .execute()
    prev = hash
  }
  await db.updateTable('audit_head').set({ hash: prev }).execute()
  // ...but no longer matches what was signed.
  assert.deepEqual(await firstBreak(ledger), { kind: 'checkpoint-mismatch', seq: 10 })
})

test('a tampered or foreign checkpoint signature is detected', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 5)
  const cp = await ledger.checkpoint()
  assert.ok(cp)
  const flipped = `${cp.signature.slice(0, 10)}${cp.signature[10] === 'A' ? 'B' : 'A'}${cp.signature.slice(11)}`
  await db.updateTable('audit_checkpoint').set({ signature: flipped }).execute()
  assert.deepEqual(await firstBreak(ledger), { kind: 'checkpoint-signature-invalid', seq: 5 })
  const other = createAuditLedger({ db, signingKey: deriveAuditSigningKey(randomBytes(32)) })
  await db.deleteFrom('audit_checkpoint').execute()
  await other.checkpoint()
  assert.deepEqual(await firstBreak(ledger), { kind: 'checkpoint-unknown-key', seq: 5 })
})

test('removing the newest entries is detected by the head and by checkpoints beyond the end', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 10)
  await ledger.checkpoint()
  await db.deleteFrom('audit_entry').where('seq', '>', '8').execute()
  const eight = await db
    .selectFrom('audit_entry')
    .select('hash')
    .where('seq', '=', '8')
    .executeTakeFirstOrThrow()
  assert.deepEqual((await ledger.verify()).breaks, [
    { kind: 'checkpoint-beyond-end', seq: 10 },
    { kind: 'head-mismatch', seq: 10 },
  ])
  await db.updateTable('audit_head').set({ seq: 8, hash: eight.hash }).execute()
  assert.deepEqual((await ledger.verify()).breaks, [{ kind: 'checkpoint-beyond-end', seq: 10 }])
})

test('verification gives the same answer in small batches', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 50)
  await db.deleteFrom('audit_entry').where('seq', '=', '23').execute()
  const report = await verifyLedger({ db, publicKeys: [signingKey], batchSize: 7 })
  assert.deepEqual(report.breaks, [{ kind: 'missing-entries', seq: 23, toSeq: 23 }])
  assert.equal(report.entries, 49)
})

test('entries with Arabic text and characters beyond the BMP verify, and an edit to them is caught', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 5)
  await ledger.append({ ...read(6), purpose: 'دعم العملاء 🍰', details: { note: 'طلب 🧁', n: 6 } })
  await appendMany(ledger, 5, 7)
  assert.deepEqual((await ledger.verify()).breaks, [])
  await sql`update audit_entry set body = replace(body, '🧁', '🍰') where seq = 6`.execute(db)
  assert.deepEqual(await firstBreak(ledger), { kind: 'hash-mismatch', seq: 6 })
})

test('a hash shifted between the hash and prev_hash columns is caught', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 20)
  // hash ‖ prev_hash reads the same as before; the columns do not.
  await sql`update audit_entry set hash = hash || left(prev_hash, 1), prev_hash = substr(prev_hash, 2) where seq = 7`.execute(
    db,
  )
  assert.deepEqual(await firstBreak(ledger), { kind: 'prev-hash-mismatch', seq: 7 })
})

test('many kinds of tampering are reported alike whether read in one run or many', async (t) => {
  const { db, ledger } = await setup(t, { checkpointEvery: 20, maxBatch: 15 })
  await appendMany(ledger, 90)
  await sql`update audit_entry set body = replace(body, 'support', 'billing') where seq = 5`.execute(db)
  await db.updateTable('audit_entry').set({ actor_id: 'stf_9' }).where('seq', '=', '17').execute()
  await db.deleteFrom('audit_entry').where('seq', 'in', ['30', '31']).execute()
  await sql`update audit_entry set prev_hash = hash where seq = 44`.execute(db)
  await sql`update audit_entry set hash = upper(hash) where seq = 60`.execute(db)
  const reports = await Promise.all(
    [undefined, 1, 7, 20, 33].map((batchSize) =>
      verifyLedger({ db, publicKeys: [signingKey], ...(batchSize ? { batchSize } : {}) }),
    ),
  )
  const [whole] = reports
  assert.deepEqual(
    whole?.breaks.map((b) => `${b.kind}@${b.seq}`),
    [
      'hash-mismatch@5',
      'projection-mismatch@17',
      'missing-entries@30',
      'prev-hash-mismatch@44',
      'hash-mismatch@44',
      'hash-mismatch@60',
      'checkpoint-mismatch@60',
      'prev-hash-mismatch@61',
    ],
  )
  for (const report of reports) assert.deepEqual(report, whole)
})

test('checkpoints are signed automatically as the chain grows', async (t) => {
  const { db, ledger } = await setup(t, { checkpointEvery: 100, maxBatch: 40 })
  await appendMany(ledger, 250)
  const seqs = (await db.selectFrom('audit_checkpoint').select('seq').orderBy('seq').execute()).map((r) =>
    Number(r.seq),
  )
  assert.equal(seqs.length, 2)
  assert.ok((seqs[0] ?? 0) >= 100 && (seqs[1] ?? 0) >= 200)
  assert.equal((await ledger.verify()).signedThrough, seqs[1])
})

test('an exported time range verifies offline and fails when edited', async (t) => {
  const { ledger, setClock } = await setup(t)
  for (let day = 1; day <= 30; day++) {
    setClock(new Date(Date.UTC(2025, 0, day, 12)))
    await ledger.append(read(day))
  }
  await ledger.checkpoint()
  const exported = await ledger.exportRange({
    from: new Date('2025-01-10T00:00:00Z'),
    to: new Date('2025-01-20T00:00:00Z'),
  })
  assert.deepEqual(
    exported.entries.map((e) => e.seq),
    Array.from({ length: 10 }, (_, i) => i + 10),
  )
  assert.equal(exported.opening?.seq, 9)
  assert.equal(exported.closing?.seq, 19)
  // The auditor gets the public key out of band; the export travels as JSON.
  const trusted = importPublicKey(exported.publicKey.spki)
  const offline = JSON.parse(JSON.stringify(exported))
  assert.equal(verifyExport(offline, ledger.publicKey).ok, true)
  assert.equal(verifyExport(offline, trusted).ok, true)

  const edited = structuredClone(offline)
  edited.entries[3].body = edited.entries[3].body.replace('sub_13', 'sub_99')
  assert.deepEqual(verifyExport(edited, trusted).breaks, [{ kind: 'hash-mismatch', seq: 13 }])
  const shortened = { ...offline, entries: offline.entries.slice(0, -1) }
  assert.deepEqual(verifyExport(shortened, trusted).breaks, [{ kind: 'missing-closing-checkpoint', seq: 18 }])
  const dropped = { ...offline, entries: offline.entries.filter((e: { seq: number }) => e.seq !== 15) }
  assert.deepEqual(verifyExport(dropped, trusted).breaks, [{ kind: 'missing-entries', seq: 15, toSeq: 15 }])
  assert.equal(verifyExport(offline, deriveAuditSigningKey(randomBytes(32))).ok, false)
  // A range from the very first entry starts at the genesis.
  const fromStart = await ledger.exportRange({
    from: new Date('2024-01-01T00:00:00Z'),
    to: new Date('2025-01-03T00:00:00Z'),
  })
  assert.equal(fromStart.opening, null)
  assert.equal(verifyExport(fromStart, trusted).ok, true)
})

test('the exporter refuses to sign a range whose chain is broken', async (t) => {
  const { db, ledger } = await setup(t)
  await appendMany(ledger, 10)
  await sql`update audit_entry set body = replace(body, 'sub_4', 'sub_x') where seq = 5`.execute(db)
  await assert.rejects(
    ledger.exportRange({ from: new Date('2020-01-01'), to: new Date('2030-01-01') }),
    (e: unknown) => isAmanaError(e) && e.code === 'AUDIT_CHAIN_BROKEN',
  )
})

test('pruning keeps the remaining chain verifiable from a signed checkpoint', async (t) => {
  const { db, ledger, setClock } = await setup(t)
  for (let month = 0; month < 18; month++) {
    setClock(new Date(Date.UTC(2024, month, 15)))
    await appendMany(ledger, 5, month * 5)
    setClock(new Date(Date.UTC(2024, month, 28)))
    await ledger.checkpoint()
  }
  setClock(new Date(Date.UTC(2025, 6, 1)))
  const outcome = await ledger.prune()
  // Cut-off 2024-07-01: the newest checkpoint before it signs the end of June 2024 (month 5, seq 30).
  assert.deepEqual(outcome, { anchorSeq: 30, deleted: 30 })
  const report = await ledger.verify()
  assert.deepEqual(
    { ok: report.ok, firstSeq: report.firstSeq, anchor: report.anchor?.seq, entries: report.entries },
    { ok: true, firstSeq: 31, anchor: 30, entries: 60 },
  )
  // Deleting more of the start than the anchor allows is still caught.
  await db.deleteFrom('audit_entry').where('seq', '=', '31').execute()
  assert.deepEqual(await firstBreak(ledger), { kind: 'missing-anchor', seq: 32 })
})

test('events with personal data in details or unstorable text are refused, and do not block others', async (t) => {
  const { ledger } = await setup(t)
  const refused = (e: unknown) =>
    isAmanaError(e) && e.code === 'VALIDATION_FAILED' && !e.message.includes('sara@')
  const results = await Promise.allSettled([
    ledger.append(read(1)),
    ledger.append({ ...read(2), details: { email: 'sara@example.com' } }),
    ledger.append({ ...read(7), details: { changed: { phone: '+44 7700 900123' } } }),
    ledger.append({ ...read(3), details: { fields: ['phone'], count: 2 } }),
    ledger.append({ ...read(4), target: 'bad\u0000byte' }),
    ledger.append({ ...read(5), action: 'Not An Action' }),
    ledger.append({ ...read(8), subjectId: 'sara@example.com' }),
    ledger.append(read(6)),
    // A deadline is digits and dashes too, and is not a phone number (the requests sweep's reminders).
    ledger.append({ ...read(9), details: { dueAt: '2027-01-05' } }),
  ])
  assert.deepEqual(
    results.map((r) => r.status),
    [
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ],
  )
  for (const r of results) if (r.status === 'rejected') assert.ok(refused(r.reason))
  assert.equal((await ledger.verify()).entries, 4)
})

test('maintenance signs a checkpoint and prunes to the shop’s audit retention', async (t) => {
  const { ledger, setClock } = await setup(t)
  for (let month = 0; month < 8; month++) {
    setClock(new Date(Date.UTC(2025, month, 15)))
    await appendMany(ledger, 3, month * 3)
    await maintainLedger(ledger, 6)
  }
  setClock(new Date(Date.UTC(2025, 9, 1)))
  const outcome = await maintainLedger(ledger, 6)
  assert.ok(outcome.pruned > 0, 'entries older than six months are gone')
  const report = await ledger.verify()
  assert.equal(report.ok, true)
  assert.equal(report.signedThrough, report.lastSeq, 'every remaining entry is under a signed checkpoint')
})
