import { type ExpressionBuilder, sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { deadlineReminderMail } from './reminder-mail.ts'
import type { RequestsService } from './requests-service.ts'

export interface SweepReport {
  readonly resumed: number
  readonly reminded: number
  readonly overdue: number
  readonly abandoned: number
  readonly expiredPackages: number
}

const system = { type: 'system' as const, id: 'requests-sweep' }
const open = ['received', 'verifying', 'awaiting-staff', 'verified', 'in-progress']
const due = (eb: ExpressionBuilder<Database, 'dsr_request'>) => eb.fn.coalesce('extended_due_at', 'due_at')

/** Requests whose worker's lease lapsed are queued again. */
const resumeStalled = async (service: RequestsService, now: Date) => {
  const { db } = service.deps
  const stale = new Date(now.getTime() - service.options.leaseMs)
  const stalled = await db
    .selectFrom('dsr_request')
    .select('id')
    .where('status', '=', 'in-progress')
    .where((eb) =>
      eb.or([
        eb('lease_until', '<', now),
        eb.and([eb('lease_until', 'is', null), eb('updated_at', '<', stale)]),
      ]),
    )
    .limit(500)
    .execute()
  for (const r of stalled) {
    await db.updateTable('dsr_request').set({ updated_at: now }).where('id', '=', r.id).execute()
    await service.deps.enqueueExecution?.(r.id)
  }

  return stalled.length
}

/**
 * Who hears about a request's deadline (the privacy contact) and the language each reads it in: a
 * staff member's own, else the organisation's first declared language.
 */
const reminderRecipients = async (service: RequestsService): Promise<Map<string, 'en' | 'ar'>> => {
  const { manifest, staffLanguages } = service.deps
  const contact = manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts.email
  const recipients = contact ? [contact] : []
  const staff = (await staffLanguages?.languagesOf(recipients)) ?? new Map<string, 'en' | 'ar'>()
  const fallback = manifest.organisation.languages[0] === 'ar' ? 'ar' : 'en'
  return new Map(recipients.map((to) => [to, staff.get(to) ?? fallback]))
}

/** Staff hear about a deadline before it passes (once per request), each in their language. */
const remindDue = async (service: RequestsService, now: Date) => {
  const { db } = service.deps
  const soon = new Date(now.getTime() + service.options.reminderDays * 86_400_000)
  const remind = await db
    .selectFrom('dsr_request')
    .selectAll()
    .where('status', 'in', open)
    .where('reminder_sent_at', 'is', null)
    .where((eb) => eb(due(eb), '<', soon))
    .limit(500)
    .execute()
  const recipients = remind.length > 0 ? await reminderRecipients(service) : new Map()
  for (const r of remind) {
    const dueDate = r.extended_due_at ?? r.due_at
    const dueAt = dueDate.toISOString().slice(0, 10)
    for (const [to, locale] of recipients) {
      const message = deadlineReminderMail(locale, r, dueDate, service.deps.publicUrl)
      await service.deps.mail.enqueue(
        { kind: 'transactional', to, ...message, headers: { 'Content-Language': locale } },
        now,
      )
    }
    await service.store.note(
      r.id,
      now,
      { actor: system, kind: 'reminder', details: { dueAt } },
      { reminder_sent_at: now },
    )
    await service.audit('reminder', system, r.id, { dueAt })
  }

  return remind.length
}

/** Overdue requests are flagged once. */
const flagOverdue = async (service: RequestsService, now: Date) => {
  const { db } = service.deps
  const late = await db
    .selectFrom('dsr_request')
    .select(['id'])
    .where('status', 'in', open)
    .where((eb) => eb(due(eb), '<', now))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('dsr_event')
            .select(sql`1`.as('x'))
            .whereRef('dsr_event.request_id', '=', 'dsr_request.id')
            .where('dsr_event.kind', '=', 'overdue'),
        ),
      ),
    )
    .limit(500)
    .execute()
  for (const r of late) {
    await service.store.note(r.id, now, { actor: system, kind: 'overdue' })
    await service.audit('overdue', system, r.id)
  }

  return late.length
}

/** Requests never verified are declined after the abandon period. */
const declineAbandoned = async (service: RequestsService, now: Date) => {
  const { db } = service.deps
  const abandonBefore = new Date(now.getTime() - service.options.abandonAfterDays * 86_400_000)
  const abandoned = await db
    .selectFrom('dsr_request')
    .select('id')
    .where('status', '=', 'verifying')
    .where('received_at', '<', abandonBefore)
    .limit(500)
    .execute()
  for (const r of abandoned) {
    const moved = await service.store.move(
      r.id,
      ['verifying'],
      'denied',
      now,
      { actor: system, kind: 'denied', details: { reason: 'identity not confirmed' } },
      { denial_reason: 'Identity was not confirmed with the code in time.', completed_at: now },
    )
    if (moved) await service.audit('denied', system, r.id, { reason: 'not-verified' })
  }

  return abandoned.length
}

/** Packages are deleted when their download period ends; old rate and download rows go too. */
const deleteExpired = async (service: RequestsService, now: Date) => {
  const { db } = service.deps
  const expired = await db
    .selectFrom('dsr_file')
    .select(['id', 'request_id'])
    .where('kind', '=', 'package')
    .where('expires_at', '<', now)
    .limit(500)
    .execute()
  for (const f of expired) {
    await service.files.remove(f.id)
    await db.deleteFrom('dsr_file').where('id', '=', f.id).execute()
    await service.store.addEvent(db, f.request_id, now, { actor: system, kind: 'package-deleted' })
  }
  await db
    .deleteFrom('dsr_rate')
    .where('window_start', '<', new Date(now.getTime() - 2 * 3_600_000))
    .execute()
  await db
    .deleteFrom('dsr_download')
    .where('expires_at', '<', new Date(now.getTime() - 86_400_000))
    .execute()
  return expired.length
}

/**
 * Keeps the queue honest: no request stays stuck (a lapsed lease is resumed), staff hear about a
 * deadline before it passes, overdue requests are flagged once, unverified requests do not linger,
 * and packages are deleted when their download period ends.
 */
export const sweepRequests = async (service: RequestsService, now: Date): Promise<SweepReport> => ({
  resumed: await resumeStalled(service, now),
  reminded: await remindDue(service, now),
  overdue: await flagOverdue(service, now),
  abandoned: await declineAbandoned(service, now),
  expiredPackages: await deleteExpired(service, now),
})
