import { type Kysely, sql } from 'kysely'

// The language a staff member reads Amana's mail in (request deadline and incident reminders):
// 'en' or 'ar'. Set from the invitation's language (the owner's from the setup page's); changed
// on "My account". Members made before it read English, as every reminder was until now.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table staff_member add column language text not null default 'en'`.execute(db)
  await sql`alter table staff_member add constraint staff_member_language check (language in ('en', 'ar'))`.execute(
    db,
  )
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table staff_member drop column language`.execute(db)
}
