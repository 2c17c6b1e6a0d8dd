import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import { sql } from 'kysely'
import { ownRecordsDeps } from '../app/own-records-deps.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../testing/test-app.ts'
import { sweepOwnRecords } from './sweep.ts'
import { addSentMail } from './testing.ts'

// Amana's own records, each kind with a fixed clock: gone (or reduced) exactly when its period ends,
// not a millisecond before; a second pass changes nothing; the pause switch stops it.

const DAY = 86_400_000
const T = new Date('2026-06-01T00:00:00Z')
let clock = T
let t: TestApp

before(async () => {
  const loaded = await loadDemoManifest()
  // sentMail declared; the other kinds use their defaults (codes P1D, requests P3Y, consent P3Y).
  const manifest = { ...loaded.manifest, ownRecords: { sentMail: 'P90D' } }
  t = await createTestApp({ now: () => clock, manifest: { ...loaded, manifest } })
})

after(async () => {
  await t?.close()
})

beforeEach(() => {
  clock = T
})

const sweep = () => sweepOwnRecords(ownRecordsDeps(t.services), 'test')
const db = () => t.database.db
const ago = (ms: number) => new Date(T.getTime() - ms)
const threeYearsBefore = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear() - 3, at.getUTCMonth(), at.getUTCDate()))

const mail = (status: string, sentAt: Date | null, createdAt: Date) =>
  addSentMail(db(), sentAt, { status, createdAt })

const outboxIds = async () =>
  (await db().selectFrom('mail_outbox').select('id').execute()).map((r) => r.id).sort()

describe('sent mail', () => {
  it('is deleted the moment it is 90 days old, not before; queued mail is never touched', async () => {
    const edge = await mail('sent', ago(90 * DAY), ago(91 * DAY))
    const younger = await mail('sent', ago(89 * DAY), ago(89 * DAY))
    const queued = await mail('queued', null, ago(400 * DAY))
    const failed = await mail('failed', null, ago(91 * DAY))
    const first = await sweep()
    assert.equal(first.status, 'done')
    const left = await outboxIds()
    assert.ok(left.includes(edge), 'exactly 90 days old: still kept')
    assert.ok(!left.includes(failed), 'given up 91 days ago: gone')
    clock = new Date(T.getTime() + 1)
    await sweep()
    const later = await outboxIds()
    assert.ok(!later.includes(edge), 'a millisecond later: gone')
    assert.ok(later.includes(younger) && later.includes(queued))
  })
})

const request = async (options: { status: string; completedAt: Date | null; email?: string }) => {
  const id = randomUUID()
  const subjectId = `request-${id}`
  const emailEnc = options.email
    ? await t.services.vault.encrypt(subjectId, { record: id, field: 'email' }, options.email)
    : null
  await db()
    .insertInto('dsr_request')
    .values({
      id,
      reference: `R-${id.slice(0, 8)}`,
      type: 'access',
      status: options.status,
      locale: 'ar',
      country: 'KW',
      jurisdictions: JSON.stringify(['kw']),
      subject_id: subjectId,
      email_enc: emailEnc,
      email_index: 'blind-index-of-the-address',
      channel: 'form',
      requester_kind: 'self',
      needs_approval: false,
      status_token_hash: 'hash-of-the-status-link',
      ip_hash: 'hash-of-the-ip',
      received_at: ago(4 * 365 * DAY),
      due_at: ago(4 * 365 * DAY),
      deadline_source: 'kw',
      completed_at: options.completedAt,
      details_enc: emailEnc,
      updated_at: options.completedAt ?? ago(4 * 365 * DAY),
    } as never)
    .execute()
  await db()
    .insertInto('dsr_code')
    .values({ request_id: id, code_hash: 'c', expires_at: ago(4 * 365 * DAY), sent_at: ago(4 * 365 * DAY) })
    .execute()
  return { id, subjectId, emailEnc }
}

const requestRow = (id: string) =>
  sql<Record<string, unknown>>`select * from dsr_request where id = ${id}`
    .execute(db())
    .then((r) => r.rows[0] ?? {})

describe('request records', () => {
  it('three years after closing, only a stub is left and the sealed copies can never be read again', async () => {
    const due = await request({
      status: 'completed',
      completedAt: threeYearsBefore(T),
      email: 'noura@example.com',
    })
    const open = await request({ status: 'in-progress', completedAt: null, email: 'yousef@example.com' })
    const held = await request({
      status: 'completed',
      completedAt: ago(5 * 365 * DAY),
      email: 'held@example.com',
    })
    await db()
      .insertInto('dsr_hold')
      .values({
        id: randomUUID(),
        request_id: held.id,
        system: 'shop',
        table_name: 'orders',
        columns: JSON.stringify(['total']),
        row_keys: JSON.stringify(['7']),
        reason: JSON.stringify({ en: 'tax' }),
        until: new Date(T.getTime() + 365 * DAY),
        created_at: ago(5 * 365 * DAY),
      } as never)
      .execute()

    await sweep()
    assert.equal((await requestRow(due.id)).reduced_at, null, 'exactly three years: not yet')
    clock = new Date(T.getTime() + 1)
    await sweep()

    const stub = await requestRow(due.id)
    assert.ok(stub.reduced_at instanceof Date)
    assert.equal(stub.reference, `R-${due.id.slice(0, 8)}`)
    assert.equal(stub.type, 'access')
    assert.equal(stub.status, 'completed')
    for (const column of ['email_enc', 'email_index', 'details_enc', 'ip_hash'])
      assert.equal(stub[column], null, `${column} is cleared`)
    assert.equal(await t.services.vault.isShredded(due.subjectId), true)
    await assert.rejects(
      t.services.vault.decrypt(due.subjectId, { record: due.id, field: 'email' }, due.emailEnc ?? ''),
      'a copy of the old ciphertext (a backup) cannot be opened',
    )
    assert.equal((await requestRow(open.id)).email_enc, open.emailEnc, 'an open request is untouched')
    assert.equal(
      (await requestRow(held.id)).email_enc,
      held.emailEnc,
      'a request with a running hold is untouched',
    )
  })
})

describe('verification codes', () => {
  it('are deleted a day after they expired, not before', async () => {
    const { id } = await request({ status: 'verifying', completedAt: null })
    await db()
      .updateTable('dsr_code')
      .set({ expires_at: ago(DAY) })
      .where('request_id', '=', id)
      .execute()
    await sweep()
    assert.equal(
      (await db().selectFrom('dsr_code').where('request_id', '=', id).select('request_id').execute()).length,
      1,
    )
    clock = new Date(T.getTime() + 1)
    await sweep()
    assert.equal(
      (await db().selectFrom('dsr_code').where('request_id', '=', id).select('request_id').execute()).length,
      0,
    )
  })
})

const choose = async (subjectHash: string, granted: boolean, at: Date) => {
  const id = randomUUID()
  const outcome = await t.services.consent.record({
    id,
    subjectHash,
    subjectKind: 'account',
    method: 'preferences-page',
    items: [{ target: 'purpose', id: 'marketing', channel: 'email', granted }],
    policyVersion: '1',
    notice: 'preferences-page:ar',
    locale: 'ar',
    jurisdiction: 'kw',
    source: 'test',
    gpc: false,
    conflict: false,
    child: false,
    recordedAt: at,
  })
  assert.ok(outcome, 'recorded')
  return id
}

const consentIds = async (subjectHash: string) =>
  (
    await db().selectFrom('consent_record').select('id').where('subject_hash', '=', subjectHash).execute()
  ).map((r) => r.id)

describe('consent records', () => {
  it('a choice withdrawn three years ago goes; the withdrawal (the current choice) stays', async () => {
    const subject = `s-${randomUUID()}`
    const granted = await choose(subject, true, ago(5 * 365 * DAY))
    const withdrawn = await choose(subject, false, threeYearsBefore(T))
    await sweep()
    assert.deepEqual(
      (await consentIds(subject)).sort(),
      [granted, withdrawn].sort(),
      'exactly three years: kept',
    )
    clock = new Date(T.getTime() + 1)
    await sweep()
    assert.deepEqual(await consentIds(subject), [withdrawn])
    const state = await db()
      .selectFrom('consent_state')
      .select(['target_id', 'granted'])
      .where('subject_hash', '=', subject)
      .execute()
    assert.deepEqual(state, [{ target_id: 'marketing', granted: false }], 'the withdrawal is still honoured')
  })

  it('a choice replaced within the last three years is kept as proof', async () => {
    const subject = `s-${randomUUID()}`
    const old = await choose(subject, true, ago(6 * 365 * DAY))
    await choose(subject, false, ago(2 * 365 * DAY))
    clock = new Date(T.getTime() + 1)
    await sweep()
    assert.ok((await consentIds(subject)).includes(old))
  })

  it('the ledger still refuses any other delete', async () => {
    await assert.rejects(sql`delete from consent_record`.execute(db()), /append-only/)
  })
})

describe('the pass as a whole', () => {
  it('a second pass at the same time changes nothing, and the ledger gets counts without values', async () => {
    await request({ status: 'denied', completedAt: ago(4 * 365 * DAY), email: 'second@example.com' })
    await mail('sent', ago(100 * DAY), ago(100 * DAY))
    const first = await sweep()
    assert.equal(first.status, 'done')
    assert.ok(first.status === 'done' && first.counts.requestRecords >= 1 && first.counts.sentMail >= 1)
    const second = await sweep()
    assert.deepEqual(second.status === 'done' ? second.counts : undefined, {
      sentMail: 0,
      verificationCodes: 0,
      requestRecords: 0,
      consentRecords: 0,
    })
    const entries = await db()
      .selectFrom('audit_entry')
      .select(['body', 'action'])
      .where('action', '=', 'retention.own-records')
      .execute()
    assert.ok(entries.length >= 2)
    const bodies = JSON.stringify(entries)
    assert.match(bodies, /requestRecords/)
    assert.doesNotMatch(bodies, /second@example\.com|blind-index|hash-of-the/)
  })

  it('while retention is paused, nothing goes', async () => {
    const kept = await mail('sent', ago(200 * DAY), ago(200 * DAY))
    await t.services.retention.setPaused(true, { type: 'system', id: 'test' })
    try {
      assert.deepEqual(await sweep(), { status: 'paused' })
      assert.ok((await outboxIds()).includes(kept))
    } finally {
      await t.services.retention.setPaused(false, { type: 'system', id: 'test' })
    }
    await sweep()
    assert.ok(!(await outboxIds()).includes(kept))
  })
})
