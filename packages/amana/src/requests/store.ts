import type { Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { RequestStatus } from './domain/request-state.ts'
import type { DsrRequestTable } from './schema.ts'

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
