import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { AffectedPerson } from './domain/scope.ts'
import type { IncidentTable, StoredScope } from './schema.ts'
import './schema.ts'

export type IncidentRow = Selectable<IncidentTable>

/** Every query the incidents feature runs on Amana's own database. */
// long-function: a store — one short query per method over one handle; split, a table's SQL would scatter
export const incidentStore = (db: Kysely<Database>) => ({
  insert: (row: {
    id: string
    reference: string
    discoveredAt: Date
    summary: string
    systems: readonly string[]
    categories: readonly string[]
    team: readonly string[]
    experts: readonly string[]
    now: Date
  }) =>
    db
      .insertInto('incident')
      .values({
        id: row.id,
        reference: row.reference,
        status: 'investigating',
        discovered_at: row.discoveredAt,
        summary: row.summary,
        systems: JSON.stringify(row.systems),
        categories: JSON.stringify(row.categories),
        team: JSON.stringify(row.team),
        experts: JSON.stringify(row.experts),
        scope: null,
        created_at: row.now,
        updated_at: row.now,
      })
      .execute(),
  get: (id: string) => db.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst(),
  list: () => db.selectFrom('incident').selectAll().orderBy('discovered_at', 'desc').limit(500).execute(),
  open: () => db.selectFrom('incident').selectAll().where('status', '!=', 'closed').execute(),
  update: (
    id: string,
    change: {
      status?: string | undefined
      team?: readonly string[] | undefined
      experts?: readonly string[] | undefined
      closedAt?: Date
    },
    now: Date,
  ) =>
    db
      .updateTable('incident')
      .set({
        updated_at: now,
        ...(change.status ? { status: change.status } : {}),
        ...(change.team ? { team: JSON.stringify(change.team) } : {}),
        ...(change.experts ? { experts: JSON.stringify(change.experts) } : {}),
        ...(change.closedAt ? { closed_at: change.closedAt } : {}),
      })
      .where('id', '=', id)
      .execute(),
  addEvent: (e: { incidentId: string; at: Date; actor: string; kind: string; note: string }) =>
    db
      .insertInto('incident_event')
      .values({ incident_id: e.incidentId, at: e.at, actor: e.actor, kind: e.kind, note: e.note })
      .execute(),
  events: (incidentId: string) =>
    db
      .selectFrom('incident_event')
      .select(['at', 'actor', 'kind', 'note'])
      .where('incident_id', '=', incidentId)
      .orderBy('id')
      .execute(),
  addAttachment: (a: {
    id: string
    incidentId: string
    filename: string
    contentType: string
    bytes: Buffer
    now: Date
  }) =>
    db
      .insertInto('incident_attachment')
      .values({
        id: a.id,
        incident_id: a.incidentId,
        filename: a.filename,
        content_type: a.contentType,
        bytes: a.bytes,
        created_at: a.now,
      })
      .execute(),
  attachments: (incidentId: string) =>
    db
      .selectFrom('incident_attachment')
      .select(['id', 'filename', 'content_type', 'created_at'])
      .select((eb) => eb.fn<number>('octet_length', ['bytes']).as('size'))
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .execute(),
  attachment: (incidentId: string, id: string) =>
    db
      .selectFrom('incident_attachment')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('id', '=', id)
      .executeTakeFirst(),
  saveScope: (incidentId: string, scope: StoredScope, people: readonly AffectedPerson[], now: Date) =>
    db.transaction().execute(async (tx) => {
      await tx
        .updateTable('incident')
        .set({ scope: JSON.stringify(scope), updated_at: now })
        .where('id', '=', incidentId)
        .execute()
      await tx.deleteFrom('incident_subject').where('incident_id', '=', incidentId).execute()
      if (people.length > 0)
        await tx
          .insertInto('incident_subject')
          .values(
            people.map((p) => ({
              incident_id: incidentId,
              subject_ref: p.ref,
              jurisdiction: p.jurisdiction,
              country: p.country,
              locale: p.locale,
              categories: JSON.stringify(p.categories),
              placed_by: p.placedBy,
              locale_by: p.localeBy,
              groups: JSON.stringify(p.groups),
            })),
          )
          .execute()
    }),
  subjects: (incidentId: string) =>
    db
      .selectFrom('incident_subject')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('subject_ref')
      .execute(),
  setLocale: (incidentId: string, ref: string, locale: string) =>
    db
      .updateTable('incident_subject')
      .set({ locale, locale_by: 'staff' })
      .where('incident_id', '=', incidentId)
      .where('subject_ref', '=', ref)
      .executeTakeFirst(),
  /** Claims the one notice for this person; false when one was already sent (the key refuses a second). */
  claimNotice: async (n: { incidentId: string; ref: string; locale: string; now: Date }) => {
    const inserted = await db
      .insertInto('incident_notice')
      .values({
        incident_id: n.incidentId,
        subject_ref: n.ref,
        locale: n.locale,
        outbox_id: null,
        status: 'queued',
        sent_at: n.now,
      })
      .onConflict((oc) => oc.columns(['incident_id', 'subject_ref']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  },
  noticeQueued: (incidentId: string, ref: string, outboxId: string | null, status: string) =>
    db
      .updateTable('incident_notice')
      .set({ outbox_id: outboxId, status })
      .where('incident_id', '=', incidentId)
      .where('subject_ref', '=', ref)
      .execute(),
  notices: (incidentId: string) =>
    db
      .selectFrom('incident_notice')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('subject_ref')
      .execute(),
  remindersSent: async (incidentId: string) =>
    new Set(
      (
        await db
          .selectFrom('incident_reminder')
          .select('clock')
          .where('incident_id', '=', incidentId)
          .execute()
      ).map((r) => r.clock),
    ),
  claimReminder: async (incidentId: string, clock: string, now: Date) => {
    const inserted = await db
      .insertInto('incident_reminder')
      .values({ incident_id: incidentId, clock, sent_at: now })
      .onConflict((oc) => oc.columns(['incident_id', 'clock']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  },
})

export type IncidentStore = ReturnType<typeof incidentStore>
