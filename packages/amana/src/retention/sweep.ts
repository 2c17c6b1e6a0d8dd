import type { DatasetPlan, Opened, Seed, Subject, TablePlan } from '../connectors/index.ts'
import { retentionTablePlans } from './domain/erase-plan.ts'
import { dueBefore, isSubjectEvent, type RetentionTarget, retentionTargets } from './domain/plan.ts'
import { type Frozen, findFrozenRows, frozenTable } from './freezes.ts'
import { sendNotices } from './notices.ts'
import type { FrozenSubject, RetentionDeps } from './ports.ts'
import { type RetentionStore, retentionStore, subjectRef } from './store.ts'
import {
  type BatchCount,
  type BatchResult,
  chainDigest,
  eraseBatch,
  type StaffTask,
  shredBatch,
} from './sweep-batch.ts'

export type SweepCount = BatchCount & { target: string; categories: string[] }

export type SweepReport = {
  /** `interrupted`: a system failed mid-way; the next sweep resumes where the last batch committed. */
  status: 'completed' | 'paused' | 'busy' | 'interrupted' | 'no-systems'
  runId?: string
  counts: SweepCount[]
  /** Rows deleted or anonymised per category (a row of a table several categories share counts for each). */
  byCategory: Record<string, number>
  files: number
  tasks: number
  frozenSubjects: number
  /** Inactivity notices queued by this sweep (rules with `notice:`). */
  notices: number
  digest?: string
  error?: string
}

type Cursor = { cursor?: string | number; done?: boolean }
type Progress = {
  digest: string
  only?: string[]
  files: number
  tasks: number
  notices?: number
  /** Manual systems: what staff were asked to do, and for which records or subjects. */
  staffTasks: (StaffTask & { for: string[] })[]
  /** The last failure of a run that will be resumed. */
  error?: string
  sources: Record<string, Cursor>
}

export type SweepOptions = {
  trigger: string
  /** Only these targets (an event's immediate rule); all when absent. */
  only?: readonly string[]
  /** Told after each committed batch: for a progress bar. */
  onBatch?: (done: { target: string; table: string; rows: number }) => void
}

const LEASE_MS = 60_000

/** Retention's own DB state plus the run being carried out. */
type Run = {
  deps: RetentionDeps
  store: RetentionStore
  plan: DatasetPlan
  id: string
  asOf: Date
  holder: string
  progress: Progress
  counts: SweepCount[]
  frozen: Frozen
  options: SweepOptions
}

const addCounts = (run: Run, target: RetentionTarget, counts: readonly BatchCount[]) => {
  for (const c of counts) {
    const same = run.counts.find(
      (x) => x.target === target.id && x.system === c.system && x.table === c.table && x.action === c.action,
    )
    if (same) same.rows += c.rows
    else run.counts.push({ ...c, target: target.id, categories: target.categories })
  }
}

/** A committed batch's counts, files and staff tasks, added to the run; the progress bar told. */
const account = (run: Run, target: RetentionTarget, result: BatchResult, lines: string[]) => {
  addCounts(run, target, result.counts)
  run.progress.files += result.files
  run.progress.tasks += result.tasks
  for (const task of result.staffTasks) run.progress.staffTasks.push({ ...task, for: lines })
  for (const c of result.counts) run.options.onBatch?.({ target: target.id, table: c.table, rows: c.rows })
}

/** A batch committed in the shop: its digest link and the cursor after it, saved together. */
const commitBatch = async (run: Run, source: string, cursor: Cursor, lines: readonly string[]) => {
  run.progress.digest = chainDigest(run.progress.digest, lines)
  run.progress.sources[source] = cursor
  await run.store.saveProgress(run.id, run.progress, run.counts)
  if (!(await run.store.takeLease(run.holder, run.deps.now(), LEASE_MS)))
    throw new Error('retention sweep: the lease was taken by another worker')
}

/**
 * Drains one source of due keys batch by batch, from its saved cursor: each batch is erased in
 * one transaction of the shop's system, then the cursor moves past it. A crash between the two
 * repeats the batch, which changes nothing more.
 */
const drain = async (
  run: Run,
  source: string,
  fetch: (after: string | number | undefined) => Promise<(string | number)[]>,
  handle: (keys: (string | number)[]) => Promise<string[]>,
) => {
  let state = run.progress.sources[source] ?? {}
  while (!state.done) {
    const keys = await fetch(state.cursor)
    if (keys.length === 0) {
      state = { ...state, done: true }
      await commitBatch(run, source, state, [])
      break
    }
    const lines = await handle(keys)
    state = { cursor: keys[keys.length - 1] as string | number }
    await commitBatch(run, source, state, lines)
  }
}

const asKey = (v: unknown): string | number => (typeof v === 'number' ? v : String(v))

type Ctx = { run: Run; target: RetentionTarget; opened: Opened; tables: TablePlan[] }

/** One batch carried out: erased by the erasure planner, or (crypto-shred) its vault keys destroyed. */
const changeBatch = (ctx: Ctx, subject: Subject, size: number): Promise<BatchResult> =>
  ctx.target.action === 'crypto-shred'
    ? shredBatch({
        opened: ctx.opened,
        system: ctx.target.system,
        tables: ctx.tables,
        subject,
        vault: ctx.run.deps.vault,
      })
    : eraseBatch({
        opened: ctx.opened,
        system: ctx.target.system,
        tables: ctx.tables,
        subject,
        size,
        now: ctx.run.asOf,
      })

/** Erases the due keys of one table, less the frozen subjects' rows; returns the digest lines. */
const eraseKeys = async (ctx: Ctx, table: string, keys: readonly (string | number)[]): Promise<string[]> => {
  const { run, target } = ctx
  const frozen = run.frozen.rows.get(frozenTable(target.system, table))
  const due = keys.filter((k) => !frozen?.has(String(k)))
  if (due.length === 0) return []
  const key = ctx.tables.find((t) => t.table === table)?.primaryKey[0] ?? 'id'
  const seeds: Seed[] = [{ table, column: key, values: due }]
  const result = await changeBatch(ctx, { identifiers: [], seeds }, due.length)
  const lines = due.map((k) => `${target.system}.${table}:${target.action}:${k}`)
  account(run, target, result, lines)
  return lines
}

/** The subject's own table: where their key is the row's key (customers.id). */
const subjectTableOf = (plan: DatasetPlan, system: string) =>
  plan.tables.find(
    (t) =>
      t.system === system && t.identity.some((i) => i.kind === 'customer_id' && i.column === t.primaryKey[0]),
  )

/** Subjects whose account-level event is due: each found from their own row, then down the references. */
const eraseSubjects = async (ctx: Ctx, subjects: readonly { kind: string; id: string }[]) => {
  const { run, target } = ctx
  let due = subjects.filter((s) => !run.frozen.refs.has(`${s.kind}/${s.id}`))
  if (target.notice) {
    // Told first: only people whose notice about this very period went out, and whose stated date has come.
    const told = await run.store.noticedAndDue({
      refs: due.map(subjectRef),
      target: target.id,
      asOf: run.asOf,
    })
    due = due.filter((s) => told.has(subjectRef(s)))
  }
  if (due.length === 0) return []
  const own = subjectTableOf(run.plan, target.system)
  const ids = due.map((s) => s.id)
  const result = await changeBatch(
    ctx,
    {
      identifiers: ids.map((value) => ({ kind: 'customer_id' as const, value })),
      ...(own ? { seeds: [{ table: own.table, column: own.primaryKey[0] ?? 'id', values: ids }] } : {}),
    },
    due.length,
  )
  const lines = due.map((s) => `${target.system}:${target.action}:subject:${s.kind}/${s.id}`)
  account(run, target, result, lines)
  return lines
}

const subjectKindsOf = (deps: RetentionDeps, target: RetentionTarget): string[] => {
  const kinds = new Set<string>()
  for (const c of target.categories)
    for (const s of deps.manifest.categories[c]?.subjects ?? Object.keys(deps.manifest.subjects)) kinds.add(s)
  return [...kinds]
}

/** Every source of one target: time columns in the shop, Amana's record clocks, subject clocks. */
const sweepTarget = async (run: Run, target: RetentionTarget) => {
  const { deps, store } = run
  const tables = retentionTablePlans(run.plan, target)
  const opened = deps.shop?.open({ systems: run.plan.systems, tables })
  if (!opened) return
  const ctx: Ctx = { run, target, opened, tables }
  const before = dueBefore(run.asOf, target.keep)
  const limit = deps.batchSize
  try {
    for (const t of target.tables) {
      const key = tables.find((x) => x.table === t.table)?.primaryKey[0] ?? 'id'
      const source = `${target.id}|${t.table}`
      const connector = opened.connectors.get(target.system)
      if (t.source.kind === 'column' && connector?.dueKeys) {
        const column = t.source.column
        await drain(
          run,
          `${source}|column`,
          async (after) =>
            (
              await connector.dueKeys?.({
                table: t.table,
                key,
                column,
                before,
                limit,
                ...(after === undefined ? {} : { after }),
              })
            )?.map(asKey) ?? [],
          (keys) => eraseKeys(ctx, t.table, keys),
        )
      }
      if (t.source.kind === 'clock' && !isSubjectEvent(target.after))
        await drain(
          run,
          `${source}|clock`,
          (after) =>
            store.dueRecordKeys({
              system: target.system,
              table: t.table,
              event: target.after,
              before,
              limit,
              ...(after === undefined ? {} : { after: String(after) }),
            }),
          (keys) => eraseKeys(ctx, t.table, keys),
        )
    }
    if (isSubjectEvent(target.after)) {
      const kinds = subjectKindsOf(deps, target)
      if (target.notice && target.after === 'last-activity')
        run.progress.notices =
          (run.progress.notices ?? 0) + (await sendNotices(deps, store, run.plan, target, kinds, run.asOf))
      let batch: { kind: string; id: string }[] = []
      await drain(
        run,
        `${target.id}|subjects`,
        async (after) => {
          batch = await store.dueSubjects({
            kinds,
            event: target.after,
            before,
            limit,
            ...(after === undefined ? {} : { after: String(after) }),
          })
          return batch.map((s) => s.id)
        },
        () => eraseSubjects(ctx, batch),
      )
    }
  } finally {
    await opened.close()
  }
}

const summary = (run: Run, status: SweepReport['status'], error?: string): SweepReport => {
  const byCategory: Record<string, number> = {}
  for (const c of run.counts)
    for (const category of c.categories) {
      const stored = run.deps.manifest.categories[category]?.storage?.[c.system]
      if (c.table === '*' || (stored && c.table in stored))
        byCategory[category] = (byCategory[category] ?? 0) + c.rows
    }
  return {
    status,
    runId: run.id,
    counts: run.counts,
    byCategory,
    files: run.progress.files,
    tasks: run.progress.tasks,
    frozenSubjects: run.frozen.count,
    notices: run.progress.notices ?? 0,
    digest: run.progress.digest,
    ...(error ? { error } : {}),
  }
}

const frozenNow = async (deps: RetentionDeps, store: RetentionStore): Promise<FrozenSubject[]> => [
  ...(await store.openFreezes()).map((ref) => ({ ref, reason: 'freeze' })),
  ...(await deps.freezes.frozenSubjects(deps.now())),
]

/** Carries out one run (new or resumed) to its end, and records it in the ledger. */
const carryOut = async (run: Run): Promise<SweepReport> => {
  const { deps, store } = run
  const targets = retentionTargets(deps.manifest).filter(
    (t) => !run.progress.only || run.progress.only.includes(t.id),
  )
  try {
    for (const target of targets) await sweepTarget(run, target)
  } catch (error) {
    // Left to resume: the next sweep continues from the saved cursors, as of the same time.
    const message = error instanceof Error ? error.message : String(error)
    run.progress.error = message
    await store.saveProgress(run.id, run.progress, run.counts)
    await store.markInterrupted(run.id)
    await deps.audit.append({
      actor: { type: 'system', id: 'retention-sweep' },
      action: 'retention.sweep-interrupted',
      target: `retention-run:${run.id}`,
      details: { counts: run.counts, digest: run.progress.digest, error: message },
    })
    return summary(run, 'interrupted', message)
  }
  const report = summary(run, 'completed')
  await store.finishRun(run.id, { status: 'completed', at: deps.now(), digest: run.progress.digest })
  await deps.audit.append({
    actor: { type: 'system', id: 'retention-sweep' },
    action: 'retention.swept',
    target: `retention-run:${run.id}`,
    details: {
      trigger: run.options.trigger,
      asOf: run.asOf.toISOString(),
      byCategory: report.byCategory,
      counts: report.counts,
      files: report.files,
      staffTasks: report.tasks,
      frozenSubjects: report.frozenSubjects,
      notices: report.notices,
      digest: run.progress.digest,
    },
  })
  return report
}

const emptyProgress = (only?: readonly string[]): Progress => ({
  digest: '',
  files: 0,
  tasks: 0,
  staffTasks: [],
  sources: {},
  ...(only ? { only: [...only] } : {}),
})

/**
 * A retention sweep: every rule's due rows deleted or anonymised through the erasure planner,
 * in batches of `batchSize` (one transaction each), skipping frozen subjects. One sweep at a time
 * across workers (a lease); a sweep a dead worker left is finished first, from its saved cursors,
 * with the same `as of` time, so the end state is the one an uninterrupted run gives.
 */
export const runSweep = async (deps: RetentionDeps, options: SweepOptions): Promise<SweepReport> => {
  const store = retentionStore(deps.db)
  const empty = { counts: [], byCategory: {}, files: 0, tasks: 0, frozenSubjects: 0, notices: 0 }
  if ((await store.setting('paused')) === true) return { status: 'paused', ...empty }
  if (!deps.shop) return { status: 'no-systems', ...empty }
  const holder = deps.newId()
  if (!(await store.takeLease(holder, deps.now(), LEASE_MS))) return { status: 'busy', ...empty }
  const full = deps.shop.open(deps.shop.plan)
  try {
    const frozen = await findFrozenRows(deps.shop.plan, full, await frozenNow(deps, store))
    const base = { deps, store, plan: deps.shop.plan, holder, frozen, options }
    for (let left = await store.unfinishedRun(); left; left = await store.unfinishedRun()) {
      const progress = { ...emptyProgress(), ...(left.progress as Partial<Progress>) } as Progress
      const resumed = await carryOut({
        ...base,
        options: { ...options, trigger: left.trigger },
        id: left.id,
        asOf: left.asOf,
        progress,
        counts: left.counts as SweepCount[],
      })
      if (resumed.status !== 'completed') return resumed
    }
    const id = deps.newId()
    const asOf = deps.now()
    await store.createRun({ id, trigger: options.trigger, asOf, startedAt: asOf })
    return await carryOut({ ...base, id, asOf, progress: emptyProgress(options.only), counts: [] })
  } finally {
    await full.close()
    await store.releaseLease(holder)
  }
}
