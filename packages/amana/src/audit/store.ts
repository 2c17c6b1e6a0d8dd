import { type Kysely, sql, type Transaction } from 'kysely'
import { type Database, likeLiteral } from '../platform/db/index.ts'
import type { Checkpoint } from './domain/checkpoint.ts'
import { type ChainRow, type EntryProjection, HASH_CHARS } from './domain/entry.ts'
import type { ChainAnchor } from './domain/verify-chain.ts'

type Executor = Kysely<Database> | Transaction<Database>

const toCheckpoint = (r: {
  seq: string
  hash: string
  at: Date
  key_id: string
  signature: string
}): Checkpoint => ({
  seq: Number(r.seq),
  hash: r.hash,
  at: r.at,
  keyId: r.key_id,
  signature: r.signature,
})

/** Locks the single head row until the transaction ends: the one place chain order is decided. */
export const lockHead = async (trx: Transaction<Database>): Promise<ChainAnchor> => {
  const row = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return { seq: Number(row.seq), hash: row.hash }
}

export const readHead = async (db: Executor): Promise<ChainAnchor> => {
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return { seq: Number(row.seq), hash: row.hash }
}

export const setHead = async (trx: Transaction<Database>, head: ChainAnchor): Promise<void> => {
  await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute()
}

const unnestRows = (rows: readonly (ChainRow & EntryProjection)[]) =>
  sql`select * from unnest(${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.prevHash)}::text[],
      ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.actorType)}::text[],
      ${rows.map((r) => r.actorId)}::text[], ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.subjectId)}::text[])`

/** One statement for the whole batch: one array parameter per column, whatever the batch size. */
export const insertRows = async (
  db: Executor,
  rows: readonly (ChainRow & EntryProjection)[],
): Promise<void> => {
  await sql`insert into audit_entry (seq, body, prev_hash, hash, at, actor_type, actor_id, action, subject_id) ${unnestRows(rows)}`.execute(
    db,
  )
}

/** Inserts the batch and moves the head in one round trip (the head row must be locked). */
export const appendRows = async (
  trx: Transaction<Database>,
  rows: readonly (ChainRow & EntryProjection)[],
  head: ChainAnchor,
): Promise<void> => {
  await sql`with inserted as (insert into audit_entry (seq, body, prev_hash, hash, at, actor_type, actor_id, action, subject_id) ${unnestRows(rows)})
    update audit_head set seq = ${head.seq}, hash = ${head.hash} where id = 1`.execute(trx)
}

// The server checks that the readable columns open the body exactly as the ledger wrote them. Plain
// concatenation, no JSON functions: ids and actions are restricted to characters JSON does not escape
// (checkEvent), so the quoted column equals its JSON text. `||` and strpos(…) = 1 cost the server about
// half of concat() and starts_with(); every column but subject_id is NOT NULL, and a NULL fails the check.
const projectionOk = sql<boolean>`coalesce(strpos(body, '[1,' || seq || ',' || (date_part('epoch', at) * 1000)::int8
  || ',"' || actor_type || '","' || actor_id || '","' || action || '",' || coalesce('"' || subject_id || '"', 'null') || ',') = 1, false)`

export const readRows = async (
  db: Executor,
  afterSeq: number,
  limit: number,
  throughSeq?: number,
): Promise<ChainRow[]> => {
  let query = db
    .selectFrom('audit_entry')
    .select(['seq', 'body', 'prev_hash', 'hash', projectionOk.as('ok')])
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
  if (throughSeq !== undefined) query = query.where('seq', '<=', String(throughSeq))
  const rows = await query.execute()
  const out: ChainRow[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as (typeof rows)[number]
    out[i] = { seq: Number(r.seq), body: r.body, prevHash: r.prev_hash, hash: r.hash, projectionOk: r.ok }
  }
  return out
}

/**
 * Whether an entry with this action and target was appended at or after `since`: how a job
 * resumed after a crash learns that the entry it was about to write is already there. The target
 * is matched in the hashed body, where it is written as a JSON string between commas.
 */
export const hasEntry = async (
  db: Executor,
  q: { action: string; target: string; since: Date },
): Promise<boolean> => {
  const row = await db
    .selectFrom('audit_entry')
    .select('seq')
    .where('action', '=', q.action)
    .where('at', '>=', q.since)
    .where('body', 'like', `%,${likeLiteral(JSON.stringify(q.target))},%`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The entries in (afterSeq, throughSeq] in seq order, each as one chain text (see ChainVerifier.pushIntact):
 * one string a row is the cheapest read for the client to parse. The leading character is the server's
 * check: 1 when the readable columns agree with the body and hash and prev_hash are 64 characters long,
 * so that the text splits where expected (byte length: a multibyte character would not be hex anyway).
 */
export const readChainTexts = async (
  db: Executor,
  afterSeq: number,
  throughSeq: number,
): Promise<string[]> => {
  const { rows } = await sql<{ text: string }>`select
      case when octet_length(hash) = ${sql.lit(HASH_CHARS)} and octet_length(prev_hash) = ${sql.lit(HASH_CHARS)}
        and ${projectionOk} then '1' else '0' end || hash || prev_hash || body as text
    from audit_entry where seq > ${afterSeq} and seq <= ${throughSeq} order by seq`.execute(db)
  const texts: string[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) texts[i] = (rows[i] as { text: string }).text
  return texts
}

export const firstSeq = async (db: Executor): Promise<number | undefined> => {
  const row = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .executeTakeFirst()
  return row?.seq == null ? undefined : Number(row.seq)
}

export const seqRangeBetween = async (
  db: Executor,
  from: Date,
  to: Date,
): Promise<{ first: number; last: number } | undefined> => {
  const row = await db
    .selectFrom('audit_entry')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .where('at', '>=', from)
    .where('at', '<', to)
    .executeTakeFirst()
  return row?.first == null || row.last == null
    ? undefined
    : { first: Number(row.first), last: Number(row.last) }
}

export const insertCheckpoint = async (db: Executor, cp: Checkpoint): Promise<void> => {
  await db
    .insertInto('audit_checkpoint')
    .values({ seq: cp.seq, hash: cp.hash, at: cp.at, key_id: cp.keyId, signature: cp.signature })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute()
}

export const listCheckpoints = async (db: Executor): Promise<Checkpoint[]> =>
  (await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute()).map(toCheckpoint)

export const checkpointAt = async (db: Executor, seq: number): Promise<Checkpoint | undefined> => {
  const row = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('seq', '=', String(seq))
    .executeTakeFirst()
  return row ? toCheckpoint(row) : undefined
}

/** The newest checkpoint at or before `seq`. */
export const checkpointAtOrBefore = async (db: Executor, seq: number): Promise<Checkpoint | undefined> => {
  const row = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('seq', '<=', String(seq))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toCheckpoint(row) : undefined
}

/** The newest checkpoint signed before `cutoff`: the one pruning may cut up to. */
export const latestCheckpointBefore = async (db: Executor, cutoff: Date): Promise<Checkpoint | undefined> => {
  const row = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('at', '<', cutoff)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toCheckpoint(row) : undefined
}

export const entryHashAt = async (db: Executor, seq: number): Promise<string | undefined> => {
  const row = await db
    .selectFrom('audit_entry')
    .select('hash')
    .where('seq', '=', String(seq))
    .executeTakeFirst()
  return row?.hash
}

/** Deletes entries up to and including `throughSeq` and the checkpoints before it, keeping it as the anchor. */
export const pruneThrough = async (db: Kysely<Database>, throughSeq: number): Promise<number> =>
  db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('audit_entry')
      .where('seq', '<=', String(throughSeq))
      .executeTakeFirst()
    await trx.deleteFrom('audit_checkpoint').where('seq', '<', String(throughSeq)).execute()
    return Number(deleted.numDeletedRows)
  })

/** The stored hash of each entry at `seqs` that still exists. */
export const hashesAt = async (db: Executor, seqs: readonly number[]): Promise<Map<number, string>> => {
  const out = new Map<number, string>()
  for (let i = 0; i < seqs.length; i += 5000) {
    const chunk = seqs.slice(i, i + 5000).map(String)
    const rows = await db
      .selectFrom('audit_entry')
      .select(['seq', 'hash'])
      .where('seq', 'in', chunk)
      .execute()
    for (const r of rows) out.set(Number(r.seq), r.hash)
  }
  return out
}
