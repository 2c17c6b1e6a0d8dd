import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { ComplaintTable } from './schema.ts'
import './schema.ts'

export type ComplaintRow = Selectable<ComplaintTable>

/** Every query the complaints feature runs. */
export const complaintStore = (db: Kysely<Database>) => ({
  insert: (
    row: Omit<ComplaintRow, 'acknowledged_at' | 'resolved_at' | 'assignee' | 'resolution' | 'status'>,
  ) =>
    db
      .insertInto('complaint')
      .values({ ...row, status: 'open', assignee: null, resolution: null })
      .execute(),
  get: (id: string) => db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (filter: { overdueAt?: Date; status?: string }) => {
    let q = db.selectFrom('complaint').selectAll().orderBy('due_at').limit(500)
    if (filter.status) q = q.where('status', '=', filter.status)
    if (filter.overdueAt) q = q.where('status', '=', 'open').where('due_at', '<', filter.overdueAt)
    return q.execute()
  },
  acknowledged: (id: string, at: Date) =>
    db.updateTable('complaint').set({ acknowledged_at: at }).where('id', '=', id).execute(),
  update: (
    id: string,
    change: { assignee?: string; status?: string; resolution?: string; resolvedAt?: Date },
  ) =>
    db
      .updateTable('complaint')
      .set({
        ...(change.assignee !== undefined ? { assignee: change.assignee } : {}),
        ...(change.status ? { status: change.status } : {}),
        ...(change.resolution !== undefined ? { resolution: change.resolution } : {}),
        ...(change.resolvedAt ? { resolved_at: change.resolvedAt } : {}),
      })
      .where('id', '=', id)
      .execute(),
  addEvent: (e: { complaintId: string; at: Date; actor: string; kind: string; note: string }) =>
    db
      .insertInto('complaint_event')
      .values({ complaint_id: e.complaintId, at: e.at, actor: e.actor, kind: e.kind, note: e.note })
      .execute(),
  events: (id: string) =>
    db
      .selectFrom('complaint_event')
      .select(['at', 'actor', 'kind', 'note'])
      .where('complaint_id', '=', id)
      .orderBy('id')
      .execute(),
})
