import type { Kysely } from 'kysely'

// Single-use recovery codes for staff two-step verification: only a keyed hash of each code is
// kept (staff/domain/recovery-codes.ts); a used code keeps its row with used_at set, so it cannot
// be used again and the account page can say how many are left.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('staff_recovery_code')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff_member.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('staff_recovery_code_staff')
    .on('staff_recovery_code')
    .column('staff_id')
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('staff_recovery_code').execute()
}
