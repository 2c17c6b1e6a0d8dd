import { type Kysely, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { RetentionFreezePort } from './ports.ts'

/**
 * Writes retention's `subject_freeze` rows (migration 0012): while an incident or complaint is open,
 * no retention sweep deletes the people in it. Refs are `kind/id` as retention names subjects.
 */
export const createFreezeWriter = (db: Kysely<Database>): RetentionFreezePort => ({
  async freeze(subjectRefs, reason, now) {
    for (const ref of new Set(subjectRefs))
      await sql`insert into subject_freeze (subject_ref, reason_kind, reason_id, created_at)
        select ${ref}, ${reason.kind}, ${reason.id}, ${now}
        where not exists (select 1 from subject_freeze where subject_ref = ${ref} and reason_kind = ${reason.kind}
          and reason_id = ${reason.id} and released_at is null)`.execute(db)
  },
  async release(reason, now) {
    await sql`update subject_freeze set released_at = ${now}
      where reason_kind = ${reason.kind} and reason_id = ${reason.id} and released_at is null`.execute(db)
  },
})

/** `shop_db:customers:2` → `customer/2`: the person's key in the shop, as retention's refs name a subject. */
export const freezeRefOf = (subjectKind: string, ref: string): string =>
  `${subjectKind}/${ref.slice(ref.lastIndexOf(':') + 1)}`
