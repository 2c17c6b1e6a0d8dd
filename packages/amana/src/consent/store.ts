import { type Kysely, sql, type Transaction } from 'kysely'
import type pg from 'pg'
import type { Database } from '../platform/db/index.ts'
import type {
  ConsentMethod,
  ConsentRecord,
  LedgerRecord,
  RecordItem,
  SubjectKind,
} from './domain/consent-record.ts'
import { type ConsentState, emptyState, entryKey, type StateEntry } from './domain/consent-state.ts'

/** NOTIFY channel: the payload is a comma-separated list of subject hashes whose state changed. */
export const consentChannel = 'amana_consent'

type Db = Kysely<Database>

const toLedgerRecord = (row: {
  seq: string
  id: string
  subject_hash: string
  subject_kind: string
  method: string
  items: RecordItem[]
  policy_version: string
  notice: string
  locale: string
  jurisdiction: string
  source: string
  gpc: boolean
  conflict: boolean
  child: boolean
  recorded_at: Date
}): LedgerRecord => ({
  seq: String(row.seq),
  id: row.id,
  subjectHash: row.subject_hash,
  subjectKind: row.subject_kind as SubjectKind,
  method: row.method as ConsentMethod,
  items: row.items,
  policyVersion: row.policy_version,
  notice: row.notice,
  locale: row.locale,
  jurisdiction: row.jurisdiction,
  source: row.source,
  gpc: row.gpc,
  conflict: row.conflict,
  child: row.child,
  recordedAt: new Date(row.recorded_at),
})

const notify = async (trx: Transaction<Database>, subjects: readonly string[]) => {
  // NOTIFY payloads are limited to 8000 bytes; subject hashes are 43 characters.
  for (let i = 0; i < subjects.length; i += 150) {
    await sql`select pg_notify(${consentChannel}, ${subjects.slice(i, i + 150).join(',')})`.execute(trx)
  }
}

export interface AppendOutcome {
  readonly inserted: readonly LedgerRecord[]
  /** Record ids already in the ledger (a replay): nothing was written for them. */
  readonly duplicates: readonly string[]
}

// Lowercase, as PostgreSQL returns it: outcomes are matched to callers by id.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * The first field of a record PostgreSQL would refuse (a NUL character in text, an id that is not a
 * lowercase UUID, an invalid date), or undefined. The ledger refuses such a record on its own, so it never
 * fails the batch it would have shared with other callers' records.
 */
export const unstorableField = (record: ConsentRecord): string | undefined => {
  if (!uuidPattern.test(record.id)) return 'id'
  if (Number.isNaN(record.recordedAt.getTime())) return 'recordedAt'
  const texts: [string, string][] = [
    ['subjectHash', record.subjectHash],
    ['subjectKind', record.subjectKind],
    ['method', record.method],
    ['policyVersion', record.policyVersion],
    ['notice', record.notice],
    ['locale', record.locale],
    ['jurisdiction', record.jurisdiction],
    ['source', record.source],
    ...record.items.flatMap((item, i): [string, string][] => [
      [`items.${i}.target`, item.target],
      [`items.${i}.id`, item.id],
      [`items.${i}.channel`, item.channel],
    ]),
  ]
  return texts.find(([, value]) => value.includes('\u0000'))?.[0]
}

/**
 * Appends records and updates the projections in one statement, so one round trip and one commit
 * per batch: the rows travel as one JSON parameter, the ledger insert's RETURNING feeds the
 * projection upserts (the highest seq wins per subject and target, later items of one record over
 * earlier ones), and NOTIFY names the subjects in chunks of 150 (payloads are limited to 8000
 * bytes; subject hashes are 43 characters). A record whose id is already in the ledger is skipped,
 * so a replayed POST records nothing twice; of one id repeated in a batch, the first occurrence wins.
 */
// long-function: one batched append, built and retried (on deadlock) as one unit
export const appendRecords = async (db: Db, records: readonly ConsentRecord[]): Promise<AppendOutcome> => {
  const byId = new Map<string, ConsentRecord>()
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r)
  const unique = [...byId.values()]
  if (unique.length === 0) return { inserted: [], duplicates: [] }
  // A lone surrogate would make the JSON invalid for PostgreSQL; as a text parameter it was stored
  // as U+FFFD, and still is.
  const text = (s: string) => s.toWellFormed()
  const rows = unique.map((r) => ({
    id: r.id,
    subject_hash: text(r.subjectHash),
    subject_kind: text(r.subjectKind),
    method: text(r.method),
    items: r.items.map((i) => ({
      target: text(i.target),
      id: text(i.id),
      channel: text(i.channel),
      granted: i.granted,
    })),
    policy_version: text(r.policyVersion),
    notice: text(r.notice),
    locale: text(r.locale),
    jurisdiction: text(r.jurisdiction),
    source: text(r.source),
    gpc: r.gpc,
    conflict: r.conflict,
    child: r.child,
    recorded_at: r.recordedAt,
  }))
  const result = await sql<{ seq: string; id: string }>`
    with input as (
      select r.* from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (
        id uuid, subject_hash text, subject_kind text, method text, items jsonb, policy_version text,
        notice text, locale text, jurisdiction text, source text, gpc boolean, conflict boolean,
        child boolean, recorded_at timestamptz
      )) with ordinality as r(id, subject_hash, subject_kind, method, items, policy_version, notice,
        locale, jurisdiction, source, gpc, conflict, child, recorded_at, ord)
    ),
    appended as (
      insert into consent_record (id, subject_hash, subject_kind, method, items, policy_version,
        notice, locale, jurisdiction, source, gpc, conflict, child, recorded_at)
      select id, subject_hash, subject_kind, method, items, policy_version, notice, locale,
        jurisdiction, source, gpc, conflict, child, recorded_at
      from input order by ord
      on conflict (id) do nothing
      returning seq, id, subject_hash, method, items, jurisdiction, gpc, child, recorded_at
    ),
    entries as (
      select distinct on (a.subject_hash, e.target, e.id, e.channel)
        a.subject_hash, e.target, e.id as target_id, e.channel, e.granted, a.method,
        a.seq as record_seq, a.recorded_at
      from appended a cross join lateral rows from (jsonb_to_recordset(a.items) as (
        target text, id text, channel text, granted boolean
      )) with ordinality as e(target, id, channel, granted, n)
      order by a.subject_hash, e.target, e.id, e.channel, a.seq desc, e.n desc
    ),
    state as (
      insert into consent_state (subject_hash, target, target_id, channel, granted, method,
        record_seq, recorded_at)
      select * from entries
      on conflict (subject_hash, target, target_id, channel) do update set
        granted = excluded.granted, method = excluded.method, record_seq = excluded.record_seq,
        recorded_at = excluded.recorded_at
      where consent_state.record_seq < excluded.record_seq
    ),
    subjects as (
      select distinct on (subject_hash) subject_hash, jurisdiction, gpc,
        bool_or(child) over (partition by subject_hash) as child, recorded_at
      from appended order by subject_hash, seq desc
    ),
    subject as (
      insert into consent_subject (subject_hash, jurisdiction, gpc, child, restricted, updated_at)
      select subject_hash, jurisdiction, gpc, child, null, recorded_at from subjects
      on conflict (subject_hash) do update set
        jurisdiction = excluded.jurisdiction, gpc = excluded.gpc,
        -- Once a child, always treated as one: a later banner click cannot undo it.
        child = consent_subject.child or excluded.child, updated_at = excluded.updated_at
    ),
    notified as (
      select count(pg_notify(${consentChannel}, list)) as n from (
        select string_agg(subject_hash, ',') as list from (
          select subject_hash, (row_number() over (order by subject_hash) - 1) / 150 as chunk from subjects
        ) numbered group by chunk
      ) chunks
    )
    select appended.seq, appended.id from appended, notified`.execute(db)
  const seqOf = new Map(result.rows.map((r) => [r.id, String(r.seq)]))
  const inserted = unique
    .flatMap((r) => {
      const seq = seqOf.get(r.id)
      return seq === undefined ? [] : [{ ...r, seq }]
    })
    .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
  const duplicates = records.filter((r) => !seqOf.has(r.id)).map((r) => r.id)
  return { inserted, duplicates }
}

/**
 * Several subjects' projected states in one indexed query (primary keys of both tables). One
 * text for any number of subjects (`= any($1)`), so a connection can keep it prepared.
 */
const statesQuery = (db: Db, subjectHashes: readonly string[]) =>
  db
    .selectFrom('consent_subject as s')
    .leftJoin('consent_state as c', 'c.subject_hash', 's.subject_hash')
    .select([
      's.subject_hash',
      's.jurisdiction',
      's.gpc',
      's.child',
      's.restricted',
      'c.target',
      'c.target_id',
      'c.channel',
      'c.granted',
      'c.method',
      'c.record_seq',
      'c.recorded_at',
    ])
    .where(sql<boolean>`s.subject_hash = any(${[...subjectHashes]}::text[])`)

type StateRow = Awaited<ReturnType<ReturnType<typeof statesQuery>['execute']>>[number]

/** Several subjects' consent states in one query; a subject with no row gets the empty state. */
export const loadStates = async (
  db: Db,
  subjectHashes: readonly string[],
): Promise<Map<string, ConsentState>> => statesOf(await statesQuery(db, subjectHashes).execute())

/**
 * loadStates on a client of its own, as a named statement: PostgreSQL plans it once per
 * connection instead of on every read, which was half of a cold decision's round trip.
 */
export const loadStatesPrepared = async (
  client: Pick<pg.ClientBase, 'query'>,
  db: Db,
  subjectHashes: readonly string[],
): Promise<Map<string, ConsentState>> => {
  const { sql: text, parameters } = statesQuery(db, subjectHashes).compile()
  const { rows } = await client.query<StateRow>({
    name: 'amana_consent_states',
    text,
    values: [...parameters],
  })
  return statesOf(rows)
}

const statesOf = (rows: readonly StateRow[]): Map<string, ConsentState> => {
  const states = new Map<string, ConsentState>()
  const entriesOf = new Map<string, Map<string, StateEntry>>()
  for (const r of rows) {
    let entries = entriesOf.get(r.subject_hash)
    if (!entries) {
      entries = new Map()
      entriesOf.set(r.subject_hash, entries)
      states.set(r.subject_hash, {
        jurisdiction: r.jurisdiction ?? undefined,
        gpc: r.gpc,
        child: r.child,
        restricted: r.restricted ?? [],
        entries,
      })
    }
    if (r.target === null || r.target_id === null || r.channel === null) continue
    entries.set(entryKey(r.target, r.target_id, r.channel), {
      target: r.target,
      id: r.target_id,
      channel: r.channel,
      granted: r.granted === true,
      method: r.method as ConsentMethod,
      seq: BigInt(r.record_seq ?? 0),
      recordedAt: new Date(r.recorded_at ?? 0),
    })
  }
  return states
}

/** One subject's consent state (the empty state when nothing was recorded). */
export const loadState = async (db: Db, subjectHash: string): Promise<ConsentState> =>
  (await loadStates(db, [subjectHash])).get(subjectHash) ?? emptyState

/** Sets (or with `null`, lifts) the restriction a data-subject request placed on a subject's processing. */
export const setRestriction = async (
  db: Db,
  subjectHash: string,
  purposes: readonly string[] | null,
  now: Date,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    const restricted = purposes === null ? null : JSON.stringify(purposes)
    await trx
      .insertInto('consent_subject')
      .values({ subject_hash: subjectHash, jurisdiction: null, restricted, updated_at: now })
      .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ restricted, updated_at: now }))
      .execute()
    await notify(trx, [subjectHash])
  })
}

export const getRecords = async (db: Db, ids: readonly string[]): Promise<LedgerRecord[]> => {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('consent_record').selectAll().where('id', 'in', ids).execute()
  return rows.map(toLedgerRecord)
}

export interface RecordQuery {
  readonly subjectHash?: string | undefined
  readonly from?: Date | undefined
  readonly to?: Date | undefined
  readonly afterSeq?: string | undefined
  readonly limit: number
}

/** Ledger records in ledger order, for a subject and/or a period; page with `afterSeq`. */
export const listRecords = async (db: Db, query: RecordQuery): Promise<LedgerRecord[]> => {
  let q = db.selectFrom('consent_record').selectAll()
  if (query.subjectHash) q = q.where('subject_hash', '=', query.subjectHash)
  if (query.from) q = q.where('recorded_at', '>=', query.from)
  if (query.to) q = q.where('recorded_at', '<', query.to)
  if (query.afterSeq) q = q.where('seq', '>', query.afterSeq)
  const rows = await q.orderBy('seq').limit(query.limit).execute()
  return rows.map(toLedgerRecord)
}

export interface RateRow {
  readonly day: string
  readonly target: string
  readonly id: string
  readonly granted: number
  readonly refused: number
}

/** Choices per day and purpose/category, for consent rates over time. */
export const consentRates = async (db: Db, from: Date, to: Date): Promise<RateRow[]> => {
  const result = await sql<{
    day: string
    target: string
    id: string
    granted: string | number
    refused: string | number
  }>`
    select to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD') as day,
           i->>'target' as target, i->>'id' as id,
           count(*) filter (where (i->>'granted')::boolean) as granted,
           count(*) filter (where not (i->>'granted')::boolean) as refused
    from consent_record r, jsonb_array_elements(r.items) as i
    where r.recorded_at >= ${from} and r.recorded_at < ${to}
    group by 1, 2, 3 order by 1, 2, 3`.execute(db)
  return result.rows.map((r) => ({
    day: r.day,
    target: r.target,
    id: r.id,
    granted: Number(r.granted),
    refused: Number(r.refused),
  }))
}
