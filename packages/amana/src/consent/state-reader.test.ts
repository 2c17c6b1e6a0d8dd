import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { KyselyPlugin } from 'kysely'
import type { AmanaDatabase } from '../platform/db/index.ts'
import { createLogger } from '../platform/logging/index.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import { createConsentLedger } from './consent-ledger.ts'
import type { ConsentRecord } from './domain/consent-record.ts'
import { createStateReader, type StateReader } from './state-reader.ts'

const subject = () => randomBytes(32).toString('base64url')
const record = (subjectHash: string, granted: boolean, jurisdiction: string): ConsentRecord => ({
  id: randomUUID(),
  subjectHash,
  subjectKind: 'account',
  method: 'banner-custom',
  items: [{ target: 'purpose', id: 'marketing', channel: 'email', granted }],
  policyVersion: 'v1',
  notice: 'banner:en',
  locale: 'en',
  jurisdiction,
  source: 'https://rumrom.com/',
  gpc: false,
  conflict: false,
  child: false,
  recordedAt: new Date(),
})

describe('consent state reader', () => {
  let database: AmanaDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.close())

  const burst = async (reader: StateReader) => {
    const ledger = createConsentLedger(database.db, () => {}, {})
    const subjects = Array.from({ length: 40 }, (_, i) => ({
      hash: subject(),
      granted: i % 2 === 0,
      jurisdiction: i % 3 === 0 ? 'sa' : 'kw',
    }))
    for (const s of subjects) await ledger.record(record(s.hash, s.granted, s.jurisdiction))
    const strangers = Array.from({ length: 10 }, subject)
    // All at once: while the first query is out, the rest wait and go together.
    const asked = [...subjects.map((s) => s.hash), ...strangers].sort(() => Math.random() - 0.5)
    const states = new Map(await Promise.all(asked.map(async (h) => [h, await reader.read(h)] as const)))
    for (const s of subjects) {
      const state = states.get(s.hash)
      assert.equal(state?.jurisdiction, s.jurisdiction, 'each subject keeps its own jurisdiction')
      assert.deepEqual(
        [...(state?.entries.values() ?? [])].map((e) => `${e.id}:${e.channel}=${e.granted}`),
        [`marketing:email=${s.granted}`],
      )
    }
    for (const h of strangers)
      assert.equal(states.get(h)?.entries.size, 0, 'nothing recorded: the empty state')
  }

  test('a burst of reads of different subjects goes in two queries, each subject getting its own state', async () => {
    let queries = 0
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    // No LISTEN connection (no url, no PGlite handle): every read goes through the pool, counted.
    const reader = await createStateReader(
      { ...database, url: undefined, pglite: undefined, db: database.db.withPlugin(counting) },
      createLogger({ level: 'silent' }),
    )
    try {
      await burst(reader)
      // The first read goes alone; the 49 that came while it was out share the next query.
      assert.equal(queries, 2, `50 reads in ${queries} queries`)
    } finally {
      await reader.close()
    }
  })

  test('with the LISTEN connection up (a prepared statement on PostgreSQL), the same burst reads the same states', async () => {
    const reader = await createStateReader(database, createLogger({ level: 'silent' }))
    try {
      await burst(reader)
      await burst(reader)
    } finally {
      await reader.close()
    }
  })

  test('a failed query fails the reads it carried, and the next read goes to the database again', async () => {
    const reader = await createStateReader(database, createLogger({ level: 'silent' }))
    try {
      await database.db.schema.alterTable('consent_subject').renameTo('consent_subject_away').execute()
      await assert.rejects(Promise.all([reader.read(subject()), reader.read(subject())]))
      await database.db.schema.alterTable('consent_subject_away').renameTo('consent_subject').execute()
      const fresh = subject()
      assert.equal((await reader.read(fresh)).entries.size, 0)
    } finally {
      await reader.close()
    }
  })
})
