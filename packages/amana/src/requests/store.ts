import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { RequestStatus } from './domain/request-state.ts'
import type { DsrCodeTable, DsrFileTable, DsrRequestTable, DsrStepTable } from './schema.ts'

export type RequestRow = Selectable<DsrRequestTable>
type Db = Kysely<Database> | Transaction<Database>

export interface EventInput {
  readonly actor: { readonly type: string; readonly id: string }
  readonly kind: string
  readonly from?: RequestStatus | null
  readonly to?: RequestStatus | null
  readonly details?: Record<string, unknown>
}

/** The Kysely queries of the requests feature; nothing else touches its tables. */
// long-function: a store: one short query per method, kept together so every query of the feature is in one file
export const requestStore = (db: Kysely<Database>) => {
  const addEvent = async (trx: Db, requestId: string, at: Date, e: EventInput) => {
    await trx
      .insertInto('dsr_event')
      .values({
        request_id: requestId,
        at,
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        kind: e.kind,
        from_status: e.from ?? null,
        to_status: e.to ?? null,
        details: JSON.stringify(e.details ?? {}),
      })
      .execute()
  }

  return {
    db,
    addEvent,
    byId: (id: string) => db.selectFrom('dsr_request').selectAll().where('id', '=', id).executeTakeFirst(),
    byReference: (reference: string) =>
      db.selectFrom('dsr_request').selectAll().where('reference', '=', reference).executeTakeFirst(),

    /**
     * Moves a request from one of `from` to `to` and records the event, in one transaction. Undefined
     * when the request was not in `from` (someone else moved it first): the caller's action is moot.
     */
    async move(
      id: string,
      from: readonly RequestStatus[],
      to: RequestStatus,
      at: Date,
      event: Omit<EventInput, 'from' | 'to'>,
      patch: Updateable<DsrRequestTable> = {},
    ): Promise<RequestRow | undefined> {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('dsr_request')
          .select('status')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
        if (!current || !from.includes(current.status as RequestStatus)) return undefined
        const row = await trx
          .updateTable('dsr_request')
          .set({ ...patch, status: to, updated_at: at })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
        await addEvent(trx, id, at, { ...event, from: current.status as RequestStatus, to })
        return row
      })
    },

    async note(id: string, at: Date, event: EventInput, patch: Updateable<DsrRequestTable> = {}) {
      await db.transaction().execute(async (trx) => {
        if (Object.keys(patch).length > 0)
          await trx
            .updateTable('dsr_request')
            .set({ ...patch, updated_at: at })
            .where('id', '=', id)
            .execute()
        await addEvent(trx, id, at, event)
      })
    },

    events: (id: string) =>
      db.selectFrom('dsr_event').selectAll().where('request_id', '=', id).orderBy('seq').execute(),
    steps: (id: string) =>
      db.selectFrom('dsr_step').selectAll().where('request_id', '=', id).orderBy('position').execute(),
    tasks: (id: string) =>
      db.selectFrom('dsr_task').selectAll().where('request_id', '=', id).orderBy('created_at').execute(),

    insertRequest: (values: Insertable<DsrRequestTable>) =>
      db.insertInto('dsr_request').values(values).returningAll().executeTakeFirstOrThrow(),

    addFile: async (values: Insertable<DsrFileTable>) => {
      await db.insertInto('dsr_file').values(values).execute()
    },

    /** Stores the request's verification code (its hash), replacing any earlier one. */
    saveCode: async (code: { requestId: string; codeHash: string; expiresAt: Date; sentAt: Date }) => {
      const values = {
        code_hash: code.codeHash,
        expires_at: code.expiresAt,
        attempts: 0,
        sent_at: code.sentAt,
      }
      await db
        .insertInto('dsr_code')
        .values({ request_id: code.requestId, ...values })
        .onConflict((oc) => oc.column('request_id').doUpdateSet(values))
        .execute()
    },

    /**
     * Checks a typed code against the stored one under a row lock: `judge` decides; an accepted code
     * is deleted (used once), a refused one counts an attempt.
     */
    checkCode: <T extends { ok: boolean }>(
      requestId: string,
      judge: (stored: Selectable<DsrCodeTable> | undefined) => T,
    ): Promise<T> =>
      db.transaction().execute(async (trx) => {
        const stored = await trx
          .selectFrom('dsr_code')
          .selectAll()
          .where('request_id', '=', requestId)
          .forUpdate()
          .executeTakeFirst()
        const check = judge(stored)
        if (check.ok) await trx.deleteFrom('dsr_code').where('request_id', '=', requestId).execute()
        else if (stored)
          await trx
            .updateTable('dsr_code')
            .set({ attempts: stored.attempts + 1 })
            .where('request_id', '=', requestId)
            .execute()
        return check
      }),

    /** A request's file of one kind: the proof a requester uploaded, or the access package. */
    fileOf: (requestId: string, kind: 'proof' | 'package') =>
      db
        .selectFrom('dsr_file')
        .selectAll()
        .where('request_id', '=', requestId)
        .where('kind', '=', kind)
        .executeTakeFirst(),

    fileById: (id: string) => db.selectFrom('dsr_file').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Other open requests from the same address (by its blind index), optionally of one type. */
    openDuplicates: (emailIndex: string, exceptId: string, type?: string) => {
      let q = db
        .selectFrom('dsr_request')
        .select(['id', 'reference', 'status'])
        .where('email_index', '=', emailIndex)
        .where('id', '!=', exceptId)
        .where('status', 'not in', ['completed', 'denied', 'merged'])
      if (type !== undefined) q = q.where('type', '=', type)
      return q.execute()
    },

    addDownload: async (link: { tokenHash: string; requestId: string; fileId: string; expiresAt: Date }) => {
      await db
        .insertInto('dsr_download')
        .values({
          token_hash: link.tokenHash,
          request_id: link.requestId,
          file_id: link.fileId,
          expires_at: link.expiresAt,
        })
        .execute()
    },

    /** Marks a download link used, once and before it expires; undefined when it cannot be used. */
    useDownload: (tokenHash: string, requestId: string, now: Date) =>
      db
        .updateTable('dsr_download')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('request_id', '=', requestId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['file_id'])
        .executeTakeFirst(),

    /** Whether any execution step exists for the request (with `status`, one in that status). */
    hasStep: async (requestId: string, status?: DsrStepTable['status']) => {
      let q = db.selectFrom('dsr_step').select('step').where('request_id', '=', requestId)
      if (status !== undefined) q = q.where('status', '=', status)
      return (await q.executeTakeFirst()) !== undefined
    },

    /** Closes an open manual task with its evidence; its title, or undefined when it was not open. */
    completeTask: (requestId: string, taskId: string, done: { evidence: string; by: string; at: Date }) =>
      db
        .updateTable('dsr_task')
        .set({ state: 'done', evidence: done.evidence, done_by: done.by, done_at: done.at })
        .where('id', '=', taskId)
        .where('request_id', '=', requestId)
        .where('state', '=', 'open')
        .returning(['title'])
        .executeTakeFirst(),

    hasOpenTask: async (requestId: string) =>
      (await db
        .selectFrom('dsr_task')
        .select('id')
        .where('request_id', '=', requestId)
        .where('state', '=', 'open')
        .executeTakeFirst()) !== undefined,

    /** Counts a hit in a fixed window; true while the bucket is within `limit`. */
    async hit(bucket: string, now: Date, windowMs: number, limit: number): Promise<boolean> {
      const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
      const row = await db
        .insertInto('dsr_rate')
        .values({ bucket, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc
            .columns(['bucket', 'window_start'])
            .doUpdateSet((eb) => ({ count: eb('dsr_rate.count', '+', 1) })),
        )
        .returning('count')
        .executeTakeFirstOrThrow()
      return row.count <= limit
    },

    /** Open requests by effective due date (overdue first), each with whether a staff task is open. */
    async listOpen(limit: number) {
      return db
        .selectFrom('dsr_request')
        .selectAll()
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('dsr_task')
                .select('dsr_task.id')
                .whereRef('dsr_task.request_id', '=', 'dsr_request.id')
                .where('dsr_task.state', '=', 'open'),
            )
            .as('has_open_task'),
        )
        .where('status', 'not in', ['completed', 'denied', 'merged'])
        .orderBy((eb) => eb.fn.coalesce('extended_due_at', 'due_at'))
        .limit(limit)
        .execute()
    },

    /** Each system's record of a request's steps (counts, never values), in the order they started. */
    systemRecords: (requestId: string) =>
      db
        .selectFrom('dsr_system_step')
        .select([
          'step',
          'system',
          'status',
          'attempts',
          'changes',
          'error',
          'started_at',
          'finished_at',
          'recovered_at',
        ])
        .where('request_id', '=', requestId)
        .orderBy('started_at')
        .orderBy('system')
        .execute(),

    async list(filter: { status?: string; type?: string; overdueAt?: Date; limit: number }) {
      let q = db.selectFrom('dsr_request').selectAll()
      if (filter.status) q = q.where('status', '=', filter.status)
      if (filter.type) q = q.where('type', '=', filter.type)
      if (filter.overdueAt) {
        const at = filter.overdueAt
        q = q
          .where('status', 'not in', ['completed', 'denied', 'merged'])
          .where((eb) => eb(eb.fn.coalesce('extended_due_at', 'due_at'), '<', at))
      }
      return q
        .orderBy((eb) => eb.fn.coalesce('extended_due_at', 'due_at'))
        .limit(filter.limit)
        .execute()
    },
  }
}

export type RequestStore = ReturnType<typeof requestStore>
