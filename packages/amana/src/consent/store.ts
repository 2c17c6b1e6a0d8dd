import { type Kysely, sql, type Transaction } from 'kysely'
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

/**
 * Appends records and updates the projections in one transaction. A record whose id is already in
 * the ledger is skipped, so a replayed POST records nothing twice.
 */
export const appendRecords = async (db: Db, records: readonly ConsentRecord[]): Promise<AppendOutcome> => {
  if (records.length === 0) return { inserted: [], duplicates: [] }
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('consent_record')
      .values(
        records.map((r) => ({
          id: r.id,
          subject_hash: r.subjectHash,
          subject_kind: r.subjectKind,
          method: r.method,
          items: JSON.stringify(r.items),
          policy_version: r.policyVersion,
          notice: r.notice,
          locale: r.locale,
          jurisdiction: r.jurisdiction,
          source: r.source,
          gpc: r.gpc,
          conflict: r.conflict,
          child: r.child,
          recorded_at: r.recordedAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['seq', 'id'])
      .execute()
    const seqOf = new Map(rows.map((r) => [r.id, String(r.seq)]))
    const inserted = records
      .filter((r) => seqOf.has(r.id))
      .map((r) => ({ ...r, seq: seqOf.get(r.id)! }))
      // A replay inside one batch: the first occurrence wins.
      .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
    const duplicates = records.filter((r) => !seqOf.has(r.id)).map((r) => r.id)
    if (inserted.length === 0) return { inserted, duplicates }

    const state = new Map<string, { subject: string; item: RecordItem; record: LedgerRecord }>()
    const subjects = new Map<string, LedgerRecord>()
    for (const record of inserted) {
      subjects.set(record.subjectHash, record)
      for (const item of record.items)
        state.set(`${record.subjectHash}\u0000${entryKey(item.target, item.id, item.channel)}`, {
          subject: record.subjectHash,
          item,
          record,
        })
    }
    const stateRows = [...state.values()]
    await trx
      .insertInto('consent_state')
      .values(
        stateRows.map(({ subject, item, record }) => ({
          subject_hash: subject,
          target: item.target,
          target_id: item.id,
          channel: item.channel,
          granted: item.granted,
          method: record.method,
          record_seq: record.seq,
          recorded_at: record.recordedAt,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['subject_hash', 'target', 'target_id', 'channel'])
          .doUpdateSet((eb) => ({
            granted: eb.ref('excluded.granted'),
            method: eb.ref('excluded.method'),
            record_seq: eb.ref('excluded.record_seq'),
            recorded_at: eb.ref('excluded.recorded_at'),
          }))
          .where('consent_state.record_seq', '<', (eb) => eb.ref('excluded.record_seq')),
      )
      .execute()
    const childSubjects = new Set(inserted.filter((r) => r.child).map((r) => r.subjectHash))
    await trx
      .insertInto('consent_subject')
      .values(
        [...subjects.values()].map((r) => ({
          subject_hash: r.subjectHash,
          jurisdiction: r.jurisdiction,
          gpc: r.gpc,
          child: childSubjects.has(r.subjectHash),
          restricted: null,
          updated_at: r.recordedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('subject_hash').doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          gpc: eb.ref('excluded.gpc'),
          // Once a child, always treated as one: a later banner click cannot undo it.
          child: sql<boolean>`consent_subject.child or excluded.child`,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
    await notify(trx, [...subjects.keys()])
    return { inserted, duplicates }
  })
}

/** The subject's projected state in one indexed query (primary keys of both tables). */
export const loadState = async (db: Db, subjectHash: string): Promise<ConsentState> => {
  const rows = await db
    .selectFrom('consent_subject as s')
    .leftJoin('consent_state as c', 'c.subject_hash', 's.subject_hash')
    .select([
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
    .where('s.subject_hash', '=', subjectHash)
    .execute()
  const first = rows[0]
  if (!first) return emptyState
  const entries = new Map<string, StateEntry>()
  for (const r of rows) {
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
  return {
    jurisdiction: first.jurisdiction ?? undefined,
    gpc: first.gpc,
    child: first.child,
    restricted: first.restricted ?? [],
    entries,
  }
}

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
