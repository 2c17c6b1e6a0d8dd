import { type AmanaError, isAmanaError } from '../platform/errors/index.ts'
import type {
  CollectedTable,
  CollectOutcome,
  Connector,
  EraseOptions,
  EraseOutcome,
  FoundFile,
} from './connector.ts'
import { exportPathOf, type FileStore } from './files/file-store.ts'
import { type DatasetPlan, isHeld, type Seed, type Subject, type SubjectIdentifier } from './plan.ts'

export type SystemResult<T> =
  | { system: string; ok: true; outcome: T }
  | { system: string; ok: false; error: AmanaError }

export type FileRef = { system: string; table: string; store: string; ref: string }
export type ExportedFile = FileRef & { status: 'exported' | 'missing' | 'rejected'; path?: string }
export type ErasedFile = FileRef & { status: 'removed' | 'absent' | 'rejected' | 'planned' | 'kept' }

export type Opened = {
  connectors: ReadonlyMap<string, Connector>
  fileStores: ReadonlyMap<string, FileStore>
}

export type CollectReport = {
  results: SystemResult<CollectOutcome>[]
  files: ExportedFile[]
  /** False when every system answered and none holds a row of the subject. */
  subjectFound: boolean
}
export type EraseReport = {
  results: SystemResult<EraseOutcome>[]
  files: ErasedFile[]
  alreadyErased: boolean
  /** False when every system answered and none held a row of the subject before this erasure. */
  subjectFound: boolean
}

/** A system still to answer (staff, a failure) may hold the subject: only a row-less full answer is "not found". */
const foundAnywhere = (results: Iterable<SystemResult<CollectOutcome>>): boolean => {
  for (const r of results) {
    if (!r.ok || r.outcome.status !== 'completed') return true
    if (r.outcome.tables.some((t) => t.rows.length > 0)) return true
  }
  return false
}

const valueKey = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))

type ValuesOf = (system: string, table: string, column: string) => readonly unknown[]

/** Values found in one system that identify rows in another (references with `to.system`). */
const seedsFrom = (plan: DatasetPlan, values: ValuesOf): Map<string, Seed[]> => {
  const seeds = new Map<string, Seed[]>()
  const add = (system: string, seed: Seed) => {
    if (seed.values.length > 0) seeds.set(system, [...(seeds.get(system) ?? []), seed])
  }
  for (const t of plan.tables)
    for (const r of t.references) {
      const parentSystem = r.to.system ?? t.system
      if (parentSystem === t.system) continue
      add(t.system, {
        table: t.table,
        column: r.column,
        values: values(parentSystem, r.to.table, r.to.column),
      })
      if (r.identifiesParent)
        add(parentSystem, {
          table: r.to.table,
          column: r.to.column,
          values: values(t.system, t.table, r.column),
        })
    }
  return seeds
}

const crossSeeds = (plan: DatasetPlan, rows: ReadonlyMap<string, ReadonlyMap<string, CollectedTable>>) =>
  seedsFrom(plan, (system, table, column) =>
    (rows.get(system)?.get(table)?.rows ?? [])
      .map((r) => r[column])
      .filter((v) => v !== null && v !== undefined),
  )

const seedSignature = (seeds: readonly Seed[] | undefined) =>
  JSON.stringify((seeds ?? []).map((s) => [s.table, s.column, [...new Set(s.values.map(valueKey))].sort()]))

const attempt = async <T>(system: string, work: () => Promise<T>): Promise<SystemResult<T>> => {
  try {
    return { system, ok: true, outcome: await work() }
  } catch (error) {
    if (isAmanaError(error)) return { system, ok: false, error }
    throw error
  }
}

/**
 * Runs collect on every system until references across systems bring no new values: system A's
 * customer ids may find rows in system B, whose rows may in turn find more in A.
 */
const collectAcross = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
) => {
  const results = new Map<string, SystemResult<CollectOutcome>>()
  const rows = new Map<string, Map<string, CollectedTable>>()
  const used = new Map<string, string>()
  let seeds = new Map<string, Seed[]>()
  for (let round = 0; round <= plan.systems.length; round++) {
    const due = [...opened.connectors.keys()].filter(
      (s) => round === 0 || seedSignature(seeds.get(s)) !== used.get(s),
    )
    if (due.length === 0) break
    for (const system of due) {
      const connector = opened.connectors.get(system) as Connector
      const systemSeeds = seeds.get(system)
      used.set(system, seedSignature(systemSeeds))
      const result = await attempt(system, () =>
        connector.collect({ identifiers, ...(systemSeeds ? { seeds: systemSeeds } : {}) }),
      )
      results.set(system, result)
      if (result.ok && result.outcome.status === 'completed')
        rows.set(system, new Map(result.outcome.tables.map((t) => [t.table, t])))
    }
    seeds = crossSeeds(plan, rows)
  }
  return { results, rows, seeds }
}

const fileRefs = (
  plan: DatasetPlan,
  rows: ReadonlyMap<string, ReadonlyMap<string, CollectedTable>>,
): FileRef[] =>
  plan.tables.flatMap((t) => {
    if (!t.files) return []
    const { column, store } = t.files
    return (rows.get(t.system)?.get(t.table)?.rows ?? [])
      .map((r) => r[column])
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((ref) => ({ system: t.system, table: t.table, store, ref }))
  })

/** Access and portability: every system's rows of the subject, and their files copied to `exportDir`. */
export const collectSubject = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
  options: { exportDir?: string } = {},
): Promise<CollectReport> => {
  const { results, rows } = await collectAcross(plan, opened, identifiers)
  const files: ExportedFile[] = []
  for (const f of fileRefs(plan, rows)) {
    const store = opened.fileStores.get(f.store)
    if (!store || options.exportDir === undefined) {
      files.push({ ...f, status: store ? 'missing' : 'rejected' })
      continue
    }
    const path = exportPathOf(options.exportDir, f.store, f.ref)
    try {
      files.push({
        ...f,
        ...((await store.copyTo(f.ref, path))
          ? { status: 'exported' as const, path }
          : { status: 'missing' as const }),
      })
    } catch (error) {
      if (isAmanaError(error) && error.code === 'FILE_PATH_REJECTED') files.push({ ...f, status: 'rejected' })
      else throw error
    }
  }
  return { results: [...results.values()], files, subjectFound: foundAnywhere(results.values()) }
}

/** Hooks around each system's part of an erasure: before it starts, after it commits, on a failure. */
export type EraseProgress = {
  /** Systems whose part an earlier attempt finished: not run again. */
  readonly done?: ReadonlySet<string>
  /**
   * Values an earlier attempt's search carried from one system to another: once a system is
   * erased, its rows no longer lead to the others' (a retry would find nothing there).
   */
  readonly seeds?: ReadonlyMap<string, readonly Seed[]>
  /** Every system's values found so far, to remember before a system's change commits. */
  searched?(seeds: ReadonlyMap<string, readonly Seed[]>): Promise<void>
  /**
   * Files an earlier attempt recorded for `system` before its commit: removed (again; a file already
   * gone counts as `absent`) once the system's part has run, so a crash after the commit and before
   * the files were removed ends with them removed.
   */
  pendingFiles?(system: string): Promise<readonly FoundFile[]>
  started?(system: string): Promise<void>
  /**
   * What a system's erasure is about to commit (SQL systems), with the files of its rows that go
   * once it has: recorded before the commit.
   */
  committing?(system: string, outcome: EraseOutcome, files: readonly FoundFile[]): Promise<void>
  finished?(system: string, outcome: EraseOutcome): Promise<void>
  failed?(system: string, error: AmanaError): Promise<void>
}

type EraseOptionsFor = {
  now: Date
  dryRun?: boolean
  progress?: EraseProgress
  /** When the shop said an event happened to rows of a system's table (see `EraseOptions.eventTimes`). */
  eventTimes?: (
    query: Parameters<NonNullable<EraseOptions['eventTimes']>>[0] & { system: string },
  ) => Promise<ReadonlyMap<string, Date>>
}

/** Both sets of values per system, each table's column once with every value. */
const mergeSeeds = (
  a: ReadonlyMap<string, readonly Seed[]> | undefined,
  b: ReadonlyMap<string, readonly Seed[]> | undefined,
): Map<string, Seed[]> => {
  const out = new Map<string, Seed[]>()
  for (const source of [a, b])
    for (const [system, seeds] of source ?? [])
      for (const seed of seeds) {
        const list = out.get(system) ?? []
        const same = list.find((x) => x.table === seed.table && x.column === seed.column)
        if (!same) list.push({ ...seed, values: [...seed.values] })
        else {
          const seen = new Set(same.values.map(valueKey))
          list[list.indexOf(same)] = {
            ...same,
            values: [...same.values, ...seed.values.filter((v) => !seen.has(valueKey(v)))],
          }
        }
        out.set(system, list)
      }
  return out
}

/** Per system, the columns whose values another system's rows are found by (`EraseOptions.carry`). */
const carriedColumns = (plan: DatasetPlan): Map<string, { table: string; column: string }[]> => {
  const out = new Map<string, { table: string; column: string }[]>()
  const add = (system: string, table: string, column: string) => {
    const list = out.get(system) ?? []
    if (!list.some((c) => c.table === table && c.column === column)) list.push({ table, column })
    out.set(system, list)
  }
  for (const t of plan.tables)
    for (const r of t.references) {
      const parent = r.to.system ?? t.system
      if (parent === t.system) continue
      add(parent, r.to.table, r.to.column)
      if (r.identifiesParent) add(t.system, t.table, r.column)
    }
  return out
}

/**
 * The order in which each system's own locked search is the only one: a system whose rows are
 * found by another's values runs after it. Undefined when that is impossible (references across
 * systems both ways) or a system cannot search under its own locks (a webhook): those erasures
 * search everything first.
 */
const searchOnceOrder = (plan: DatasetPlan, opened: Opened): string[] | undefined => {
  const systems = [...opened.connectors.keys()]
  if ([...opened.connectors.values()].some((c) => c.kind === 'webhook')) return undefined
  const after = new Map<string, Set<string>>(systems.map((s) => [s, new Set<string>()]))
  for (const t of plan.tables)
    for (const r of t.references) {
      const parent = r.to.system ?? t.system
      if (parent === t.system) continue
      after.get(t.system)?.add(parent)
      if (r.identifiesParent) after.get(parent)?.add(t.system)
    }
  const order: string[] = []
  while (order.length < systems.length) {
    const next = systems.find(
      (s) => !order.includes(s) && [...(after.get(s) ?? [])].every((p) => order.includes(p) || !after.has(p)),
    )
    if (!next) return undefined
    order.push(next)
  }
  return order
}

/** Before this erasure, held any row of the subject: what each system's own search found. */
const foundByErasure = (results: readonly SystemResult<EraseOutcome>[]): boolean =>
  results.some((r) => !r.ok || r.outcome.status !== 'completed' || (r.outcome.found ?? 1) > 0)

/** Whether a found row's file goes with the erasure: not when its table is held or keeps every field. */
const fileGoes = (plan: DatasetPlan, f: FileRef, now: Date): boolean => {
  const table = plan.tables.find((t) => t.system === f.system && t.table === f.table)
  return table !== undefined && !isHeld(table, now) && table.fields.some((x) => x.onErase !== 'keep')
}

/** Files of the found rows: removed (idempotent), planned on a dry run, or kept with their rows. */
const eraseFiles = async (
  plan: DatasetPlan,
  opened: Opened,
  refs: readonly FileRef[],
  options: { now: Date; dryRun: boolean },
): Promise<ErasedFile[]> => {
  const files: ErasedFile[] = []
  for (const f of refs) {
    const store = opened.fileStores.get(f.store)
    if (!fileGoes(plan, f, options.now)) files.push({ ...f, status: 'kept' })
    else if (options.dryRun) files.push({ ...f, status: 'planned' })
    else if (!store) files.push({ ...f, status: 'rejected' })
    else
      try {
        files.push({ ...f, status: await store.remove(f.ref) })
      } catch (error) {
        if (isAmanaError(error) && error.code === 'FILE_PATH_REJECTED')
          files.push({ ...f, status: 'rejected' })
        else throw error
      }
  }
  return files
}

const uniqueFiles = (refs: readonly FileRef[]): FileRef[] => {
  const seen = new Set<string>()
  return refs.filter((f) => {
    const key = JSON.stringify([f.store, f.ref])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** One system's part: its erasure (with the values it is found by), then its rows' files. */
const eraseSystem = async (
  plan: DatasetPlan,
  opened: Opened,
  system: string,
  subject: Subject,
  state: { seeds: Map<string, Seed[]>; files: ErasedFile[] },
  options: EraseOptionsFor,
): Promise<SystemResult<EraseOutcome>> => {
  const dryRun = options.dryRun ?? false
  const { progress = {}, eventTimes, now } = options
  const connector = opened.connectors.get(system) as Connector
  const carry = carriedColumns(plan).get(system) ?? []
  const goes = (outcome: EraseOutcome): FileRef[] =>
    outcome.status === 'completed'
      ? (outcome.files ?? []).map((f) => ({ ...f, system })).filter((f) => fileGoes(plan, f, now))
      : []
  const carried = (outcome: EraseOutcome) =>
    seedsFrom(plan, (s, table, column) =>
      s !== system || outcome.status !== 'completed'
        ? []
        : (outcome.carried?.find((c) => c.table === table && c.column === column)?.values ?? []),
    )
  await progress.started?.(system)
  const result = await attempt(system, () =>
    connector.erase(subject, {
      now,
      dryRun,
      ...(carry.length > 0 ? { carry } : {}),
      ...(eventTimes ? { eventTimes: (q) => eventTimes({ ...q, system }) } : {}),
      committing: async (outcome) => {
        await progress.searched?.(mergeSeeds(state.seeds, carried(outcome)))
        await progress.committing?.(system, outcome, goes(outcome))
      },
    }),
  )
  if (!result.ok) {
    await progress.failed?.(system, result.error)
    return result
  }
  const { outcome } = result
  for (const [s, list] of mergeSeeds(state.seeds, carried(outcome))) state.seeds.set(s, list)
  const found = outcome.status === 'completed' ? (outcome.files ?? []).map((f) => ({ ...f, system })) : []
  const pending = dryRun ? [] : ((await progress.pendingFiles?.(system)) ?? []).map((f) => ({ ...f, system }))
  state.files.push(...(await eraseFiles(plan, opened, uniqueFiles([...pending, ...found]), { now, dryRun })))
  await progress.finished?.(system, outcome)
  return result
}

/**
 * Erasure across systems where each system's search, under its own locks, is the only one: the
 * values a later system is found by and the files of the found rows come from it. The files are
 * recorded before the commit (`progress.committing`) and removed after it; a retry removes any
 * recorded file still present.
 */
const eraseSearchingOnce = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
  order: readonly string[],
  options: EraseOptionsFor,
): Promise<EraseReport> => {
  const progress = options.progress ?? {}
  const state = { seeds: mergeSeeds(progress.seeds, undefined), files: [] as ErasedFile[] }
  const results: SystemResult<EraseOutcome>[] = []
  for (const system of order) {
    if (progress.done?.has(system)) continue
    const seeds = state.seeds.get(system)
    const subject = { identifiers, ...(seeds ? { seeds } : {}) }
    results.push(await eraseSystem(plan, opened, system, subject, state, options))
  }
  return report(results, state.files, foundByErasure(results))
}

const report = (
  results: SystemResult<EraseOutcome>[],
  files: ErasedFile[],
  subjectFound: boolean,
): EraseReport => ({
  results,
  files,
  alreadyErased:
    results.every((r) => r.ok && r.outcome.status === 'completed' && r.outcome.alreadyErased) &&
    files.every((f) => f.status !== 'removed'),
  subjectFound,
})

/**
 * Erasure when a system cannot search under its own locks (a webhook) or systems find each other's
 * rows both ways: every system is searched first (the values carried across, the files), the files
 * removed, then each system erased, its own search under its locks finding what is left.
 */
const eraseAfterSearch = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
  options: EraseOptionsFor,
): Promise<EraseReport> => {
  const dryRun = options.dryRun ?? false
  const progress = options.progress ?? {}
  const first = await collectAcross(plan, opened, identifiers)
  const failed = [...first.results.values()].filter((r) => !r.ok)
  if (failed.length > 0) return { results: failed, files: [], alreadyErased: false, subjectFound: true }
  const seeds = mergeSeeds(first.seeds, progress.seeds)
  if (!dryRun) await progress.searched?.(seeds)
  const files = await eraseFiles(plan, opened, fileRefs(plan, first.rows), { now: options.now, dryRun })
  const results: SystemResult<EraseOutcome>[] = []
  const state = { seeds, files: [] as ErasedFile[] }
  const { searched: _searched, pendingFiles: _pending, ...quiet } = progress
  for (const system of opened.connectors.keys()) {
    if (progress.done?.has(system)) continue
    const own = seeds.get(system)
    const subject = { identifiers, ...(own ? { seeds: own } : {}) }
    results.push(await eraseSystem(plan, opened, system, subject, state, { ...options, progress: quiet }))
  }
  return report(results, files, foundAnywhere(first.results.values()))
}

/**
 * Erasure across systems. Each system's part is reported to `progress` before it starts, before
 * it commits and after it commits; systems `progress.done` names are not run again. SQL and
 * manual systems are searched once, inside each system's locked erasure (`eraseSearchingOnce`).
 */
export const eraseSubject = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
  options: EraseOptionsFor,
): Promise<EraseReport> => {
  const order = searchOnceOrder(plan, opened)
  return order
    ? eraseSearchingOnce(plan, opened, identifiers, order, options)
    : eraseAfterSearch(plan, opened, identifiers, options)
}
