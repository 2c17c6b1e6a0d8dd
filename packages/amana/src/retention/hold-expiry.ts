import { z } from 'zod'
import {
  type DatasetPlan,
  type EraseReport,
  eraseSubject,
  type Field,
  type Opened,
  type Seed,
  type TablePlan,
} from '../connectors/index.ts'
import { defineJob } from '../platform/jobs/index.ts'
import { finishHold, type HoldRow, listExpiredHolds } from '../requests/index.ts'
import { findFrozenRows, frozenTable, identifiersOfRef } from './freezes.ts'
import type { FrozenSubject, RetentionDeps, ShopSystemsPort } from './ports.ts'
import { retentionStore } from './store.ts'

/** Finishes the erasures legal holds delayed, once their period has ended (queued by the retention check). */
export const holdExpiryJob = defineJob({
  name: 'retention.hold-expiry',
  version: 1,
  payload: z.object({}),
  retryLimit: 10,
  retryDelaySeconds: 30,
})

/** Without `freezes`, only `subject_freeze` (incidents, complaints) pauses a hold's end; without `vault`, only the held rows tell whose they are. */
export type HoldExpiryDeps = Pick<RetentionDeps, 'db' | 'shop' | 'audit' | 'logger' | 'now'> &
  Partial<Pick<RetentionDeps, 'freezes' | 'vault'>>

export type FinishedHold = {
  hold: string
  request: string
  system: string
  table: string
  /** Held columns erased now (all the kept row's personal data when the hold kept whole rows). */
  columns: string[]
  rows: number
  /** Files of the kept rows removed now (a file column the hold kept). */
  files: number
}

/** A kept field, erased now: its hold has ended, so it is anonymised like the row's other fields. */
const released = ({ hold: _hold, ...field }: Field): Field => ({ ...field, onErase: 'anonymise' })

/**
 * The hold's system as the erasure planner sees it to finish one hold: every table (so references
 * and real foreign keys are followed), none identifying anyone, and the held table with only the
 * fields the hold kept (all its fields when it kept whole rows), without the hold: the erasure that
 * finishes a hold must not be held again by it.
 */
export const expiredHoldTables = (plan: DatasetPlan, hold: HoldRow): TablePlan[] =>
  plan.tables
    .filter((t) => t.system === hold.system)
    .map((t) => {
      const { legalHold: _held, ...rest } = t
      if (t.table !== hold.table_name) return { ...rest, identity: [], fields: [] }
      const kept = t.fields.filter((f) => hold.columns.length === 0 || hold.columns.includes(f.column))
      return { ...rest, identity: [], fields: kept.map(released) }
    })

/** The plan that finishes one hold: its system's tables as above, and the file stores its held table's files are in. */
const expiryPlan = (plan: DatasetPlan, hold: HoldRow): DatasetPlan => {
  const tables = expiredHoldTables(plan, hold)
  const stores = new Set(tables.flatMap((t) => (t.files ? [t.files.store] : [])))
  return { ...plan, systems: plan.systems.filter((s) => s.id === hold.system || stores.has(s.id)), tables }
}

const keyOf = (values: readonly unknown[]) => JSON.stringify(values.map((v) => String(v)))

/**
 * The seed that reaches exactly the rows the hold kept: its key column, or for a composite key
 * the first key column whose values, searched, bring back no row the hold did not keep (an order
 * line's `order_id`, not a shared `store_id`). Undefined when no column tells them apart.
 */
const isolatingSeed = async (opened: Opened, table: TablePlan, hold: HoldRow): Promise<Seed | undefined> => {
  const seedOf = (i: number): Seed => ({
    table: hold.table_name,
    column: table.primaryKey[i] as string,
    values: [...new Set(hold.row_keys.map((k) => k[i]))],
  })
  if (table.primaryKey.length === 1) return seedOf(0)
  const held = new Set(hold.row_keys.map(keyOf))
  const connector = opened.connectors.get(hold.system)
  for (const [i] of table.primaryKey.entries()) {
    const seed = seedOf(i)
    const found = await connector?.collect({ identifiers: [], seeds: [seed] })
    if (found?.status !== 'completed') return undefined
    const rows = found.tables.find((t) => t.table === hold.table_name)?.rows ?? []
    if (rows.every((r) => held.has(keyOf(table.primaryKey.map((c) => r[c]))))) return seed
  }
  return undefined
}

const changedOf = (report: EraseReport, system: string, table: string): number =>
  report.results.reduce(
    (n, r) =>
      r.ok && r.system === system && r.outcome.status === 'completed'
        ? n +
          r.outcome.steps
            .filter((s) => s.table === table && (s.action === 'anonymise' || s.action === 'delete'))
            .reduce((m, s) => m + s.rows, 0)
        : n,
    0,
  )

const audited = async (deps: HoldExpiryDeps, hold: HoldRow, finished: FinishedHold, now: Date) => {
  if (await finishHold(deps.db, hold.id, now))
    await deps.audit.append({
      actor: { type: 'system', id: 'retention' },
      action: 'retention.hold-finished',
      target: `request:${hold.request_id}`,
      details: { ...finished, columns: finished.columns.join(', ') },
    })
}

/** One hold: its kept rows (by the keys it recorded) erased in one transaction of its system, then their files. */
const finishOne = async (
  deps: HoldExpiryDeps,
  shop: ShopSystemsPort,
  hold: HoldRow,
  now: Date,
): Promise<FinishedHold | undefined> => {
  const plan = expiryPlan(shop.plan, hold)
  const table = plan.tables.find((t) => t.table === hold.table_name)
  if (!table || table.primaryKey.length === 0)
    throw new Error(
      `hold ${hold.id}: ${hold.system}.${hold.table_name} is not in the manifest's plan with a key; fix the manifest, then the next run finishes it`,
    )
  const opened = shop.open(plan)
  try {
    const seed = await isolatingSeed(opened, table, hold)
    if (!seed) {
      deps.logger.warn(
        { hold: hold.id, system: hold.system, table: hold.table_name },
        'a hold on a composite key could not be finished: no key column isolates its rows from others; erase them by hand, then mark the hold finished',
      )
      return undefined
    }
    const report = await eraseSubject(plan, opened, [], {
      now,
      progress: { seeds: new Map([[hold.system, [seed]]]) },
    })
    const failed = report.results.find((r) => !r.ok)
    if (failed && !failed.ok) throw failed.error
    const finished: FinishedHold = {
      hold: hold.id,
      request: hold.request_id,
      system: hold.system,
      table: hold.table_name,
      columns: table.fields.map((f) => f.column),
      rows: changedOf(report, hold.system, hold.table_name),
      files: report.files.filter((f) => f.status === 'removed').length,
    }
    await audited(deps, hold, finished, now)
    return finished
  } finally {
    await opened.close()
  }
}

/** Who no erasure may touch now: open freezes (incidents, complaints) and open requests. */
const frozenSubjects = async (deps: HoldExpiryDeps, now: Date): Promise<FrozenSubject[]> => [
  ...(await retentionStore(deps.db).openFreezes()).map((ref) => ({ ref, reason: 'freeze' })),
  ...((await deps.freezes?.frozenSubjects(now)) ?? []),
]

/**
 * Which holds a freeze pauses: those filed under a frozen person's email or phone (the hold keeps
 * their blind indexes, never the values), and those whose kept rows a frozen person's search finds.
 */
const pausedBy = async (
  deps: HoldExpiryDeps,
  shop: ShopSystemsPort,
  now: Date,
): Promise<(hold: HoldRow) => boolean> => {
  const subjects = await frozenSubjects(deps, now)
  if (subjects.length === 0) return () => false
  const indexes = new Set<string>()
  for (const s of subjects)
    for (const id of s.identifiers ?? (s.ref ? identifiersOfRef(s.ref) : []))
      if (deps.vault?.blindIndex && (id.kind === 'email' || id.kind === 'phone'))
        indexes.add(deps.vault.blindIndex(id.kind, id.value))
  const opened = shop.open(shop.plan)
  try {
    const frozen = await findFrozenRows(shop.plan, opened, subjects)
    return (hold) =>
      hold.subject_index.some((i) => indexes.has(i)) ||
      hold.row_keys.some((k) => frozen.rows.get(frozenTable(hold.system, hold.table_name))?.has(String(k[0])))
  } finally {
    await opened.close()
  }
}

/**
 * Holds whose period has ended: the fields each kept are erased (without the hold), with the files
 * of the kept rows, the erasure is audited with its counts and the hold marked finished. A hold
 * about someone an open request, complaint or incident concerns waits until that is closed. A
 * second run finds nothing to finish.
 */
export const finishExpiredHolds = async (deps: HoldExpiryDeps): Promise<FinishedHold[]> => {
  const now = deps.now()
  const { shop } = deps
  if (!shop) return []
  const holds = await listExpiredHolds(deps.db, now)
  if (holds.length === 0) return []
  const paused = await pausedBy(deps, shop, now)
  const done: FinishedHold[] = []
  for (const hold of holds) {
    if (paused(hold)) {
      deps.logger.info(
        { hold: hold.id },
        'a hold’s end waits: its subject is frozen by an open request, complaint or incident',
      )
      continue
    }
    const finished = await finishOne(deps, shop, hold, now)
    if (finished) done.push(finished)
  }
  return done
}
