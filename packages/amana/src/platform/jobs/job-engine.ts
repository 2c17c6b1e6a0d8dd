import { fromPglite, PgBoss } from 'pg-boss'
import type { z } from 'zod'
import { type AmanaDatabase, isConnectionLoss } from '../db/index.ts'
import { AmanaError } from '../errors/index.ts'
import type { Logger } from '../logging/index.ts'

/**
 * A job's definition (name, version, payload schema, retry policy) lives apart from its handler, so
 * producers can enqueue without importing the worker code.
 */
export interface JobDefinition<S extends z.ZodType> {
  readonly name: string
  readonly version: number
  readonly payload: S
  /** Retries before the job ends in the failed state; backoff doubles from retryDelaySeconds. */
  readonly retryLimit?: number
  readonly retryDelaySeconds?: number
}

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition

export type JobHandler<S extends z.ZodType> = (
  payload: z.infer<S>,
  context: { jobId: string; attempt: number },
) => Promise<void>

export interface JobEngine {
  register<S extends z.ZodType>(definition: JobDefinition<S>, handler: JobHandler<S>): void
  /** `startAfter`: the job is not run before this time (a reminder scheduled for its moment). */
  send<S extends z.ZodType>(
    definition: JobDefinition<S>,
    payload: z.infer<S>,
    options?: { readonly startAfter?: Date },
  ): Promise<string>
  /** Starts pulling jobs for every registered handler (the worker role). */
  startWorker(): Promise<void>
  state(jobName: string, id: string): Promise<JobState | undefined>
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>
}

export interface JobState {
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'
  readonly retryCount: number
  readonly output: unknown
}

const queueName = (d: { name: string; version: number }) => `${d.name}.v${d.version}`

/**
 * How a dead worker's jobs come back within a minute. A worker touches each job it holds every
 * `heartbeatSeconds / 2`; a job whose heartbeat is older than `heartbeatSeconds` (its worker was
 * killed, or lost the database) is failed by the supervisor and retried with the queue's backoff. The
 * supervisor of every process runs every `superviseIntervalSeconds` and expires jobs at most every
 * `monitorIntervalSeconds` (pg-boss's defaults are 60 s each, and 15 minutes of `expireInSeconds`
 * without heartbeats). A live worker keeps touching a long job, so no job is ever run twice at once
 * because it was slow.
 */
export const jobSupervision = {
  heartbeatSeconds: 10,
  superviseIntervalSeconds: 5,
  monitorIntervalSeconds: 5,
} as const

const newBoss = (database: AmanaDatabase): PgBoss =>
  database.kind === 'pglite' && database.pglite
    ? new PgBoss({
        db: fromPglite(database.pglite),
        backend: 'pglite',
        schema: 'amana_jobs',
        supervise: true,
        schedule: false,
        superviseIntervalSeconds: jobSupervision.superviseIntervalSeconds,
        monitorIntervalSeconds: jobSupervision.monitorIntervalSeconds,
      })
    : new PgBoss({
        connectionString: database.url!,
        schema: 'amana_jobs',
        max: 4,
        schedule: false,
        superviseIntervalSeconds: jobSupervision.superviseIntervalSeconds,
        monitorIntervalSeconds: jobSupervision.monitorIntervalSeconds,
      })

/**
 * pg-boss reports a lost connection (its pool, a worker's fetch, a heartbeat) as an 'error' event and
 * carries on: its pool reconnects and workers poll again. Logged, never thrown; while the database is
 * away a worker polls twice a second, so its line is written at most once every 10 s.
 */
const logBossErrors = (boss: PgBoss, logger: Logger) => {
  let quietUntil = 0
  boss.on('error', (error: Error) => {
    if (isConnectionLoss(error)) {
      if (Date.now() < quietUntil) return
      quietUntil = Date.now() + 10_000
      logger.warn({ reason: error.message }, 'job engine: database connection lost; retrying')
    } else logger.error({ err: error }, 'job engine error')
  })
}

interface Registered {
  readonly definition: JobDefinition<z.ZodType>
  readonly handler: JobHandler<z.ZodType>
}

/** What the engine's functions share: pg-boss, the handlers, the queues this process made. */
interface EngineKit {
  readonly boss: PgBoss
  readonly handlers: Map<string, Registered>
  readonly created: Set<string>
  working: boolean
}

const ensureQueue = async (k: EngineKit, definition: JobDefinition<z.ZodType>) => {
  const name = queueName(definition)
  if (k.created.has(name)) return name
  const options = {
    retryLimit: definition.retryLimit ?? 3,
    retryDelay: definition.retryDelaySeconds ?? 2,
    retryBackoff: true,
    heartbeatSeconds: jobSupervision.heartbeatSeconds,
  }
  await k.boss.createQueue(name, options)
  // createQueue leaves an existing queue as it was: a queue made by an older version gets the current
  // policy (the heartbeat above) here, once per process.
  await k.boss.updateQueue(name, options)
  k.created.add(name)
  return name
}

const sendJob = async <S extends z.ZodType>(
  k: EngineKit,
  definition: JobDefinition<S>,
  payload: z.infer<S>,
  options: { readonly startAfter?: Date } | undefined,
): Promise<string> => {
  const parsed = definition.payload.safeParse(payload)
  if (!parsed.success)
    throw new AmanaError(
      'VALIDATION_FAILED',
      `Job ${definition.name}: invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  const name = await ensureQueue(k, definition as JobDefinition<z.ZodType>)
  const id = await k.boss.send(
    name,
    parsed.data as object,
    options?.startAfter ? { startAfter: options.startAfter } : undefined,
  )
  if (!id) throw new AmanaError('CONFLICT', `Job ${definition.name} was not accepted by the queue`)
  return id
}

/** Runs one fetched batch; each job settles on its own. */
const runBatch = async (
  { definition, handler }: Registered,
  jobs: readonly { id: string; data: unknown }[],
) => {
  const results: { id: string; status: 'completed' | 'failed'; output?: unknown }[] = []
  for (const job of jobs) {
    try {
      await handler(definition.payload.parse(job.data), { jobId: job.id, attempt: 0 })
      results.push({ id: job.id, status: 'completed' })
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error))
      results.push({ id: job.id, status: 'failed', output: { name: e.name, message: e.message } })
    }
  }
  return results
}

const startWorker = async (k: EngineKit) => {
  if (k.working) return
  k.working = true
  for (const [name, registered] of k.handlers) {
    await ensureQueue(k, registered.definition)
    // Up to five jobs a fetch, fetched again at once while the fetches come back full: a backlog
    // drains continuously instead of one job per polling interval. Each job settles on its own.
    // Two fetchers per queue: a job mostly waits on databases, so a second one overlaps that wait.
    await k.boss.work(
      name,
      {
        pollingIntervalSeconds: 0.5,
        batchSize: 5,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: 2,
      },
      (jobs) => runBatch(registered, jobs),
    )
  }
}

export const createJobEngine = async (database: AmanaDatabase, logger: Logger): Promise<JobEngine> => {
  const boss = newBoss(database)
  logBossErrors(boss, logger)
  await boss.start()
  const k: EngineKit = { boss, handlers: new Map(), created: new Set(), working: false }

  return {
    register(definition, handler) {
      k.handlers.set(queueName(definition), {
        definition: definition as JobDefinition<z.ZodType>,
        handler: handler as JobHandler<z.ZodType>,
      })
    },
    send: (definition, payload, options) => sendJob(k, definition, payload, options),
    startWorker: () => startWorker(k),
    async state(jobName, id) {
      const job = await boss.getJobById(jobName.includes('.v') ? jobName : jobName, id)
      if (!job) return undefined
      return { state: job.state, retryCount: job.retryCount, output: job.output }
    },
    async stop({ graceful = true, timeoutMs = 10_000 } = {}) {
      await boss.stop({ graceful, timeout: timeoutMs, close: true })
    },
  }
}

export { queueName }

/**
 * A job engine usable before it has started: calls wait for `engine`. Lets the HTTP app and the
 * services be built while pg-boss starts, instead of after it.
 */
export const deferJobEngine = (engine: Promise<JobEngine>): JobEngine => ({
  register: () => {
    throw new Error('register handlers on the started engine, not the deferred one')
  },
  send: async (definition, payload, options) => (await engine).send(definition, payload, options),
  startWorker: async () => (await engine).startWorker(),
  state: async (jobName, id) => (await engine).state(jobName, id),
  stop: async (options) => (await engine).stop(options),
})
