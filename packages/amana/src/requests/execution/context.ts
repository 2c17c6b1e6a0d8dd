import { createHash } from 'node:crypto'
import type { DatasetPlan, SubjectIdentifier } from '../../connectors/index.ts'
import { type AmanaError, isAmanaError } from '../../platform/errors/index.ts'
import { systemTaskCodes, type TaskRequest } from '../domain/staff-task.ts'
import type { Actor, RequestsService } from '../requests-service.ts'
import type { RequestRow } from '../store.ts'
import type { StepName } from './step-names.ts'
import { executionStore } from './store.ts'

export type StepOutcome =
  | { kind: 'done'; result: Record<string, unknown> }
  | { kind: 'waiting'; tasks: TaskRequest[] }
  | { kind: 'deny'; reason: string }

export type Step = (row: RequestRow, now: Date) => Promise<StepOutcome>

/** What every step of one worker uses: the service, its database and the worker's identity. */
export type ExecutionContext = {
  readonly service: RequestsService
  readonly db: RequestsService['deps']['db']
  readonly store: RequestsService['store']
  /** The execution's queries, and when the shop recorded a hold's event (retention's clock). */
  readonly execution: ReturnType<typeof executionStore> & {
    readonly eventTimes: RequestsService['eventTimes']
  }
  readonly workerId: string
  /** The worker, as the actor of what it records. */
  readonly actor: Actor
}

export const executionContext = (service: RequestsService, workerId: string): ExecutionContext => ({
  service,
  db: service.deps.db,
  store: service.store,
  execution: { ...executionStore(service.deps.db), eventTimes: service.eventTimes },
  workerId,
  actor: { type: 'system', id: `worker:${workerId.slice(0, 8)}` },
})

/** Stable ids for files a step may write twice (a resumed worker overwrites, never duplicates). */
export const stableId = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The task that tells staff no system holds the requester. */
export const NOT_FOUND = 'subject-not-found'

export class StepFailure extends Error {
  readonly retryable: boolean
  constructor(message: string, retryable: boolean, options?: ErrorOptions) {
    super(message, options)
    this.retryable = retryable
  }
}

export const failureOf = (error: unknown): StepFailure => {
  if (error instanceof StepFailure) return error
  if (isAmanaError(error)) {
    // A connector says whether trying again can help (a lost connection can, a wrong password or a
    // constraint violation cannot); a schema mismatch needs the manifest or the schema fixed.
    const said = (error.details as { retryable?: unknown } | undefined)?.retryable
    const retryable =
      error.code === 'CONNECTOR_UNAVAILABLE' || error.code === 'CONNECTOR_FAILED'
        ? said === true || (error.code === 'CONNECTOR_UNAVAILABLE' && said === undefined)
        : error.code === 'DATABASE_UNREACHABLE' || error.code === 'JOB_FAILED'
    return new StepFailure(`${error.code}: ${error.message}`, retryable, { cause: error })
  }
  return new StepFailure('unexpected failure (see the server log)', true, { cause: error })
}

export const planOf = (ctx: ExecutionContext): DatasetPlan => {
  const p = ctx.service.deps.plan
  if (!p.ok)
    throw new StepFailure(
      `the manifest does not map to the shop's systems: ${p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      false,
    )
  return p.plan
}

export const resultsOrThrow = <T extends { ok: boolean }>(results: readonly T[]) => {
  const failed = results.find((r) => !r.ok) as (T & { error: AmanaError }) | undefined
  if (failed) throw failed.error
}

/** Manual systems: a task per system; done once staff completed it with evidence. */
export const manualWaiting = async (
  ctx: ExecutionContext,
  row: RequestRow,
  step: keyof typeof systemTaskCodes,
  systems: readonly string[],
) => {
  if (systems.length === 0) return { waiting: [] as TaskRequest[], evidence: [] as string[] }
  const tasks = await ctx.db
    .selectFrom('dsr_task')
    .selectAll()
    .where('request_id', '=', row.id)
    .where('step', '=', step)
    .execute()
  const waiting: TaskRequest[] = []
  const evidence: string[] = []
  for (const s of systems) {
    const task = tasks.find((t) => t.target === s)
    if (task?.state === 'done') evidence.push(`${s}: ${task.evidence ?? ''}`)
    else waiting.push({ target: s, task: { code: systemTaskCodes[step], params: { system: s } } })
  }
  return { waiting, evidence }
}

/**
 * The subject is in no system: staff hear of it (a task) before the request answers "we hold no
 * data", since a typo or another address is likelier than a stranger. Undefined once staff
 * confirmed it; on a resumed erasure whose earlier attempt may have erased everything, also.
 */
export const notFoundTasks = async (
  ctx: ExecutionContext,
  row: RequestRow,
  step: StepName,
  ids: readonly SubjectIdentifier[],
): Promise<TaskRequest[] | undefined> => {
  const [task, current] = await Promise.all([
    ctx.db
      .selectFrom('dsr_task')
      .select('state')
      .where('request_id', '=', row.id)
      .where('step', '=', step)
      .where('target', '=', NOT_FOUND)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('dsr_step')
      .select('attempts')
      .where('request_id', '=', row.id)
      .where('step', '=', step)
      .executeTakeFirst(),
  ])
  if (task?.state === 'done' || (step === 'erase' && !task && (current?.attempts ?? 0) > 1)) return undefined
  const identifiers = [...new Set(ids.map((i) => i.kind))]
  return [{ target: NOT_FOUND, task: { code: 'subject-not-found', params: { identifiers } } }]
}

export const identifiersOf = async (ctx: ExecutionContext, row: RequestRow): Promise<SubjectIdentifier[]> => {
  const ids = await ctx.service.verifiedIdentifiers(row)
  if (ids.length === 0)
    throw new StepFailure(
      'no verified identifier is readable for this request (it may have been shredded)',
      false,
    )
  return ids
}
