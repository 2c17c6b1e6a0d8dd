import { type Kysely, sql } from 'kysely'

// A staff task says what it is about as a code and its values (dsr_task.code, dsr_task.params), so
// the console and the API render it in the reader's language; `title` stays, the English sentence.
// Tasks made before are backfilled from their step, target and English title, which the worker
// wrote in exactly these shapes:
//   collect/erase/rectify  "<Verb> the subject's records in <system> (request <ref>)"  (target: the system)
//   subject-not-found      "No record ... (searched by email and customer id). ..."
//   processors             "Tell <name>[ (<email>)] to erase the subject of request <ref> (<cat>, <cat>)"
//   restrict (consent)     "Record a <type> for request <ref>: <purpose>, <purpose>" (or "no purpose applies")
// A title that does not match keeps its code only where the step and target say it all.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_task').addColumn('code', 'text').addColumn('params', 'jsonb').execute()

  await sql`update dsr_task set code = 'subject-not-found', params = jsonb_build_object('identifiers',
      coalesce(to_jsonb(regexp_split_to_array(replace(
        (regexp_match(title, '\\(searched by ([^)]*)\\)'))[1], 'customer id', 'customer_id'), ' and ')), '[]'::jsonb))
    where target = 'subject-not-found'`.execute(db)

  await sql`update dsr_task set
      code = case step when 'collect' then 'collect-in-system' when 'erase' then 'erase-in-system'
        else 'correct-in-system' end,
      params = jsonb_build_object('system', target)
    where step in ('collect', 'erase', 'rectify') and code is null`.execute(db)

  await sql`update dsr_task t set code = 'tell-processor', params = jsonb_strip_nulls(jsonb_build_object(
      'processor', t.target,
      'name', coalesce(case when m.email is null then m.name
        else left(m.name, length(m.name) - length(m.email) - 3) end, t.target),
      'email', m.email,
      'categories', coalesce(to_jsonb(string_to_array(m.categories, ', ')), '[]'::jsonb)))
    from (select id,
        (regexp_match(title, '^Tell (.*) to erase the subject of request '))[1] as name,
        (regexp_match(title, ' \\(([^()[:space:]]+@[^()[:space:]]+)\\) to erase the subject of request '))[1] as email,
        (regexp_match(title, '\\(([^()]*)\\)$'))[1] as categories
      from dsr_task where step = 'processors') m
    where m.id = t.id`.execute(db)

  await sql`update dsr_task t set code = 'record-consent', params = jsonb_build_object(
      'type', r.type,
      'purposes', case when m.purposes is null or m.purposes in ('', 'no purpose applies') then '[]'::jsonb
        else to_jsonb(string_to_array(m.purposes, ', ')) end)
    from (select id, (regexp_match(title, '.*: (.*)$'))[1] as purposes from dsr_task
        where step = 'restrict' and target = 'consent') m, dsr_request r
    where m.id = t.id and r.id = t.request_id`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_task').dropColumn('params').dropColumn('code').execute()
}
