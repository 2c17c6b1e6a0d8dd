import { type AmanaError, isAmanaError } from '../platform/errors/index.ts'
import type { CollectedTable, CollectOutcome, Connector, EraseOptions, EraseOutcome } from './connector.ts'
import { exportPathOf, type FileStore } from './files/file-store.ts'
import { type DatasetPlan, isHeld, type Seed, type SubjectIdentifier } from './plan.ts'

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

/** Values found in one system that identify rows in another (references with `to.system`). */
const crossSeeds = (
  plan: DatasetPlan,
  rows: ReadonlyMap<string, ReadonlyMap<string, CollectedTable>>,
): Map<string, Seed[]> => {
  const seeds = new Map<string, Seed[]>()
  const add = (system: string, seed: Seed) => {
    if (seed.values.length > 0) seeds.set(system, [...(seeds.get(system) ?? []), seed])
  }
  const values = (system: string, table: string, column: string) =>
    (rows.get(system)?.get(table)?.rows ?? [])
      .map((r) => r[column])
      .filter((v) => v !== null && v !== undefined)
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
   * Values an earlier attempt's first search carried from one system to another: once a system is
   * erased, its rows no longer lead to the others' (a retry would find nothing there).
   */
  readonly seeds?: ReadonlyMap<string, readonly Seed[]>
  /** The first search's values for each system, to remember before anything changes. */
  searched?(seeds: ReadonlyMap<string, readonly Seed[]>): Promise<void>
  started?(system: string): Promise<void>
  /** What a system's erasure is about to commit (SQL systems): recorded before the commit. */
  committing?(system: string, outcome: EraseOutcome): Promise<void>
  finished?(system: string, outcome: EraseOutcome): Promise<void>
  failed?(system: string, error: AmanaError): Promise<void>
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

/**
 * Whether an erasure must find the subject before changing anything: to remove their files, or to
 * carry values from one system to another. Otherwise each SQL system's own search (under its
 * locks) is the only one, and it says whether the subject was found.
 */
const needsFirstSearch = (plan: DatasetPlan, opened: Opened): boolean =>
  plan.tables.some(
    (t) => t.files !== undefined || t.references.some((r) => (r.to.system ?? t.system) !== t.system),
  ) || [...opened.connectors.values()].some((c) => c.kind !== 'postgres' && c.kind !== 'mysql')

/** Before this erasure, held any row of the subject: what each system's own search found. */
const foundByErasure = (results: readonly SystemResult<EraseOutcome>[]): boolean =>
  results.some((r) => !r.ok || r.outcome.status !== 'completed' || (r.outcome.found ?? 1) > 0)

/** Files of the found rows: removed, or kept with their held or kept rows. */
const eraseFiles = async (
  plan: DatasetPlan,
  opened: Opened,
  rows: ReadonlyMap<string, ReadonlyMap<string, CollectedTable>>,
  options: { now: Date; dryRun: boolean },
): Promise<ErasedFile[]> => {
  const files: ErasedFile[] = []
  for (const f of fileRefs(plan, rows)) {
    const table = plan.tables.find((t) => t.system === f.system && t.table === f.table)
    const store = opened.fileStores.get(f.store)
    if (!table || isHeld(table, options.now) || !table.fields.some((x) => x.onErase !== 'keep'))
      files.push({ ...f, status: 'kept' })
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

/**
 * Erasure across systems. Files go first: if a database step then fails, a retry finds the rows
 * again and the missing files count as `absent`; the other way round, a failed file removal after
 * the rows are gone could never be retried. Each system's part is reported to `progress` before it
 * starts and after it commits; systems `progress.done` names are not run again.
 */
export const eraseSubject = async (
  plan: DatasetPlan,
  opened: Opened,
  identifiers: readonly SubjectIdentifier[],
  options: {
    now: Date
    dryRun?: boolean
    progress?: EraseProgress
    /** When the shop said an event happened to rows of a system's table (see `EraseOptions.eventTimes`). */
    eventTimes?: (
      query: Parameters<NonNullable<EraseOptions['eventTimes']>>[0] & { system: string },
    ) => Promise<ReadonlyMap<string, Date>>
  },
): Promise<EraseReport> => {
  const dryRun = options.dryRun ?? false
  const progress = options.progress ?? {}
  const first = needsFirstSearch(plan, opened) ? await collectAcross(plan, opened, identifiers) : undefined
  const failed = [...(first?.results.values() ?? [])].filter((r) => !r.ok)
  if (failed.length > 0) return { results: failed, files: [], alreadyErased: false, subjectFound: true }
  const seedsOf = mergeSeeds(first?.seeds, progress.seeds)
  if (first && !dryRun) await progress.searched?.(seedsOf)
  const files = first ? await eraseFiles(plan, opened, first.rows, { now: options.now, dryRun }) : []

  const results: SystemResult<EraseOutcome>[] = []
  const { eventTimes } = options
  for (const [system, connector] of opened.connectors) {
    if (progress.done?.has(system)) continue
    const seeds = seedsOf.get(system)
    await progress.started?.(system)
    const { committing } = progress
    const result = await attempt(system, () =>
      connector.erase(
        { identifiers, ...(seeds ? { seeds } : {}) },
        {
          now: options.now,
          dryRun,
          ...(eventTimes
            ? {
                eventTimes: (q: { table: string; event: string; keys: readonly string[] }) =>
                  eventTimes({ ...q, system }),
              }
            : {}),
          ...(committing ? { committing: (outcome: EraseOutcome) => committing(system, outcome) } : {}),
        },
      ),
    )
    if (result.ok) await progress.finished?.(system, result.outcome)
    else await progress.failed?.(system, result.error)
    results.push(result)
  }
  const alreadyErased =
    results.every((r) => r.ok && r.outcome.status === 'completed' && r.outcome.alreadyErased) &&
    files.every((f) => f.status !== 'removed')
  const subjectFound = first ? foundAnywhere(first.results.values()) : foundByErasure(results)
  return { results, files, alreadyErased, subjectFound }
}
