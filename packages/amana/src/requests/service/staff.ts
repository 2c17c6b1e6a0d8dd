import { checkExtension, deadlineStatus } from '../domain/deadlines.ts'
import { isFinal, type RequestStatus } from '../domain/request-state.ts'
import type { Actor } from '../requests-service.ts'
import type { RequestRow } from '../store.ts'
import type { RequestsKit } from './kit.ts'
import { afterVerified, tell } from './notify.ts'

/** Staff accept an agent's or guardian's proof of authority (before anything has run). */
export const verifyProof = async (k: RequestsKit, id: string, actor: Actor) => {
  const now = k.deps.now()
  if (await k.store.hasStep(id)) return false
  const moved = await k.store.move(
    id,
    ['awaiting-staff'],
    'verified',
    now,
    { actor, kind: 'proof-accepted' },
    { verified_at: now },
  )
  if (!moved) return false
  await k.audit('proof-accepted', actor, id)
  await afterVerified(k, moved, actor)
  return true
}

export const deny = async (k: RequestsKit, id: string, actor: Actor, reason: string) => {
  const now = k.deps.now()
  if (reason.trim().length < 5) return false
  const moved = await k.store.move(
    id,
    ['received', 'verifying', 'awaiting-staff', 'verified', 'in-progress'],
    'denied',
    now,
    { actor, kind: 'denied', details: { reason } },
    { denial_reason: reason.trim(), completed_at: now, lease_owner: null, lease_until: null },
  )
  if (!moved) return false
  await k.audit('denied', actor, id, { type: moved.type })
  await tell(k, moved, 'denied', { reason: reason.trim() })
  return true
}

export const extend = async (k: RequestsKit, id: string, actor: Actor, reason: string) => {
  const { store } = k
  const now = k.deps.now()
  const row = await store.byId(id)
  if (!row || isFinal(row.status as RequestStatus) || row.extended_due_at)
    return { ok: false as const, reason: 'this request cannot be extended (closed or already extended)' }
  const check = checkExtension(k.deadlineOf(row), reason)
  if (!check.ok) return check
  await store.note(
    id,
    now,
    { actor, kind: 'extended', details: { dueAt: check.dueAt.toISOString(), reason } },
    { extended_due_at: check.dueAt, extension_reason: reason.trim() },
  )
  await k.audit('extended', actor, id, { dueAt: check.dueAt.toISOString() })
  const updated = await store.byId(id)
  if (updated)
    await tell(k, updated, 'extended', {
      date: check.dueAt.toISOString().slice(0, 10),
      reason: reason.trim(),
    })
  return check
}

export const addNote = async (k: RequestsKit, id: string, actor: Actor, note: string) => {
  if (!note.trim()) return
  await k.store.note(id, k.deps.now(), { actor, kind: 'note', details: { note: note.trim().slice(0, 2000) } })
  await k.audit('note', actor, id)
}

/** Closes a duplicate in favour of `intoReference` (same person, checked by blind index). */
export const merge = async (k: RequestsKit, id: string, actor: Actor, intoReference: string) => {
  const { store } = k
  const now = k.deps.now()
  const [row, into] = [await store.byId(id), await store.byReference(intoReference)]
  if (!row || !into || into.id === id || isFinal(into.status as RequestStatus))
    return { ok: false as const, reason: 'choose an open request to keep' }
  if (row.email_index === null || row.email_index !== into.email_index)
    return { ok: false as const, reason: 'only requests from the same address can be merged' }
  const moved = await store.move(
    id,
    ['verifying', 'awaiting-staff', 'verified'],
    'merged',
    now,
    { actor, kind: 'merged', details: { into: into.reference } },
    { merged_into: into.id, completed_at: now },
  )
  if (!moved) return { ok: false as const, reason: 'only a request not yet running can be merged' }
  await store.addEvent(k.deps.db, into.id, now, {
    actor,
    kind: 'merged-in',
    details: { from: row.reference },
  })
  await k.audit('merged', actor, id, { into: into.reference })
  return { ok: true as const }
}

/** Staff retry a failed execution now (the job's own retries may have run out). */
export const retry = async (k: RequestsKit, id: string, actor: Actor) => {
  const { store, deps } = k
  const row = await store.byId(id)
  if (!row || (row.status !== 'in-progress' && row.status !== 'awaiting-staff')) return false
  if (row.status === 'awaiting-staff') {
    // Waiting after a step that failed for good (not a review or a task): it runs again.
    if (!(await store.hasStep(id, 'failed'))) return false
    await store.move(id, ['awaiting-staff'], 'in-progress', deps.now(), { actor, kind: 'resumed' })
  }
  await store.note(id, deps.now(), { actor, kind: 'retry' }, { lease_until: null, lease_owner: null })
  await k.audit('retry', actor, id)
  await deps.enqueueExecution?.(id)
  return true
}

export const completeTask = async (
  k: RequestsKit,
  id: string,
  taskId: string,
  actor: Actor,
  evidence: string,
) => {
  const { store, deps } = k
  const now = deps.now()
  if (evidence.trim().length < 3) return false
  const done = await store.completeTask(id, taskId, {
    evidence: evidence.trim().slice(0, 2000),
    by: `${actor.type}:${actor.id}`,
    at: now,
  })
  if (!done) return false
  await store.addEvent(deps.db, id, now, { actor, kind: 'task-done', details: { task: done.title } })
  await k.audit('task-done', actor, id)
  if (!(await store.hasOpenTask(id))) {
    const moved = await store.move(id, ['awaiting-staff'], 'in-progress', now, { actor, kind: 'resumed' })
    if (moved) await deps.enqueueExecution?.(id)
  }
  return true
}

/** SLA countdown against the effective (possibly extended) due date. */
export const sla = (k: RequestsKit, row: RequestRow, now: Date) => {
  if (isFinal(row.status as RequestStatus)) return { kind: 'closed' as const, days: 0 }
  const s = deadlineStatus(row.extended_due_at ?? row.due_at, now, k.options.reminderDays)
  return s.kind === 'overdue'
    ? { kind: 'overdue' as const, days: s.daysOver }
    : { kind: s.kind, days: s.daysLeft }
}
