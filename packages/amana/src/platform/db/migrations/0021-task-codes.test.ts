import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { type AmanaDatabase, openDatabase } from '../database.ts'
import { migrateToLatest } from '../migrate.ts'
import { migrations } from './index.ts'

/** An empty database of this run's engine: PGlite, or a database of its own on TEST_DATABASE_URL. */
const emptyDatabase = async (): Promise<AmanaDatabase> => {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return openDatabase({ kind: 'pglite-memory' })
  const name = `amana_m_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database "${name}"`).finally(() => admin.end())
  const own = new URL(url)
  own.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: own.toString() })
  return {
    ...database,
    close: async () => {
      await database.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists "${name}" with (force)`).finally(() => cleanup.end())
    },
  }
}

const REF = 'DSR-7K2M9Q'
// Titles exactly as the worker wrote them before 0021, by step and target.
const legacy: [step: string, target: string, title: string][] = [
  ['collect', 'support_inbox', `Find and export the subject's records in support_inbox (request ${REF})`],
  ['erase', 'support_inbox', `Erase the subject's records in support_inbox (request ${REF})`],
  ['rectify', 'paper_files', `Correct the subject's records in paper_files (request ${REF})`],
  [
    'erase',
    'subject-not-found',
    `No record of the requester of ${REF} was found in any system (searched by email and customer id). Check the identifier, then complete this task to answer that we hold no data about them, or deny the request`,
  ],
  [
    'processors',
    'couriers',
    `Tell Sahm Couriers (privacy@couriers.example) to erase the subject of request ${REF} (contact, delivery_address)`,
  ],
  [
    'processors',
    'payments',
    `Tell A payment processor in Kuwait (not yet named) to erase the subject of request ${REF} (identity, contact, payment)`,
  ],
  ['restrict', 'consent', `Record a withdraw-consent for request ${REF}: marketing_emails, analytics`],
]

test('0021-task-codes gives every task made before it its code and values, read from its step, target and English title', async () => {
  const database = await emptyDatabase()
  try {
    const db = database.db as unknown as Kysely<unknown>
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'amana_migration',
      migrationLockTableName: 'amana_migration_lock',
    })
    assert.equal((await migrator.migrateTo('0020-own-records')).error, undefined)
    const requestId = '00000000-0000-4000-8000-0000000000aa'
    await sql`insert into dsr_request (id, reference, type, status, locale, jurisdictions, subject_id, channel,
        requester_kind, needs_approval, status_token_hash, received_at, due_at, deadline_source, updated_at)
      values (${requestId}, ${REF}, 'withdraw-consent', 'awaiting-staff', 'en', '["kw"]'::jsonb, 'subject-1', 'form',
        'self', false, 'hash', now(), now(), 'kw', now())`.execute(db)
    for (const [i, [step, target, title]] of legacy.entries())
      await sql`insert into dsr_task (id, request_id, step, title, target, state, created_at)
        values (${`00000000-0000-4000-8000-00000000000${i}`}, ${requestId}, ${step}, ${title}, ${target}, 'open', now())`.execute(
        db,
      )

    await migrateToLatest(database.db)

    const rows = await sql<{
      target: string
      step: string
      code: string | null
      params: unknown
      title: string
    }>`
      select step, target, code, params, title from dsr_task order by id`.execute(db)
    assert.deepEqual(
      rows.rows.map((r) => [r.code, r.params]),
      [
        ['collect-in-system', { system: 'support_inbox' }],
        ['erase-in-system', { system: 'support_inbox' }],
        ['correct-in-system', { system: 'paper_files' }],
        ['subject-not-found', { identifiers: ['email', 'customer_id'] }],
        [
          'tell-processor',
          {
            processor: 'couriers',
            name: 'Sahm Couriers',
            email: 'privacy@couriers.example',
            categories: ['contact', 'delivery_address'],
          },
        ],
        [
          'tell-processor',
          {
            processor: 'payments',
            name: 'A payment processor in Kuwait (not yet named)',
            categories: ['identity', 'contact', 'payment'],
          },
        ],
        ['record-consent', { type: 'withdraw-consent', purposes: ['marketing_emails', 'analytics'] }],
      ],
    )
    assert.deepEqual(
      rows.rows.map((r) => r.title),
      legacy.map(([, , title]) => title),
      'the English title stays',
    )
  } finally {
    await database.close()
  }
})
