import { z } from 'zod'
import type { DatasetPlan, EraseOutcome, Field, TablePlan } from '../connectors/index.ts'
import { defineJob } from '../platform/jobs/index.ts'
import { finishHold, type HoldRow, listExpiredHolds } from '../requests/index.ts'
import type { RetentionDeps, ShopSystemsPort } from './ports.ts'

/** Finishes the erasures legal holds delayed, once their period has ended (queued by the retention check). */
export const holdExpiryJob = defineJob({
  name: 'retention.hold-expiry',
  version: 1,
  payload: z.object({}),
  retryLimit: 10,
  retryDelaySeconds: 30,
})

export type HoldExpiryDeps = Pick<RetentionDeps, 'db' | 'shop' | 'audit' | 'logger' | 'now'>

export type FinishedHold = {
  hold: string
  request: string
  system: string
  table: string
  /** Held columns erased now (all the kept row's personal data when the hold kept whole rows). */
  columns: string[]
  rows: number
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

const changedOf = (outcome: EraseOutcome, table: string): number =>
  outcome.status === 'completed'
    ? outcome.steps
        .filter((s) => s.table === table && (s.action === 'anonymise' || s.action === 'delete'))
        .reduce((n, s) => n + s.rows, 0)
    : 0

/** One hold: its kept rows (by the keys it recorded) erased in one transaction of its system. */
const finishOne = async (deps: HoldExpiryDeps, shop: ShopSystemsPort, hold: HoldRow, now: Date) => {
  const tables = expiredHoldTables(shop.plan, hold)
  const table = tables.find((t) => t.table === hold.table_name)
  if (!table || table.primaryKey.length !== 1)
    throw new Error(
      `hold ${hold.id}: ${hold.system}.${hold.table_name} is not in the manifest's plan with a one-column key; fix the manifest, then the next run finishes it`,
    )
  const keyColumn = table.primaryKey[0] as string
  const seeds = [{ table: hold.table_name, column: keyColumn, values: hold.row_keys.map((k) => k[0]) }]
  const opened = shop.open({ systems: shop.plan.systems.filter((s) => s.id === hold.system), tables })
  let outcome: EraseOutcome
  try {
    const connector = opened.connectors.get(hold.system)
    if (!connector) throw new Error(`hold ${hold.id}: system "${hold.system}" has no connector`)
    outcome = await connector.erase({ identifiers: [], seeds }, { now })
  } finally {
    await opened.close()
  }
  const finished: FinishedHold = {
    hold: hold.id,
    request: hold.request_id,
    system: hold.system,
    table: hold.table_name,
    columns: table.fields.map((f) => f.column),
    rows: changedOf(outcome, hold.table_name),
  }
  if (await finishHold(deps.db, hold.id, now))
    await deps.audit.append({
      actor: { type: 'system', id: 'retention' },
      action: 'retention.hold-finished',
      target: `request:${hold.request_id}`,
      details: { ...finished, columns: finished.columns.join(', ') },
    })
  return finished
}

/**
 * Holds whose period has ended: the fields each kept are erased (without the hold), the erasure is
 * audited with its counts and the hold marked finished. A second run finds nothing to finish.
 */
export const finishExpiredHolds = async (deps: HoldExpiryDeps): Promise<FinishedHold[]> => {
  const now = deps.now()
  const { shop } = deps
  if (!shop) return []
  const done: FinishedHold[] = []
  for (const hold of await listExpiredHolds(deps.db, now)) done.push(await finishOne(deps, shop, hold, now))
  return done
}
