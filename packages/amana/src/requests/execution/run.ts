import { randomUUID } from 'node:crypto'
import { isAmanaError } from '../../platform/errors/index.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { TaskRequest } from '../domain/staff-task.ts'
import type { RequestRow } from '../store.ts'
import { staffTaskTitle } from '../task-title.ts'
import { type ExecutionContext, failureOf, type Step, type StepFailure, type StepOutcome } from './context.ts'
import { type StepName, stepsFor } from './step-names.ts'

export type RunOutcome = 'completed' | 'not-claimed' | 'waiting' | 'denied' | 'failed' | 'lost-lease'

export const renewLease = async (ctx: ExecutionContext, id: string, now: Date) =>
  (await ctx.db
    .updateTable('dsr_request')
    .set({ lease_owner: ctx.workerId, lease_until: new Date(now.getTime() + ctx.service.options.leaseMs) })
    .where('id', '=', id)
    .where('status', '=', 'in-progress')
    .where((eb) =>
      eb.or([
        eb('lease_owner', '=', ctx.workerId),
        eb('lease_until', 'is', null),
        eb('lease_until', '<', now),
      ]),
    )
    .returningAll()
    .executeTakeFirst()) as RequestRow | undefined

const release = (ctx: ExecutionContext, id: string) =>
  ctx.db
    .updateTable('dsr_request')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', ctx.workerId)
    .execute()

/**
 * A failed step is recorded on the step and the request. A retryable one is left to the job's
 * retries (and the sweep, once the lease lapses); a non-retryable one moves the request to
 * `awaiting-staff`, where nothing runs it again until staff press Retry.
 */
const recordFailure = async (
  ctx: ExecutionContext,
  row: RequestRow,
  step: StepName,
  failure: StepFailure,
) => {
  const now = ctx.service.deps.now()
  const { actor } = ctx
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dsr_step')
      .set({ status: 'failed', error: failure.message.slice(0, 1000), finished_at: now })
      .where('request_id', '=', row.id)
      .where('step', '=', step)
      .execute()
    await trx
      .updateTable('dsr_request')
      .set({
        last_error: `${step}: ${failure.message}`.slice(0, 1000),
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('lease_owner', '=', ctx.workerId)
      .execute()
    await ctx.store.addEvent(trx, row.id, now, {
      actor,
      kind: 'step-failed',
      details: { step, retryable: failure.retryable, error: failure.message.slice(0, 300) },
    })
  })
  await ctx.service.audit('step-failed', actor, row.id, { step, retryable: failure.retryable })
  if (failure.retryable) return
  const details = { step, failed: true }
  const moved = await ctx.store.move(row.id, ['in-progress'], 'awaiting-staff', now, {
    actor,
    kind: 'waiting-for-staff',
    details,
  })
  if (moved) await ctx.service.audit('waiting-for-staff', actor, row.id, details)
}

const recordDenied = async (ctx: ExecutionContext, id: string, name: StepName, reason: string, at: Date) => {
  await ctx.db
    .updateTable('dsr_step')
    .set({ status: 'done', result: JSON.stringify({ denied: true }), finished_at: at })
    .where('request_id', '=', id)
    .where('step', '=', name)
    .execute()
  await release(ctx, id)
  const denied = await ctx.store.move(
    id,
    ['in-progress'],
    'denied',
    at,
    { actor: ctx.actor, kind: 'denied', details: { reason } },
    { denial_reason: reason, completed_at: at },
  )
  if (!denied) return
  await ctx.service.audit('denied', ctx.actor, id, { step: name })
  await ctx.service.tell(denied, 'denied', { reason })
}

/** The step waits for staff: its tasks are stored as a code and values, with their English title. */
const recordWaiting = async (
  ctx: ExecutionContext,
  row: RequestRow,
  name: StepName,
  tasks: readonly TaskRequest[],
  at: Date,
) => {
  const { id } = row
  const context = { reference: row.reference, processors: ctx.service.deps.manifest.processors }
  await ctx.db.transaction().execute(async (trx) => {
    for (const t of tasks)
      await trx
        .insertInto('dsr_task')
        .values({
          id: randomUUID(),
          request_id: id,
          step: name,
          title: staffTaskTitle(t.task, 'en', context),
          code: t.task.code,
          params: JSON.stringify(t.task.params),
          target: t.target,
          state: 'open',
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['request_id', 'step', 'target']).doNothing())
        .execute()
    await trx
      .updateTable('dsr_step')
      .set({ status: 'waiting' })
      .where('request_id', '=', id)
      .where('step', '=', name)
      .execute()
  })
  await release(ctx, id)
  const details = { step: name, tasks: tasks.length }
  const moved = await ctx.store.move(id, ['in-progress'], 'awaiting-staff', at, {
    actor: ctx.actor,
    kind: 'waiting-for-staff',
    details,
  })
  if (moved) await ctx.service.audit('waiting-for-staff', ctx.actor, id, details)
}

/** Step results as flat audit details: numbers and strings only, never rows. */
export const flat = (result: Record<string, unknown>): Record<string, string | number | boolean> => {
  const out: Record<string, string | number | boolean> = {}
  for (const [k, v] of Object.entries(result)) {
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.length
  }
  return out
}

/** Done, unless another worker recorded this attempt first (then false: this worker lost the lease). */
const recordDone = async (
  ctx: ExecutionContext,
  id: string,
  name: StepName,
  attempt: number,
  result: Record<string, unknown>,
  at: Date,
) => {
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('dsr_step')
      .set({ status: 'done', result: JSON.stringify(result), finished_at: at })
      .where('request_id', '=', id)
      .where('step', '=', name)
      .where('status', '=', 'running')
      .where('attempts', '=', attempt)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return false
    await ctx.store.addEvent(trx, id, at, {
      actor: ctx.actor,
      kind: 'step-done',
      details: { step: name, attempt, ...flat(result) },
    })
    return true
  })
  if (recorded) await ctx.service.audit(`step.${name}`, ctx.actor, id, { attempt, ...flat(result) })
  return recorded
}

/** Runs one step under the lease; undefined when it is done and the next may start. */
const runStep = async (
  ctx: ExecutionContext,
  id: string,
  name: StepName,
  step: Step,
): Promise<RunOutcome | undefined> => {
  const now = ctx.service.deps.now()
  const current = await ctx.db
    .selectFrom('dsr_step')
    .selectAll()
    .where('request_id', '=', id)
    .where('step', '=', name)
    .executeTakeFirstOrThrow()
  if (current.status === 'done') return undefined
  const row = await renewLease(ctx, id, now)
  if (!row) return 'lost-lease'
  const attempt = current.attempts + 1
  // Compare-and-set on the attempt read above: a worker whose lease lapsed mid-step may record
  // it done between that read and this write; this worker must not run it a second time.
  const started = await ctx.db
    .updateTable('dsr_step')
    .set({ status: 'running', attempts: attempt, started_at: now, error: null })
    .where('request_id', '=', id)
    .where('step', '=', name)
    .where('attempts', '=', current.attempts)
    .where('status', '!=', 'done')
    .executeTakeFirst()
  if (Number(started.numUpdatedRows) !== 1) return 'lost-lease'
  let outcome: StepOutcome
  // A long step (a large erasure) keeps its lease: another worker must not take the request over
  // and run the same step at the same time.
  const heartbeat = setInterval(
    () => void renewLease(ctx, id, ctx.service.deps.now()).catch(() => {}),
    Math.max(250, Math.floor(ctx.service.options.leaseMs / 3)),
  )
  try {
    outcome = await step(row, now)
  } catch (error) {
    const failure = failureOf(error)
    ctx.service.deps.logger.warn(
      {
        requestId: id,
        step: name,
        retryable: failure.retryable,
        err:
          error instanceof Error
            ? { message: failure.message, code: isAmanaError(error) ? error.code : undefined }
            : undefined,
      },
      'request step failed',
    )
    clearInterval(heartbeat)
    await recordFailure(ctx, row, name, failure)
    if (failure.retryable) throw failure
    return 'failed'
  }
  clearInterval(heartbeat)
  const at = ctx.service.deps.now()
  if (outcome.kind === 'deny') return (await recordDenied(ctx, id, name, outcome.reason, at), 'denied')
  if (outcome.kind === 'waiting') return (await recordWaiting(ctx, row, name, outcome.tasks, at), 'waiting')
  return (await recordDone(ctx, id, name, attempt, outcome.result, at)) ? undefined : 'lost-lease'
}

/** Runs what is left of a request. Throws only for a retryable failure (the job retries with backoff). */
export const runRequest = async (
  ctx: ExecutionContext,
  steps: Record<StepName, Step>,
  id: string,
): Promise<RunOutcome> => {
  const row = await renewLease(ctx, id, ctx.service.deps.now())
  if (!row) return 'not-claimed'
  const type = row.type as RequestType
  const names = stepsFor(
    type,
    ctx.service.options.orderNumberFor.includes(type) && row.order_number_enc !== null,
  )
  await ctx.db
    .insertInto('dsr_step')
    .values(names.map((step, position) => ({ request_id: id, step, position, status: 'pending' as const })))
    .onConflict((oc) => oc.columns(['request_id', 'step']).doNothing())
    .execute()
  for (const name of names) {
    const stopped = await runStep(ctx, id, name, steps[name])
    if (stopped) return stopped
  }
  const at = ctx.service.deps.now()
  const done = await ctx.store.move(
    id,
    ['in-progress'],
    'completed',
    at,
    { actor: ctx.actor, kind: 'completed' },
    { completed_at: at, lease_owner: null, lease_until: null, last_error: null },
  )
  if (done) await ctx.service.audit('completed', ctx.actor, id, { type: done.type })
  return 'completed'
}
