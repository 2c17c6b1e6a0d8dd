import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { DsrHoldTable, DsrSystemStepTable, SystemChange } from '../schema.ts'

export type { SystemChange }

export type SystemStepRow = Selectable<DsrSystemStepTable>
export type HoldRow = Selectable<DsrHoldTable>

export type HoldInput = {
  system: string
  table: string
  columns: string[]
  keys: unknown[][]
  reason: string | Record<string, string>
  law?: string
  until?: string
  /** What the period counts from, in words. */
  countedFrom?: string
}

/** What the holds of a system's erasure kept; a repeated call replaces the unfinished ones. */
const replaceHolds = async (
  trx: Transaction<Database>,
  requestId: string,
  system: string,
  holds: readonly HoldInput[],
  now: Date,
) => {
  await trx
    .deleteFrom('dsr_hold')
    .where('request_id', '=', requestId)
    .where('system', '=', system)
    .where('finished_at', 'is', null)
    .execute()
  if (holds.length === 0) return
  // Who the hold is about, as keyed hashes only: a freeze on that person pauses its end.
  const request = await trx
    .selectFrom('dsr_request')
    .select(['email_index', 'phone_index'])
    .where('id', '=', requestId)
    .executeTakeFirst()
  const subjectIndex = JSON.stringify(
    [request?.email_index, request?.phone_index].filter((i): i is string => typeof i === 'string'),
  )
  await trx
    .insertInto('dsr_hold')
    .values(
      holds.map((h) => ({
        id: randomUUID(),
        request_id: requestId,
        system: h.system,
        table_name: h.table,
        columns: JSON.stringify(h.columns),
        row_keys: JSON.stringify(h.keys),
        reason: JSON.stringify(h.reason),
        law: h.law ?? null,
        until: h.until ? new Date(h.until) : null,
        counted_from: h.countedFrom ?? null,
        subject_index: subjectIndex,
        created_at: now,
      })),
    )
    .execute()
}

/** Rows a system's change deleted or anonymised (held and untouched rows are not changes). */
export const changedRows = (changes: readonly SystemChange[]): number =>
  changes.reduce((n, c) => n + (c.action === 'delete' || c.action === 'anonymise' ? Number(c.rows) : 0), 0)

/** The queries of request execution: each system's part of a step, and what legal holds kept. */
// long-function: a store: one short query per method, kept together so every query of the feature is in one file
export const executionStore = (db: Kysely<Database>) => ({
  /** Each system's record of one step of a request. */
  systemSteps: (requestId: string, step: string): Promise<SystemStepRow[]> =>
    db
      .selectFrom('dsr_system_step')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('step', '=', step)
      .orderBy('started_at')
      .execute(),

  /** Before a system's change starts: running, one more attempt. */
  async systemStarted(requestId: string, step: string, system: string, now: Date): Promise<void> {
    await db
      .insertInto('dsr_system_step')
      .values({ request_id: requestId, step, system, status: 'running', attempts: 1, started_at: now })
      .onConflict((oc) =>
        oc
          .columns(['request_id', 'step', 'system'])
          .doUpdateSet((eb) => ({
            status: 'running',
            attempts: eb('dsr_system_step.attempts', '+', 1),
            started_at: now,
            error: null,
          }))
          // A record done by a run that overlapped this one stays as it is.
          .where('dsr_system_step.status', '!=', 'done'),
      )
      .execute()
  },

  /**
   * Just before a system's change commits: what it is about to commit (counts, never values). A
   * crash after the commit leaves this record "committing" with the intent; its recovery finds
   * nothing left and records the intent as the change (`systemDone`).
   */
  async systemCommitting(
    requestId: string,
    step: string,
    system: string,
    intent: SystemChange[],
  ): Promise<void> {
    // A recovery's own attempt finds nothing left: the interrupted attempt's intent stays on record.
    const json = JSON.stringify(intent)
    await db
      .updateTable('dsr_system_step')
      .set({
        status: 'committing',
        intent: changedRows(intent) > 0 ? json : sql<string>`coalesce(intent, ${json}::jsonb)`,
      })
      .where('request_id', '=', requestId)
      .where('step', '=', step)
      .where('system', '=', system)
      .where('status', '!=', 'done')
      .execute()
  },

  /**
   * After a system's change committed, with what it changed and what its holds kept, in one
   * transaction. A record already done is kept: a run that overlapped the one that did the work
   * finds nothing left and must not replace its record or its holds (false). A record an
   * interrupted attempt left with an intent, completed by a run that found nothing left to change,
   * records the interrupted attempt's changes and is marked recovered (`recovered`, with them).
   */
  systemDone: (
    requestId: string,
    step: string,
    system: string,
    result: { changes: SystemChange[]; holds: readonly HoldInput[] },
    now: Date,
  ): Promise<false | { recovered?: SystemChange[] }> =>
    db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('dsr_system_step')
        .select(['status', 'intent'])
        .where('request_id', '=', requestId)
        .where('step', '=', step)
        .where('system', '=', system)
        .forUpdate()
        .executeTakeFirst()
      if (!current || current.status === 'done') return false
      const recovered =
        current.intent && changedRows(current.intent) > 0 && changedRows(result.changes) === 0
          ? current.intent
          : undefined
      await trx
        .updateTable('dsr_system_step')
        .set({
          status: 'done',
          changes: JSON.stringify(recovered ?? result.changes),
          finished_at: now,
          error: null,
          ...(recovered ? { recovered_at: now } : {}),
        })
        .where('request_id', '=', requestId)
        .where('step', '=', step)
        .where('system', '=', system)
        .execute()
      await replaceHolds(trx, requestId, system, result.holds, now)
      return recovered ? { recovered } : {}
    }),

  /** A system that waits for staff (a manual system): its task says when it is done. */
  async systemWaiting(requestId: string, step: string, system: string, now: Date): Promise<void> {
    await db
      .updateTable('dsr_system_step')
      .set({ status: 'waiting', finished_at: now })
      .where('request_id', '=', requestId)
      .where('step', '=', step)
      .where('system', '=', system)
      .where('status', '!=', 'done')
      .execute()
  },

  async systemFailed(requestId: string, step: string, system: string, error: string, now: Date) {
    await db
      .updateTable('dsr_system_step')
      .set({ status: 'failed', error: error.slice(0, 1000), finished_at: now })
      .where('request_id', '=', requestId)
      .where('step', '=', step)
      .where('system', '=', system)
      .where('status', '!=', 'done')
      .execute()
  },

  holdsOf: (requestId: string): Promise<HoldRow[]> =>
    db
      .selectFrom('dsr_hold')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('system')
      .orderBy('table_name')
      .execute(),
})

/**
 * Holds whose period has ended and whose erasure is not finished yet, oldest first: retention
 * erases the `columns` (all the row's personal data when empty) of the rows `row_keys` name in
 * `system`.`table_name`, then calls `finishHold`.
 */
export const listExpiredHolds = (db: Kysely<Database>, now: Date, limit = 500): Promise<HoldRow[]> =>
  db
    .selectFrom('dsr_hold')
    .selectAll()
    .where('finished_at', 'is', null)
    .where('until', 'is not', null)
    .where('until', '<=', now)
    .orderBy('until')
    .limit(limit)
    .execute()

/** Marks a hold's erasure finished (retention did it); false when it was already. */
export const finishHold = async (db: Kysely<Database>, id: string, now: Date): Promise<boolean> => {
  const r = await db
    .updateTable('dsr_hold')
    .set({ finished_at: now, subject_index: '[]' })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
