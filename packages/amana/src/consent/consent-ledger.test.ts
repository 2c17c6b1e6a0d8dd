import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import { type AmanaDatabase, openDatabase } from '../platform/db/index.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import { createConsentLedger } from './consent-ledger.ts'
import type { ConsentRecord, RecordItem } from './domain/consent-record.ts'
import { type ConsentState, projectState } from './domain/consent-state.ts'
import { consentChannel, listRecords, loadState } from './store.ts'

const subject = () => randomBytes(32).toString('base64url')
const record = (subjectHash: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: randomUUID(),
  subjectHash,
  subjectKind: 'device',
  method: 'banner-custom',
  items: [{ target: 'category', id: 'analytics', channel: '*', granted: true }],
  policyVersion: 'v1',
  notice: 'banner:en',
  locale: 'en',
  jurisdiction: 'kw',
  source: 'https://rumrom.com/',
  gpc: false,
  conflict: false,
  child: false,
  recordedAt: new Date(),
  ...overrides,
})
const item = (id: string, granted: boolean): RecordItem => ({ target: 'category', id, channel: '*', granted })
const view = (s: ConsentState) => ({
  jurisdiction: s.jurisdiction,
  gpc: s.gpc,
  child: s.child,
  entries: [...s.entries.values()].map((e) => `${e.id}=${e.granted}@${e.seq}`).sort(),
})

describe('consent ledger (group commit)', () => {
  let database: AmanaDatabase
  const committed: string[] = []
  // Tiny batches and two in flight, so a burst spans many concurrent transactions.
  const ledger = () =>
    createConsentLedger(database.db, (subjects) => committed.push(...subjects), {
      maxBatch: 3,
      maxInFlight: 2,
    })
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.close())

  test("one subject's burst lands in arrival order, and the projection equals a replay", async () => {
    const l = ledger()
    const s = subject()
    const mine = Array.from({ length: 20 }, (_, i) =>
      record(s, {
        items: [item('analytics', i % 2 === 0), item('marketing', i % 3 === 0)],
        jurisdiction: i === 19 ? 'sa' : 'kw',
        gpc: i === 19,
        child: i === 4,
      }),
    )
    const others = Array.from({ length: 20 }, () => record(subject()))
    const burst = mine.flatMap((r, i) => [r, others[i] as ConsentRecord])
    const outcomes = await Promise.all(burst.map((r) => l.record(r)))
    assert.ok(outcomes.every((o) => o.status === 'recorded'))
    const ledgerOrder = await listRecords(database.db, { subjectHash: s, limit: 100 })
    assert.deepEqual(
      ledgerOrder.map((r) => r.id),
      mine.map((r) => r.id),
    )
    const projected = await loadState(database.db, s)
    assert.deepEqual(view(projected), view(projectState(ledgerOrder)))
    assert.deepEqual(
      { jurisdiction: projected.jurisdiction, gpc: projected.gpc, child: projected.child },
      { jurisdiction: 'sa', gpc: true, child: true },
    )
    assert.ok(committed.includes(s))
  })

  test('of two items for one target in a record, the later one wins', async () => {
    const s = subject()
    await ledger().record(record(s, { items: [item('analytics', true), item('analytics', false)] }))
    const state = await loadState(database.db, s)
    assert.equal(state.entries.size, 1)
    assert.equal([...state.entries.values()][0]?.granted, false)
  })

  test('a replayed id records nothing: in one batch, in a batch in flight, and after commit', async () => {
    const l = ledger()
    const s = subject()
    const first = record(s)
    const replay = { ...first, items: [item('analytics', false)] }
    const [a, b, c] = await Promise.all([l.record(first), l.record(replay), l.record(first)])
    assert.equal(a.status, 'recorded')
    assert.equal(b.status, 'duplicate')
    assert.equal(c.status, 'duplicate')
    assert.equal(b.record.seq, a.record.seq)
    // Later, from another ledger (another process): the stored record comes back.
    const later = await ledger().record(replay)
    assert.deepEqual(
      { status: later.status, seq: later.record.seq, granted: later.record.items[0]?.granted },
      { status: 'duplicate', seq: a.record.seq, granted: true },
    )
    assert.equal((await listRecords(database.db, { subjectHash: s, limit: 10 })).length, 1)
    assert.equal([...(await loadState(database.db, s)).entries.values()][0]?.granted, true)
  })

  test('a record PostgreSQL would refuse is refused alone; the rest of its batch is recorded', async () => {
    const l = ledger()
    const good = [record(subject()), record(subject(), { source: 'https://rumrom.com/\ud800' })]
    const [nul, notUuid, ...rest] = await Promise.allSettled([
      l.record(record(subject(), { source: 'https://rumrom.com/\u0000' })),
      l.record(record(subject(), { id: 'not-a-uuid' })),
      ...good.map((r) => l.record(r)),
    ])
    assert.equal(nul?.status === 'rejected' && nul.reason.code, 'VALIDATION_FAILED')
    assert.equal(notUuid?.status === 'rejected' && notUuid.reason.code, 'VALIDATION_FAILED')
    assert.deepEqual(
      rest.map((r) => r.status),
      ['fulfilled', 'fulfilled'],
    )
    // A lone surrogate is stored as U+FFFD, as it always was.
    const [stored] = await listRecords(database.db, { subjectHash: good[1]?.subjectHash, limit: 1 })
    assert.equal(stored?.source, 'https://rumrom.com/\ufffd')
  })

  test('NOTIFY names every changed subject, in payloads under 8000 bytes', async () => {
    const heard = new Set<string>()
    const onPayload = (payload: string | undefined) => {
      assert.ok((payload ?? '').length < 8000)
      for (const s of payload?.split(',') ?? []) heard.add(s)
    }
    let stop: () => Promise<void>
    if (database.pglite) stop = await database.pglite.listen(consentChannel, onPayload)
    else {
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      client.on('notification', (n) => onPayload(n.payload))
      await client.query(`LISTEN ${consentChannel}`)
      stop = () => client.end()
    }
    try {
      const subjects = Array.from({ length: 400 }, subject)
      const l = createConsentLedger(database.db, () => {}, { maxBatch: 400 })
      await Promise.all(subjects.map((s) => l.record(record(s))))
      const deadline = Date.now() + 1000
      while (subjects.some((s) => !heard.has(s)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10))
      assert.deepEqual(
        subjects.filter((s) => !heard.has(s)),
        [],
      )
    } finally {
      await stop()
    }
  })
})

test('two servers appending the same records in opposite orders both succeed, each record once', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: PGlite has one connection',
}, async () => {
  // A client that retries a record against another server can make two servers append the same
  // ids at once, in different orders: their statements then wait on each other's unique-index
  // entries, and PostgreSQL aborts one of them as a deadlock (after deadlock_timeout, 1 s by
  // default). Without a retry, the first round here already failed that way.
  const database = await createTestDatabase()
  const second = await openDatabase({ kind: 'postgres', url: database.url ?? '' })
  try {
    const a = createConsentLedger(database.db, () => {}, { maxBatch: 500 })
    const b = createConsentLedger(second.db, () => {}, { maxBatch: 500 })
    for (let round = 0; round < 3; round++) {
      const records = Array.from({ length: 200 }, () => record(subject()))
      const outcomes = await Promise.all([
        ...records.map((r) => a.record(r)),
        ...[...records].reverse().map((r) => b.record(r)),
      ])
      const recorded = outcomes.filter((o) => o.status === 'recorded').map((o) => o.record.id)
      assert.deepEqual(recorded.sort(), records.map((r) => r.id).sort(), `round ${round}`)
    }
  } finally {
    await second.close()
    await database.close()
  }
})
