import {
  type EraseOutcome,
  type EraseProgress,
  type EraseStep,
  eraseSubject,
  type FoundFile,
  type Seed,
  type SystemResult,
} from '../../connectors/index.ts'
import type { CountedFrom } from '../schema.ts'
import type { RequestRow } from '../store.ts'
import {
  type ExecutionContext,
  failureOf,
  identifiersOf,
  manualWaiting,
  notFoundTasks,
  planOf,
  StepFailure,
  type StepOutcome,
  stableId,
} from './context.ts'
import { changedRows, type HoldInput, type SystemChange, type SystemStepRow } from './store.ts'

/** What a system's erasure changed, per table: counts and column names, never a value or a key. */
export const changesOf = (steps: readonly EraseStep[]): SystemChange[] =>
  steps.map((s) => ({
    table: s.table,
    action: s.action,
    rows: s.rows,
    columns: s.columns,
    ...(s.held
      ? {
          held: s.held.map((h) => ({
            columns: h.columns,
            until: h.until ?? null,
            ...(h.basis ? { countedFrom: h.basis } : {}),
          })),
        }
      : {}),
    ...(s.skipped ? { skipped: s.skipped } : {}),
  }))

const holdsOf = (system: string, steps: readonly EraseStep[]): HoldInput[] =>
  steps.flatMap((s) =>
    (s.held ?? []).map((h) => ({
      system,
      table: s.table,
      columns: h.columns,
      keys: h.keys,
      reason: h.reason,
      ...(h.law ? { law: h.law } : {}),
      ...(h.until ? { until: h.until } : {}),
      ...(h.basis ? { countedFrom: JSON.stringify(h.basis) } : {}),
    })),
  )

/** A system's changes in words: `customers: 1 delete, orders: 3 anonymise` (counts, never values). */
export const changeCounts = (changes: readonly SystemChange[]): string => {
  const changed = changes.filter((c) => Number(c.rows) > 0 && c.action !== 'held' && c.action !== 'none')
  return changed.length === 0
    ? 'nothing left to change'
    : changed.map((c) => `${c.table}: ${c.rows} ${c.action}`).join(', ')
}

/**
 * A record completed by a recovery after a crash between its commit and its record: a catalogue
 * code (`rp.sys.recovered`, rendered in the reader's language) and the counts per table.
 */
export const recoveredNote = (changes: readonly SystemChange[]) => ({
  code: 'rp.sys.recovered' as const,
  changes: changes
    .filter((c) => Number(c.rows) > 0 && c.action !== 'held' && c.action !== 'none')
    .map((c) => ({ table: c.table, action: c.action, rows: c.rows })),
})

/** A hold's stored "counted from" (a code's JSON), or null for a record made before it was kept. */
const countedFromOf = (text: string | null): CountedFrom | null => {
  if (!text?.startsWith('{')) return null
  try {
    return JSON.parse(text) as CountedFrom
  } catch {
    return null
  }
}

/** One line per system an earlier part of this step already changed, for a failure's message. */
export const doneElsewhere = (records: readonly SystemStepRow[]): string => {
  const done = records.filter((r) => r.status === 'done')
  if (done.length === 0) return 'nothing was changed in any other system'
  return `already done: ${done.map((r) => `${r.system} (${changeCounts(r.changes ?? [])})`).join('; ')}`
}

/** A recovered record, told to the request's history and the audit ledger (counts, never values). */
const recordRecovery = async (
  ctx: ExecutionContext,
  row: RequestRow,
  system: string,
  changes: SystemChange[],
) => {
  // Codes and counts only: the console says it in the reader's language (`rp.event.system-recovered`).
  const details = { step: 'erase', system, rows: changedRows(changes), changes: changeCounts(changes) }
  const at = ctx.service.deps.now()
  await ctx.store.addEvent(ctx.db, row.id, at, { actor: ctx.actor, kind: 'system-recovered', details })
  await ctx.service.audit('erase.recovered', ctx.actor, row.id, details)
}

const manualTaskDone = async (ctx: ExecutionContext, row: RequestRow, system: string) =>
  (
    await ctx.db
      .selectFrom('dsr_task')
      .select('state')
      .where('request_id', '=', row.id)
      .where('step', '=', 'erase')
      .where('target', '=', system)
      .executeTakeFirst()
  )?.state === 'done'

/** Each system's part recorded before it starts and after it commits; systems done before are skipped. */
const progressOf = (ctx: ExecutionContext, row: RequestRow, done: ReadonlySet<string>): EraseProgress => {
  const { execution } = ctx
  const at = () => ctx.service.deps.now()
  return {
    done,
    started: (system) => execution.systemStarted(row.id, 'erase', system, at()),
    committing: async (system, outcome, files) => {
      if (outcome.status !== 'completed') return
      await rememberFiles(ctx, row, system, files, at())
      await execution.systemCommitting(row.id, 'erase', system, changesOf(outcome.steps))
    },
    pendingFiles: (system) => rememberedFiles(ctx, row, system),
    async finished(system, outcome: EraseOutcome) {
      if (outcome.status !== 'completed') {
        // A manual system: done once staff marked its task done (Amana changed nothing there itself).
        if (!(await manualTaskDone(ctx, row, system)))
          return execution.systemWaiting(row.id, 'erase', system, at())
        await execution.systemDone(row.id, 'erase', system, { changes: [], holds: [] }, at())
        return
      }
      const result = { changes: changesOf(outcome.steps), holds: holdsOf(system, outcome.steps) }
      const done = await execution.systemDone(row.id, 'erase', system, result, at())
      if (done && done.recovered) await recordRecovery(ctx, row, system, done.recovered)
    },
    failed: (system, error) =>
      execution.systemFailed(row.id, 'erase', system, `${error.code}: ${error.message}`, at()),
  }
}

/** A JSON value sealed under the request's subject (shredded with it), in `dsr_file`. */
const sealJson = async (
  ctx: ExecutionContext,
  row: RequestRow,
  file: { id: string; kind: 'seeds' | 'erase-files'; name: string },
  value: unknown,
  now: Date,
) => {
  const payload = Buffer.from(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
  const { keyEnc } = await ctx.service.files.put(row.subject_id, file.id, payload)
  await ctx.db
    .insertInto('dsr_file')
    .values({
      id: file.id,
      request_id: row.id,
      kind: file.kind,
      name: file.name,
      content_type: 'application/json',
      size: payload.length,
      key_enc: keyEnc,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ key_enc: keyEnc, size: payload.length, created_at: now }),
    )
    .execute()
}

const openJson = async <T>(ctx: ExecutionContext, row: RequestRow, id: string): Promise<T | undefined> => {
  const file = await ctx.db.selectFrom('dsr_file').select('key_enc').where('id', '=', id).executeTakeFirst()
  if (!file) return undefined
  const bytes = await ctx.service.files.get(row.subject_id, id, file.key_enc)
  return JSON.parse(bytes.toString('utf8')) as T
}

/**
 * The values that lead from one system to another, sealed under the request's subject: a retry
 * after one system was erased still reaches the others' rows.
 */
const seedsFile = (row: RequestRow) => ({
  id: stableId(`${row.id}:erase-seeds`),
  kind: 'seeds' as const,
  name: 'erase-seeds.json',
})

const rememberSeeds = async (
  ctx: ExecutionContext,
  row: RequestRow,
  seeds: ReadonlyMap<string, readonly Seed[]>,
  now: Date,
) => {
  if ([...seeds.values()].every((list) => list.length === 0)) return
  await sealJson(ctx, row, seedsFile(row), [...seeds], now)
}

const rememberedSeeds = async (ctx: ExecutionContext, row: RequestRow) => {
  const entries = await openJson<[string, Seed[]][]>(ctx, row, seedsFile(row).id)
  return entries ? new Map(entries) : undefined
}

/**
 * A system's files that go once its erasure commits, sealed like the seeds (a file's name may be
 * personal) before the commit: a retry removes any still present.
 */
const filesFile = (row: RequestRow, system: string) => ({
  id: stableId(`${row.id}:erase-files:${system}`),
  kind: 'erase-files' as const,
  name: `erase-files-${system}.json`,
})

const rememberedFiles = async (ctx: ExecutionContext, row: RequestRow, system: string) =>
  (await openJson<FoundFile[]>(ctx, row, filesFile(row, system).id)) ?? []

const rememberFiles = async (
  ctx: ExecutionContext,
  row: RequestRow,
  system: string,
  files: readonly FoundFile[],
  now: Date,
) => {
  if (files.length === 0) return
  const earlier = await rememberedFiles(ctx, row, system)
  const seen = new Set(earlier.map((f) => JSON.stringify([f.store, f.ref])))
  const all = [...earlier, ...files.filter((f) => !seen.has(JSON.stringify([f.store, f.ref])))]
  await sealJson(
    ctx,
    row,
    filesFile(row, system),
    all.map(({ table, store, ref }) => ({ table, store, ref })),
    now,
  )
}

/** A system's failure, with what the other systems already did (they are not run again). */
const failedPart = async (ctx: ExecutionContext, row: RequestRow, results: SystemResult<EraseOutcome>[]) => {
  const failed = results.find((r) => !r.ok)
  if (!failed || failed.ok) return
  const cause = failureOf(failed.error)
  const records = await ctx.execution.systemSteps(row.id, 'erase')
  throw new StepFailure(`${failed.system}: ${cause.message}; ${doneElsewhere(records)}`, cause.retryable, {
    cause: failed.error,
  })
}

/** The step's result: every system's record (this attempt's and earlier ones'), and what holds kept. */
const eraseResult = async (ctx: ExecutionContext, row: RequestRow, results: SystemResult<EraseOutcome>[]) => {
  const order = planOf(ctx).systems.map((s) => s.id)
  const records = (await ctx.execution.systemSteps(row.id, 'erase')).sort(
    (a, b) => order.indexOf(a.system) - order.indexOf(b.system),
  )
  const holds = await ctx.execution.holdsOf(row.id)
  return {
    systems: records
      .filter((r) => r.status === 'done')
      .map((r) => {
        const now = results.find((x) => x.system === r.system)
        return {
          system: r.system,
          alreadyErased:
            r.recovered_at === null && now?.ok && now.outcome.status === 'completed'
              ? now.outcome.alreadyErased
              : false,
          attempts: r.attempts,
          steps: r.changes ?? [],
          ...(r.recovered_at ? { recovered: true, note: recoveredNote(r.changes ?? []) } : {}),
        }
      }),
    holds: holds.map((h) => ({
      system: h.system,
      table: h.table_name,
      columns: h.columns,
      rows: h.row_keys.length,
      until: h.until?.toISOString() ?? null,
      countedFrom: countedFromOf(h.counted_from),
    })),
  }
}

export const erase = async (ctx: ExecutionContext, row: RequestRow, now: Date): Promise<StepOutcome> => {
  const plan = planOf(ctx)
  const ids = await identifiersOf(ctx, row)
  const before = await ctx.execution.systemSteps(row.id, 'erase')
  const done = new Set(before.filter((r) => r.status === 'done').map((r) => r.system))
  const seeds = await rememberedSeeds(ctx, row)
  const report = await eraseSubject(plan, ctx.service.connectors(plan), ids, {
    now,
    eventTimes: (q) => ctx.execution.eventTimes(q),
    progress: {
      ...progressOf(ctx, row, done),
      ...(seeds ? { seeds } : {}),
      searched: (found) => rememberSeeds(ctx, row, found, now),
    },
  })
  await failedPart(ctx, row, report.results)
  const manual = report.results
    .filter((r) => r.ok && r.outcome.status === 'awaiting-staff')
    .map((r) => r.system)
  const { waiting } = await manualWaiting(ctx, row, 'erase', manual)
  if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
  // Systems an earlier attempt finished count as found when they changed or held a row.
  const after = await ctx.execution.systemSteps(row.id, 'erase')
  const foundBefore = [...before, ...after].some(
    (r) => r.status === 'done' && (r.changes ?? []).some((c) => c.rows > 0 || (c.held?.length ?? 0) > 0),
  )
  const found = report.subjectFound || foundBefore
  const notFound = found ? undefined : await notFoundTasks(ctx, row, 'erase', ids)
  if (notFound) return { kind: 'waiting', tasks: notFound }
  return {
    kind: 'done',
    result: {
      subjectFound: found,
      ...(await eraseResult(ctx, row, report.results)),
      files: report.files.map((f) => ({ store: f.store, status: f.status })),
    },
  }
}
