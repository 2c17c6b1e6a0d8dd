import { type Kysely, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'

export type ClockEntry = {
  event: string
  occurredAt: Date
  /** The language the event named (a sign-in in Arabic); kept when a later event names none. */
  locale?: string | undefined
} & (
  | { subject: { kind: string; id: string }; record?: undefined }
  | { record: { system: string; table: string; key: string }; subject?: undefined }
)

export const recordRef = (r: { system: string; table: string; key: string }) =>
  `record:${r.system}/${r.table}/${r.key}`
export const subjectRef = (s: { kind: string; id: string }) => `subject:${s.kind}/${s.id}`

export type RunRow = {
  id: string
  trigger: string
  status: string
  asOf: Date
  startedAt: Date
  finishedAt: Date | null
  progress: Record<string, unknown>
  counts: unknown[]
  digest: string | null
  error: string | null
}

const json = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>

const toRun = (r: {
  id: string
  trigger: string
  status: string
  as_of: Date
  started_at: Date
  finished_at: Date | null
  progress: unknown
  counts: unknown
  digest: string | null
  error: string | null
}): RunRow => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  asOf: new Date(r.as_of),
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  progress: json(r.progress),
  counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : (r.counts ?? [])) as unknown[],
  digest: r.digest,
  error: r.error,
})

/**
 * Retention's queries over its own tables (migration 0012).
 * long-function: one short query per method, each named for what it answers.
 */
export const retentionStore = (db: Kysely<Database>) => ({
  /** Starts or resets a clock: the latest time an event happened to a record or subject wins. */
  async setClocks(entries: readonly ClockEntry[]): Promise<void> {
    if (entries.length === 0) return
    await db
      .insertInto('retention_clock')
      .values(
        entries.map((e) => ({
          ref: e.record ? recordRef(e.record) : subjectRef(e.subject),
          event: e.event,
          subject_kind: e.subject?.kind ?? null,
          subject_id: e.subject?.id ?? null,
          system: e.record?.system ?? null,
          table_name: e.record?.table ?? null,
          record_key: e.record?.key ?? null,
          occurred_at: e.occurredAt,
          locale: e.locale ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['ref', 'event']).doUpdateSet({
          occurred_at: sql`excluded.occurred_at`,
          locale: sql`coalesce(excluded.locale, retention_clock.locale)`,
        }),
      )
      .execute()
  },

  /** Keys of a table's records whose `event` happened at or before `before`, after `after`, in order. */
  async dueRecordKeys(q: {
    system: string
    table: string
    event: string
    before: Date
    after?: string
    limit: number
  }): Promise<string[]> {
    let query = db
      .selectFrom('retention_clock')
      .select('record_key')
      .where('system', '=', q.system)
      .where('table_name', '=', q.table)
      .where('event', '=', q.event)
      .where('occurred_at', '<=', q.before)
    if (q.after !== undefined) query = query.where('record_key', '>', q.after)
    const rows = await query.orderBy('record_key').limit(q.limit).execute()
    return rows.map((r) => r.record_key as string)
  },

  /** Ids of subjects of `kinds` whose `event` happened at or before `before`, after `after`, in order. */
  async dueSubjects(q: {
    kinds: readonly string[]
    event: string
    before: Date
    after?: string
    limit: number
  }): Promise<{ kind: string; id: string }[]> {
    if (q.kinds.length === 0) return []
    let query = db
      .selectFrom('retention_clock')
      .select(['subject_kind', 'subject_id'])
      .where('subject_kind', 'in', [...q.kinds])
      .where('event', '=', q.event)
      .where('occurred_at', '<=', q.before)
    if (q.after !== undefined) query = query.where('subject_id', '>', q.after)
    const rows = await query.orderBy('subject_id').limit(q.limit).execute()
    return rows.map((r) => ({ kind: r.subject_kind as string, id: r.subject_id as string }))
  },

  async countRecordClocks(q: {
    system: string
    table: string
    event: string
    before: Date
  }): Promise<number> {
    const row = await db
      .selectFrom('retention_clock')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('system', '=', q.system)
      .where('table_name', '=', q.table)
      .where('event', '=', q.event)
      .where('occurred_at', '<=', q.before)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  async countSubjectClocks(q: { kinds: readonly string[]; event: string; before: Date }): Promise<number> {
    if (q.kinds.length === 0) return 0
    const row = await db
      .selectFrom('retention_clock')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('subject_kind', 'in', [...q.kinds])
      .where('event', '=', q.event)
      .where('occurred_at', '<=', q.before)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  /** Clocks of a subject's events (a sign-in), newest first. */
  async subjectClock(subject: { kind: string; id: string }, event: string): Promise<Date | undefined> {
    const row = await db
      .selectFrom('retention_clock')
      .select('occurred_at')
      .where('ref', '=', subjectRef(subject))
      .where('event', '=', event)
      .executeTakeFirst()
    return row ? new Date(row.occurred_at) : undefined
  },

  /**
   * Subjects of `kinds` whose last activity falls inside a notice window (on or before `before`)
   * and who have no notice about that very clock yet, after `after`, in order.
   */
  async unnoticedSubjects(q: {
    kinds: readonly string[]
    target: string
    before: Date
    after?: string
    limit: number
  }): Promise<{ kind: string; id: string; at: Date; locale: string | null }[]> {
    if (q.kinds.length === 0) return []
    let query = db
      .selectFrom('retention_clock as c')
      .leftJoin('retention_notice as n', (j) =>
        j
          .onRef('n.subject_ref', '=', 'c.ref')
          .onRef('n.clock_at', '=', 'c.occurred_at')
          .on('n.target', '=', q.target),
      )
      .select(['c.subject_kind', 'c.subject_id', 'c.occurred_at', 'c.locale'])
      .where('c.subject_kind', 'in', [...q.kinds])
      .where('c.event', '=', 'last-activity')
      .where('c.occurred_at', '<=', q.before)
      .where('n.subject_ref', 'is', null)
    if (q.after !== undefined) query = query.where('c.subject_id', '>', q.after)
    const rows = await query.orderBy('c.subject_id').limit(q.limit).execute()
    return rows.map((r) => ({
      kind: r.subject_kind as string,
      id: r.subject_id as string,
      at: new Date(r.occurred_at),
      locale: r.locale,
    }))
  },

  /** Claims the notice about one clock; false when it was claimed before (nothing is sent twice). */
  async claimNotice(n: {
    subjectRef: string
    target: string
    clockAt: Date
    locale: string
    deleteOn: Date
    at: Date
  }): Promise<boolean> {
    const result = await db
      .insertInto('retention_notice')
      .values({
        subject_ref: n.subjectRef,
        target: n.target,
        clock_at: n.clockAt,
        locale: n.locale,
        delete_on: n.deleteOn,
        queued_at: n.at,
        status: 'claimed',
      })
      .onConflict((oc) => oc.columns(['subject_ref', 'target', 'clock_at']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  },

  /**
   * Notices claimed but never recorded as queued: a sweep that died between the two. Only those
   * about the person's current period and not cancelled; the next sweep sends them.
   */
  async claimedNotices(
    target: string,
  ): Promise<{ subjectRef: string; clockAt: Date; locale: string; deleteOn: Date }[]> {
    const rows = await db
      .selectFrom('retention_notice as n')
      .innerJoin('retention_clock as c', (j) =>
        j
          .onRef('c.ref', '=', 'n.subject_ref')
          .onRef('c.occurred_at', '=', 'n.clock_at')
          .on('c.event', '=', 'last-activity'),
      )
      .select(['n.subject_ref', 'n.clock_at', 'n.locale', 'n.delete_on'])
      .where('n.target', '=', target)
      .where('n.status', '=', 'claimed')
      .where('n.cancelled_at', 'is', null)
      .execute()
    return rows.map((r) => ({
      subjectRef: r.subject_ref,
      clockAt: new Date(r.clock_at),
      locale: r.locale,
      deleteOn: new Date(r.delete_on),
    }))
  },

  async noticeQueued(n: { subjectRef: string; target: string; clockAt: Date; outboxId: string | null }) {
    await db
      .updateTable('retention_notice')
      .set({ outbox_id: n.outboxId, status: n.outboxId ? 'queued' : 'no-address' })
      .where('subject_ref', '=', n.subjectRef)
      .where('target', '=', n.target)
      .where('clock_at', '=', n.clockAt)
      .execute()
  },

  /** A sign-in: the subject's open notices no longer hold (their deletion is off). */
  async cancelNotices(subjectRef: string, at: Date): Promise<number> {
    const result = await db
      .updateTable('retention_notice')
      .set({ cancelled_at: at })
      .where('subject_ref', '=', subjectRef)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },

  /**
   * Of `refs`, the subjects whose notice about their current last-activity clock went out and
   * whose stated deletion date has come: only these may be deleted by a rule with a notice.
   */
  async noticedAndDue(q: { refs: readonly string[]; target: string; asOf: Date }): Promise<Set<string>> {
    if (q.refs.length === 0) return new Set()
    const rows = await db
      .selectFrom('retention_notice as n')
      .innerJoin('retention_clock as c', (j) =>
        j
          .onRef('c.ref', '=', 'n.subject_ref')
          .onRef('c.occurred_at', '=', 'n.clock_at')
          .on('c.event', '=', 'last-activity'),
      )
      .select('n.subject_ref')
      .where('n.subject_ref', 'in', [...q.refs])
      .where('n.target', '=', q.target)
      .where('n.cancelled_at', 'is', null)
      .where('n.status', '!=', 'claimed')
      .where('n.delete_on', '<=', q.asOf)
      .execute()
    return new Set(rows.map((r) => r.subject_ref))
  },

  /** Subjects (`kind/id` refs) whose rows no sweep may touch now. */
  async openFreezes(): Promise<string[]> {
    const rows = await db
      .selectFrom('subject_freeze')
      .select('subject_ref')
      .distinct()
      .where('released_at', 'is', null)
      .execute()
    return rows.map((r) => r.subject_ref)
  },

  async freeze(f: { subjectRef: string; reasonKind: string; reasonId: string; at: Date }): Promise<void> {
    await db
      .insertInto('subject_freeze')
      .values({
        subject_ref: f.subjectRef,
        reason_kind: f.reasonKind,
        reason_id: f.reasonId,
        created_at: f.at,
      })
      .execute()
  },

  async release(f: { reasonKind: string; reasonId: string; at: Date }): Promise<void> {
    await db
      .updateTable('subject_freeze')
      .set({ released_at: f.at })
      .where('reason_kind', '=', f.reasonKind)
      .where('reason_id', '=', f.reasonId)
      .where('released_at', 'is', null)
      .execute()
  },

  async createRun(r: { id: string; trigger: string; asOf: Date; startedAt: Date }): Promise<void> {
    await db
      .insertInto('retention_run')
      .values({ id: r.id, trigger: r.trigger, status: 'running', as_of: r.asOf, started_at: r.startedAt })
      .execute()
  },

  /** A sweep a failure interrupted: resumed by the next one. */
  async markInterrupted(id: string): Promise<void> {
    await db.updateTable('retention_run').set({ status: 'interrupted' }).where('id', '=', id).execute()
  },

  /** A sweep that stopped mid-way (its worker died, a system failed): the next one continues it. */
  async unfinishedRun(): Promise<RunRow | undefined> {
    const row = await db
      .selectFrom('retention_run')
      .selectAll()
      .where('status', 'in', ['running', 'interrupted'])
      .orderBy('started_at')
      .executeTakeFirst()
    return row ? toRun(row) : undefined
  },

  /** Progress is saved after each batch committed in the shop's system. */
  async saveProgress(id: string, progress: Record<string, unknown>, counts: unknown[]): Promise<void> {
    await db
      .updateTable('retention_run')
      .set({ progress: JSON.stringify(progress), counts: JSON.stringify(counts) })
      .where('id', '=', id)
      .execute()
  },

  async finishRun(
    id: string,
    end: { status: 'completed' | 'failed'; at: Date; digest?: string; error?: string },
  ): Promise<void> {
    await db
      .updateTable('retention_run')
      .set({ status: end.status, finished_at: end.at, digest: end.digest ?? null, error: end.error ?? null })
      .where('id', '=', id)
      .execute()
  },

  async runs(limit: number): Promise<RunRow[]> {
    const rows = await db
      .selectFrom('retention_run')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toRun)
  },

  /** A setting as it was put: the jsonb column comes back decoded (a text setting as a string). */
  async setting(key: string): Promise<unknown> {
    const row = await db
      .selectFrom('retention_setting')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst()
    return row?.value
  },

  async putSetting(key: string, value: unknown, at: Date): Promise<void> {
    await db
      .insertInto('retention_setting')
      .values({ key, value: JSON.stringify(value), updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
      .execute()
  },

  /**
   * The sweep lease: taken when free or expired, renewed by its holder. One statement, so two
   * workers racing for it cannot both win.
   */
  async takeLease(holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const value = JSON.stringify({ holder, until: new Date(now.getTime() + ttlMs).toISOString() })
    const result = await sql<{ key: string }>`
      insert into retention_setting (key, value, updated_at) values ('lease', ${value}::jsonb, ${now})
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
      where retention_setting.value->>'holder' = ${holder}
         or (retention_setting.value->>'until')::timestamptz < ${now}
      returning key`.execute(db)
    return result.rows.length > 0
  },

  /** Whether no worker holds the sweep lease now (none taken, or its holder stopped renewing it). */
  async leaseFree(now: Date): Promise<boolean> {
    const row = await db
      .selectFrom('retention_setting')
      .select('value')
      .where('key', '=', 'lease')
      .executeTakeFirst()
    const until = (row?.value as { until?: string } | undefined)?.until
    return until === undefined || new Date(until) < now
  },

  async releaseLease(holder: string): Promise<void> {
    await db
      .deleteFrom('retention_setting')
      .where('key', '=', 'lease')
      .where(sql<boolean>`value->>'holder' = ${holder}`)
      .execute()
  },
})

export type RetentionStore = ReturnType<typeof retentionStore>
