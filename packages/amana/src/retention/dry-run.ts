import { retentionTablePlans } from './domain/erase-plan.ts'
import { dueWithin, type Horizon, horizons, isSubjectEvent, retentionTargets } from './domain/plan.ts'
import type { RetentionDeps } from './ports.ts'
import { retentionStore } from './store.ts'

/** What would go within each horizon for one table of one rule (counted as rows, or subjects). */
export type PlanLine = {
  target: string
  system: string
  table: string
  categories: string[]
  action: string
  keep: string
  after: string
  /** Where the event's time comes from: a column of the table, Amana's record clock, or subjects' clocks. */
  source: string
  unit: 'rows' | 'subjects'
  due: Record<Horizon, number>
  /** Counting failed (the system unreachable): why, instead of numbers. */
  error?: string
}

const countFor = async (
  deps: RetentionDeps,
  line: Omit<PlanLine, 'due'>,
  count: (before: Date) => Promise<number>,
): Promise<PlanLine> => {
  const now = deps.now()
  const due = { today: 0, week: 0, month: 0 }
  try {
    for (const h of Object.keys(horizons) as Horizon[]) due[h] = await count(dueWithin(now, line.keep, h))
    return { ...line, due }
  } catch (error) {
    return { ...line, due, error: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The dry run: for every rule, system and table, how many rows (or subjects, for account-level
 * events) fall due today, within a week and within a month. Reads only; nothing is changed.
 */
export const planRetention = async (deps: RetentionDeps): Promise<PlanLine[]> => {
  const store = retentionStore(deps.db)
  const lines: PlanLine[] = []
  for (const target of retentionTargets(deps.manifest)) {
    const base = {
      target: target.id,
      system: target.system,
      categories: target.categories,
      action: target.action,
      keep: target.keep,
      after: target.after,
    }
    const tables = deps.shop ? retentionTablePlans(deps.shop.plan, target) : []
    const opened = deps.shop?.open({ systems: deps.shop.plan.systems, tables })
    try {
      for (const t of target.tables) {
        const connector = opened?.connectors.get(target.system)
        if (t.source.kind === 'column') {
          const column = t.source.column
          lines.push(
            await countFor(
              deps,
              { ...base, table: t.table, source: `column ${column}`, unit: 'rows' },
              (before) =>
                connector?.countDue
                  ? connector.countDue({ table: t.table, column, before, asOf: deps.now() })
                  : Promise.resolve(0),
            ),
          )
        } else if (!isSubjectEvent(target.after))
          lines.push(
            await countFor(deps, { ...base, table: t.table, source: 'amana clock', unit: 'rows' }, (before) =>
              store.countRecordClocks({ system: target.system, table: t.table, event: target.after, before }),
            ),
          )
      }
      if (isSubjectEvent(target.after)) {
        const kinds = target.categories.flatMap(
          (c) => deps.manifest.categories[c]?.subjects ?? Object.keys(deps.manifest.subjects),
        )
        lines.push(
          await countFor(
            deps,
            {
              ...base,
              table: target.tables.map((t) => t.table).join(', '),
              source: 'subject clock',
              unit: 'subjects',
            },
            (before) => store.countSubjectClocks({ kinds: [...new Set(kinds)], event: target.after, before }),
          ),
        )
      }
    } finally {
      await opened?.close()
    }
  }
  return lines
}
