import type { Kysely } from 'kysely'

// dsr_system_step: one row per system an erasure step touches, written before the system's change
// starts and after it commits, with what it changed (counts per table and column, never values).
// A resumed or retried step skips the systems recorded done; a failure names what was done elsewhere.
// dsr_hold: what a legal hold kept on erasure (system, table, columns, the kept rows' keys) and
// until when; retention finishes the erasure once `until` has passed (listExpiredHolds).
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('dsr_system_step')
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changes', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('dsr_system_step_pk', ['request_id', 'step', 'system'])
    .execute()

  await db.schema
    .createTable('dsr_hold')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('row_keys', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'jsonb', (c) => c.notNull())
    .addColumn('law', 'text')
    .addColumn('until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('dsr_hold_request').on('dsr_hold').columns(['request_id']).execute()
  await db.schema.createIndex('dsr_hold_until').on('dsr_hold').columns(['until']).execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('dsr_hold').execute()
  await db.schema.dropTable('dsr_system_step').execute()
}
