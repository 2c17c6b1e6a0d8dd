import { type Kysely, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'

/**
 * The own-records sweep's queries over Amana's own tables. Each takes one batch of what is due
 * before `cutoff` (set-based, one short statement or transaction) and returns how many it changed,
 * so the caller loops until a batch comes back short. Running one again changes nothing.
 */
// long-function: a store: one short query per method, kept together so every query of the feature is in one file
export const ownRecordsStore = (db: Kysely<Database>) => ({
  /** Outbox rows of mail sent, suppressed or given up (their address and body are already gone). */
  async deleteSentMail(cutoff: Date, limit: number): Promise<number> {
    const result = await sql`
      delete from mail_outbox where id in (
        select id from mail_outbox
        where status in ('sent', 'suppressed', 'failed') and coalesce(sent_at, created_at) < ${cutoff}
        order by coalesce(sent_at, created_at) limit ${limit}
      )`.execute(db)
    return Number(result.numAffectedRows ?? 0)
  },

  /** Verification codes (hashes) whose expiry is older than the cutoff. */
  async deleteCodes(cutoff: Date, limit: number): Promise<number> {
    const result = await sql`
      delete from dsr_code where request_id in (
        select request_id from dsr_code where expires_at < ${cutoff} order by expires_at limit ${limit}
      )`.execute(db)
    return Number(result.numAffectedRows ?? 0)
  },

  /**
   * Closed requests (completed, denied, merged) closed before the cutoff, not yet reduced, with no
   * legal hold still running: their ids, vault subjects and files, for the caller to shred first.
   */
  async dueRequests(
    cutoff: Date,
    limit: number,
  ): Promise<{ id: string; subjectId: string; fileIds: string[] }[]> {
    const result = await sql<{ id: string; subject_id: string; file_ids: string[] | null }>`
      select r.id, r.subject_id,
        (select array_agg(f.id::text) from dsr_file f where f.request_id = r.id) as file_ids
      from dsr_request r
      where r.status in ('completed', 'denied', 'merged') and r.reduced_at is null
        and coalesce(r.completed_at, r.updated_at) < ${cutoff}
        and not exists (select 1 from dsr_hold h where h.request_id = r.id and h.finished_at is null)
      order by coalesce(r.completed_at, r.updated_at), r.id limit ${limit}`.execute(db)
    return result.rows.map((r) => ({ id: r.id, subjectId: r.subject_id, fileIds: r.file_ids ?? [] }))
  },

  /**
   * Reduces requests to their proof stub in one transaction: reference, type, status, jurisdictions
   * and dates stay (that a request was made and answered on time); every sealed value, blind
   * index, IP hash, status-token hash, free text, step result and hold's row keys go.
   */
  async reduceRequests(ids: readonly string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0
    return db.transaction().execute(async (trx) => {
      const list = sql.join(ids.map((id) => sql`${id}::uuid`))
      const reduced = await sql`
        update dsr_request set email_enc = null, email_index = null, phone_enc = null, phone_index = null,
          customer_id_enc = null, details_enc = null, order_number_enc = null, agent_name_enc = null,
          ip_hash = null, status_token_hash = 'reduced', changes = null, denial_reason = null,
          extension_reason = null, last_error = null, lease_owner = null, reduced_at = ${now}
        where id in (${list}) and reduced_at is null`.execute(trx)
      await sql`update dsr_event set details = '{}'::jsonb where request_id in (${list})`.execute(trx)
      await sql`update dsr_step set result = null, error = null where request_id in (${list})`.execute(trx)
      await sql`update dsr_system_step set error = null where request_id in (${list})`.execute(trx)
      await sql`update dsr_task set evidence = null where request_id in (${list})`.execute(trx)
      await sql`update dsr_hold set row_keys = '[]'::jsonb where request_id in (${list})`.execute(trx)
      for (const table of ['dsr_file', 'dsr_download', 'dsr_code'])
        await sql`delete from ${sql.table(table)} where request_id in (${list})`.execute(trx)
      return Number(reduced.numAffectedRows ?? 0)
    })
  },

  /**
   * Consent records whose every choice (purpose or category, per channel) the same person later
   * withdrew or replaced, by a record made before the cutoff: the proof period of the old choice
   * has ended. The record that holds a current choice is never due. The ledger's trigger allows
   * this delete only inside this transaction (migration 0020).
   */
  async deleteReplacedConsent(cutoff: Date, limit: number): Promise<number> {
    return db.transaction().execute(async (trx) => {
      await sql`select set_config('amana.own_records_sweep', 'on', true)`.execute(trx)
      const result = await sql`
        delete from consent_record where seq in (
          select r.seq from consent_record r
          where r.recorded_at < ${cutoff} and not exists (
            select 1 from jsonb_to_recordset(r.items) as i(target text, id text, channel text)
            where not exists (
              select 1 from consent_record l
              cross join lateral jsonb_to_recordset(l.items) as j(target text, id text, channel text)
              where l.subject_hash = r.subject_hash and l.seq > r.seq and l.recorded_at < ${cutoff}
                and j.target = i.target and j.id = i.id and j.channel = i.channel
            )
          )
          order by r.seq limit ${limit}
        )`.execute(trx)
      return Number(result.numAffectedRows ?? 0)
    })
  },

  /** Records one pass: its counts per kind and the periods it applied. */
  async recordRun(run: {
    trigger: string
    asOf: Date
    counts: Readonly<Record<string, number>>
    periods: Readonly<Record<string, string>>
  }): Promise<void> {
    await db
      .insertInto('own_records_run')
      .values({
        trigger: run.trigger,
        as_of: run.asOf,
        counts: JSON.stringify(run.counts),
        periods: JSON.stringify(run.periods),
      })
      .execute()
  },

  /** The latest passes, newest first. */
  async runs(limit: number) {
    const rows = await db
      .selectFrom('own_records_run')
      .select(['trigger', 'as_of', 'counts', 'periods'])
      .orderBy('as_of', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      trigger: r.trigger,
      asOf: r.as_of,
      counts: r.counts as Record<string, number>,
      periods: r.periods as Record<string, string>,
    }))
  },

  /** How many of each kind a pass at `cutoffs` would change (the dry run); reads only. */
  async countDue(
    cutoffs: Readonly<Record<'sentMail' | 'verificationCodes' | 'requestRecords' | 'consentRecords', Date>>,
  ) {
    const count = async (query: ReturnType<typeof sql<{ n: string | number }>>) =>
      Number((await query.execute(db)).rows[0]?.n ?? 0)
    return {
      sentMail: await count(sql`select count(*) as n from mail_outbox
        where status in ('sent', 'suppressed', 'failed') and coalesce(sent_at, created_at) < ${cutoffs.sentMail}`),
      verificationCodes: await count(
        sql`select count(*) as n from dsr_code where expires_at < ${cutoffs.verificationCodes}`,
      ),
      requestRecords: await count(sql`select count(*) as n from dsr_request r
        where r.status in ('completed', 'denied', 'merged') and r.reduced_at is null
          and coalesce(r.completed_at, r.updated_at) < ${cutoffs.requestRecords}
          and not exists (select 1 from dsr_hold h where h.request_id = r.id and h.finished_at is null)`),
      consentRecords: await count(sql`select count(*) as n from consent_record r
        where r.recorded_at < ${cutoffs.consentRecords} and not exists (
          select 1 from jsonb_to_recordset(r.items) as i(target text, id text, channel text)
          where not exists (
            select 1 from consent_record l
            cross join lateral jsonb_to_recordset(l.items) as j(target text, id text, channel text)
            where l.subject_hash = r.subject_hash and l.seq > r.seq and l.recorded_at < ${cutoffs.consentRecords}
              and j.target = i.target and j.id = i.id and j.channel = i.channel))`),
    }
  },
})

export type OwnRecordsStore = ReturnType<typeof ownRecordsStore>
