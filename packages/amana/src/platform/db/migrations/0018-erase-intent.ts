import type { Kysely } from 'kysely'

// dsr_system_step.intent: what a system's erasure is about to commit (counts per table, never
// values), written inside the erasure's transaction before it commits. A step found with an intent
// but not done was interrupted after (or just before) its commit; its recovery re-checks the system
// and, when nothing is left, records the intent as the change, with recovered_at set.
// dsr_hold.counted_from: what a hold's period counts from (an event's column, an event Amana
// recorded, or the erasure date), as the report and the console say it.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_system_step').addColumn('intent', 'jsonb').execute()
  await db.schema.alterTable('dsr_system_step').addColumn('recovered_at', 'timestamptz').execute()
  await db.schema.alterTable('dsr_hold').addColumn('counted_from', 'text').execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_hold').dropColumn('counted_from').execute()
  await db.schema.alterTable('dsr_system_step').dropColumn('recovered_at').execute()
  await db.schema.alterTable('dsr_system_step').dropColumn('intent').execute()
}
