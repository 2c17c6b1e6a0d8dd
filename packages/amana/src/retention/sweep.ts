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
  changedBy,
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
type Key = string | number
/** What one batch did: its digest lines and what it changed. */
type Batch = { lines: string[]; result: BatchResult }
/**
 * A batch prepared in the shop's transaction but not yet recorded as done: which items it holds,
 * what it changed and the run's digest after it, saved just before the shop commits. A resumed
 * sweep repeats exactly that batch; if the repeat changes nothing, the first run had committed,
 * and its record is what counts. The record is written once per batch, inside the shop's
 * transaction, so it stays small: a batch of a shop table's due keys is recorded as its key range
 * (the due keys after `after` up to `through`, read again on a repeat) rather than thousands of
 * keys; other batches (record clocks, subjects) list their items. Digest lines are kept only when
 * staff tasks name them (a manual system).
 */
type Pending = {
  source: string
  /** The batch's items (absent when it is recorded as a key range). */
  items?: unknown[]
  range?: KeyRange
  result: BatchResult
  /** The run's digest once the batch is in (absent in a record an older version left: then from `lines`). */
  digest?: string
  lines?: string[]
}
/** A batch of a table's due keys: those after `after` (from the start when absent), up to `through`. */
type KeyRange = { after?: Key; through: Key }
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
  pending?: Pending
  /** The run's ledger entry is written (it is marked completed next). */
  recorded?: boolean
}

export type SweepOptions = {
  trigger: string
  /** Only these targets (an event's immediate rule); all when absent. */
  only?: readonly string[]
  /** Told after each committed batch: for a progress bar. */
  onBatch?: (done: { target: string; table: string; rows: number }) => void
}

/** How long a sweep holds its lease without a committed batch; renewed after each one. */
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
  /** When this worker last renewed the sweep's lease (the clock's milliseconds). */
  lease: { renewedAt: number }
  /** A run a dead or failed worker left, finished by this one. */
  resumed?: boolean
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

/** A committed batch's counts, files and staff tasks, added to the run. */
const account = (run: Run, target: RetentionTarget, { result, lines }: Batch) => {
  addCounts(run, target, result.counts)
  run.progress.files += result.files
  run.progress.tasks += result.tasks
  for (const task of result.staffTasks) run.progress.staffTasks.push({ ...task, for: lines })
}

const leaseMsOf = (run: Pick<Run, 'deps'>) => run.deps.leaseMs ?? LEASE_MS

/** Renews the lease once a quarter of it has passed (not per batch): one write fewer per batch. */
const keepLease = async (run: Run) => {
  const now = run.deps.now()
  if (now.getTime() - run.lease.renewedAt < leaseMsOf(run) / 4) return
  if (!(await run.store.takeLease(run.holder, now, leaseMsOf(run))))
    throw new Error('retention sweep: the lease was taken by another worker')
  run.lease.renewedAt = now.getTime()
}

/**
 * A batch committed in the shop: its digest link and the cursor after it. Saved now only when the
 * batch was not recorded before its commit (a crypto-shred, webhook or manual batch, a source's
 * end); an SQL batch's record is the next batch's `prepare` (which carries this cursor), so a
 * worker killed in between repeats the recorded batch, which changes nothing and counts once.
 */
const commitBatch = async (
  run: Run,
  source: string,
  cursor: Cursor,
  after: { digest: string; recorded: boolean },
) => {
  run.progress.digest = after.digest
  run.progress.sources[source] = cursor
  delete run.progress.pending
  if (!after.recorded) await run.store.saveProgress(run.id, run.progress, run.counts)
  await keepLease(run)
}

/** Whether a batch was recorded before it changed anything, and the run's digest that record carries. */
type Marks = { recorded: boolean; digest?: string }

/**
 * Saved before the batch changes anything for good (inside the shop's transaction, before it
 * commits; before a crypto-shred destroys its first key): what the batch is about to do.
 */
const prepare =
  (run: Run, source: string, held: Pick<Pending, 'items' | 'range'>, marks: Marks, repeating?: Pending) =>
  ({ lines, result }: Batch) => {
    // A repeated batch keeps its first record when that one says more (a shred cut short).
    if (repeating && changedBy(repeating.result) >= changedBy(result)) {
      marks.recorded = true
      return Promise.resolve()
    }
    const digest = chainDigest(run.progress.digest, lines)
    const pending: Pending = {
      source,
      ...held,
      result,
      digest,
      ...(result.staffTasks.length ? { lines } : {}),
    }
    marks.recorded = true
    marks.digest = digest
    // Kept in the run until the batch is done: a failure saves it again (a shred may be half done).
    run.progress.pending = pending
    return run.store.saveProgress(run.id, run.progress, run.counts)
  }

/** Prepares a batch: digest lines and what it changed, told to the sweep before the shop commits. */
type Handle<T> = (items: T[], prepared: (batch: Batch) => Promise<void>) => Promise<Batch>

/** One source's batches: how the next is read, its items' keys, and how a batch is carried out. */
type BatchSource<T> = {
  fetch: (after: Key | undefined) => Promise<T[]>
  keyOf: (item: T) => Key
  handle: Handle<T>
  /** Reads a recorded key range again (a shop table's due keys); absent: batches list their items. */
  fetchRange?: (range: KeyRange) => Promise<T[]>
}

/** The batch a resumed sweep repeats: its recorded items, or its key range read again. */
const repeatOf = async <T>(pending: Pending, batchOf: BatchSource<T>): Promise<T[]> =>
  pending.items
    ? (pending.items as T[])
    : pending.range && batchOf.fetchRange
      ? batchOf.fetchRange(pending.range)
      : []

/**
 * Drains one source of due items batch by batch, from its saved cursor: each batch is erased in
 * one transaction of the shop's system, then the cursor moves past it. A worker killed between
 * the two leaves the batch pending: the resumed sweep repeats the same batch (changing nothing
 * more) and counts it once, from the record made before the shop committed.
 */
const drain = async <T>(ctx: Ctx, source: string, batchOf: BatchSource<T>) => {
  const { run } = ctx
  let state = run.progress.sources[source] ?? {}
  let ahead: Promise<T[]> | undefined
  while (!state.done) {
    const pending = run.progress.pending?.source === source ? run.progress.pending : undefined
    const items = pending ? await repeatOf(pending, batchOf) : await (ahead ?? batchOf.fetch(state.cursor))
    ahead = undefined
    const last = items[items.length - 1]
    const range =
      pending?.range ??
      (batchOf.fetchRange && last !== undefined
        ? { ...(state.cursor === undefined ? {} : { after: state.cursor }), through: batchOf.keyOf(last) }
        : undefined)
    if (!range && last === undefined) {
      state = { ...state, done: true }
      await commitBatch(run, source, state, { digest: run.progress.digest, recorded: false })
      break
    }
    // A shop table's next due keys are read on another connection while this batch's transaction
    // runs: they lie past this batch's range. Should the batch reach one of them through a
    // reference (a row of the same table), the next batch finds it changed and changes nothing
    // more. A batch that fails leaves the read unused (and its failure unreported).
    if (range) {
      ahead = batchOf.fetch(range.through)
      ahead.catch(() => {})
    }
    const marks: Marks = { recorded: false }
    // A recorded range read again may hold nothing: the first run committed and nothing is left.
    let batch =
      items.length > 0
        ? await batchOf.handle(items, prepare(run, source, range ? { range } : { items }, marks, pending))
        : { lines: [], result: noChange }
    let digest = marks.digest ?? chainDigest(run.progress.digest, batch.lines)
    // A repeat that changed less than the first run recorded (nothing, when the shop had committed;
    // the rest, when a crypto-shred was cut short): the first run's record says what the batch did.
    if (pending && changedBy(pending.result) >= changedBy(batch.result)) {
      batch = { lines: pending.lines ?? [], result: pending.result }
      digest = pending.digest ?? chainDigest(run.progress.digest, pending.lines ?? [])
    }
    account(run, ctx.target, batch)
    state = { cursor: range?.through ?? batchOf.keyOf(last as T) }
    await commitBatch(run, source, state, { digest, recorded: marks.recorded })
    // Told only once the batch is recorded: for a progress bar.
    for (const c of batch.result.counts)
      run.options.onBatch?.({ target: ctx.target.id, table: c.table, rows: c.rows })
  }
}

const asKey = (v: unknown): Key => (typeof v === 'number' ? v : String(v))

type Ctx = { run: Run; target: RetentionTarget; opened: Opened; tables: TablePlan[] }

const noChange: BatchResult = { counts: [], files: 0, tasks: 0, staffTasks: [] }

/** One batch carried out: erased by the erasure planner, or (crypto-shred) its vault keys destroyed. */
const changeBatch = (
  ctx: Ctx,
  subject: Subject,
  size: number,
  prepared: (result: BatchResult) => Promise<void>,
): Promise<BatchResult> =>
  ctx.target.action === 'crypto-shred'
    ? shredBatch({
        opened: ctx.opened,
        system: ctx.target.system,
        tables: ctx.tables,
        subject,
        vault: ctx.run.deps.vault,
        prepared,
      })
    : eraseBatch({
        opened: ctx.opened,
        system: ctx.target.system,
        tables: ctx.tables,
        subject,
        size,
        now: ctx.run.asOf,
        prepared,
      })

/** Erases the due keys of one table, less the frozen subjects' rows. */
const eraseKeys =
  (ctx: Ctx, table: string): Handle<Key> =>
  async (keys, prepared) => {
    const { run, target } = ctx
    const frozen = run.frozen.rows.get(frozenTable(target.system, table))
    const due = keys.filter((k) => !frozen?.has(String(k)))
    if (due.length === 0) return { lines: [], result: noChange }
    const key = ctx.tables.find((t) => t.table === table)?.primaryKey[0] ?? 'id'
    const seeds: Seed[] = [{ table, column: key, values: due }]
    const lines = due.map((k) => `${target.system}.${table}:${target.action}:${k}`)
    const result = await changeBatch(ctx, { identifiers: [], seeds }, due.length, (r) =>
      prepared({ lines, result: r }),
    )
    return { lines, result }
  }

/** The subject's own table: where their key is the row's key (customers.id). */
const subjectTableOf = (plan: DatasetPlan, system: string) =>
  plan.tables.find(
    (t) =>
      t.system === system && t.identity.some((i) => i.kind === 'customer_id' && i.column === t.primaryKey[0]),
  )

type DueSubject = { kind: string; id: string }

/** Subjects whose account-level event is due: each found from their own row, then down the references. */
const eraseSubjects: (ctx: Ctx) => Handle<DueSubject> = (ctx) => async (subjects, prepared) => {
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
  if (due.length === 0) return { lines: [], result: noChange }
  const own = subjectTableOf(run.plan, target.system)
  const ids = due.map((s) => s.id)
  const lines = due.map((s) => `${target.system}:${target.action}:subject:${s.kind}/${s.id}`)
  const result = await changeBatch(
    ctx,
    {
      identifiers: ids.map((value) => ({ kind: 'customer_id' as const, value })),
      ...(own ? { seeds: [{ table: own.table, column: own.primaryKey[0] ?? 'id', values: ids }] } : {}),
    },
    due.length,
    (r) => prepared({ lines, result: r }),
  )
  return { lines, result }
}

const subjectKindsOf = (deps: RetentionDeps, target: RetentionTarget): string[] => {
  const kinds = new Set<string>()
  for (const c of target.categories)
    for (const s of deps.manifest.categories[c]?.subjects ?? Object.keys(deps.manifest.subjects)) kinds.add(s)
  return [...kinds]
}

/**
 * Due keys of one table whose rule counts from a column of the table itself (`fulfilled_at`): the
 * next batch after a key, or (a repeat) every due key of a recorded range.
 */
const columnKeys = (ctx: Ctx, table: string, column: string) => {
  const connector = ctx.opened.connectors.get(ctx.target.system)
  const key = ctx.tables.find((x) => x.table === table)?.primaryKey[0] ?? 'id'
  const due = async (query: { after?: Key; through?: Key; limit?: number }): Promise<Key[]> => {
    const rows = await connector?.dueKeys?.({
      table,
      key,
      column,
      before: dueBefore(ctx.run.asOf, ctx.target.keep),
      asOf: ctx.run.asOf,
      ...query,
    })
    return rows?.map(asKey) ?? []
  }
  const { batchSize } = ctx.run.deps
  return {
    fetch: (after: Key | undefined) => due({ ...(after === undefined ? {} : { after }), limit: batchSize }),
    // No more than a batch was due in the range; should more be now (rows added since), all go.
    fetchRange: (range: KeyRange) => due(range),
  }
}

/** Due keys of one table whose rule counts from Amana's record clocks (`POST /v1/events`). */
const clockKeys =
  (ctx: Ctx, table: string) =>
  (after: Key | undefined): Promise<Key[]> =>
    ctx.run.store.dueRecordKeys({
      system: ctx.target.system,
      table,
      event: ctx.target.after,
      before: dueBefore(ctx.run.asOf, ctx.target.keep),
      limit: ctx.run.deps.batchSize,
      ...(after === undefined ? {} : { after: String(after) }),
    })

/** Subjects whose account-level clock is due (told first, when the rule has a notice). */
const sweepSubjects = async (ctx: Ctx) => {
  const { run, target } = ctx
  const kinds = subjectKindsOf(run.deps, target)
  if (target.notice && target.after === 'last-activity')
    run.progress.notices =
      (run.progress.notices ?? 0) +
      (await sendNotices(run.deps, run.store, run.plan, target, kinds, run.asOf))
  await drain(ctx, `${target.id}|subjects`, {
    fetch: (after) =>
      run.store.dueSubjects({
        kinds,
        event: target.after,
        before: dueBefore(run.asOf, target.keep),
        limit: run.deps.batchSize,
        ...(after === undefined ? {} : { after: String(after) }),
      }),
    keyOf: (s) => s.id,
    handle: eraseSubjects(ctx),
  })
}

/** Every source of one target: time columns in the shop, Amana's record clocks, subject clocks. */
const sweepTarget = async (run: Run, target: RetentionTarget) => {
  const tables = retentionTablePlans(run.plan, target)
  const opened = run.deps.shop?.open({ systems: run.plan.systems, tables })
  if (!opened) return
  const ctx: Ctx = { run, target, opened, tables }
  const byKey = (k: Key) => k
  try {
    for (const t of target.tables) {
      // A table the rule changes nothing in (order lines under an anonymising rule) has no batches.
      if (!tables.some((x) => x.table === t.table)) continue
      const source = `${target.id}|${t.table}`
      if (t.source.kind === 'column' && opened.connectors.get(target.system)?.dueKeys)
        await drain(ctx, `${source}|column`, {
          ...columnKeys(ctx, t.table, t.source.column),
          keyOf: byKey,
          handle: eraseKeys(ctx, t.table),
        })
      if (t.source.kind === 'clock' && !isSubjectEvent(target.after))
        await drain(ctx, `${source}|clock`, {
          fetch: clockKeys(ctx, t.table),
          keyOf: byKey,
          handle: eraseKeys(ctx, t.table),
        })
    }
    if (isSubjectEvent(target.after)) await sweepSubjects(ctx)
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
    // Left to resume: the next sweep continues from the saved cursors, as of the same time, and
    // repeats a batch recorded but not done (its record stays: what a cut-short shred destroyed).
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
  await recordSwept(run, report)
  await store.finishRun(run.id, { status: 'completed', at: deps.now(), digest: run.progress.digest })
  return report
}

/**
 * The ledger entry of a completed run, written before the run is marked completed (a worker killed
 * between the two resumes the run, which finds the entry recorded and does not write it twice; the
 * other order could lose it). A kill between the append and its mark leaves the entry unmarked: the
 * resumed run finds it in the ledger and does not write it again.
 */
const recordSwept = async (run: Run, report: SweepReport) => {
  if (run.progress.recorded) return
  const target = `retention-run:${run.id}`
  // A resumed run asks the ledger first: a worker killed between the entry and its mark wrote it.
  const written =
    run.resumed && (await run.deps.audit.hasEntry?.({ action: 'retention.swept', target, since: run.asOf }))
  if (!written)
    await run.deps.audit.append({
      actor: { type: 'system', id: 'retention-sweep' },
      action: 'retention.swept',
      target,
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
  run.progress.recorded = true
  await run.store.saveProgress(run.id, run.progress, run.counts)
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
  const leased = deps.now()
  if (!(await store.takeLease(holder, leased, leaseMsOf({ deps })))) return { status: 'busy', ...empty }
  const full = deps.shop.open(deps.shop.plan)
  try {
    const frozen = await findFrozenRows(deps.shop.plan, full, await frozenNow(deps, store))
    const lease = { renewedAt: leased.getTime() }
    const base = { deps, store, plan: deps.shop.plan, holder, frozen, options, lease }
    for (let left = await store.unfinishedRun(); left; left = await store.unfinishedRun()) {
      const progress = { ...emptyProgress(), ...(left.progress as Partial<Progress>) } as Progress
      const resumed = await carryOut({
        ...base,
        options: { ...options, trigger: left.trigger },
        id: left.id,
        asOf: left.asOf,
        resumed: true,
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
