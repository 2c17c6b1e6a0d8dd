import type { RetentionTarget } from './plan.ts'

export type ReportRun = {
  id: string
  trigger: string
  status: string
  asOf: Date
  startedAt: Date
  finishedAt: Date | null
  counts: unknown[]
  digest: string | null
}

type Count = { system: string; table: string; action: string; rows: number; categories?: string[] }

export const reportColumns = [
  'section',
  'rule',
  'system',
  'table',
  'categories',
  'keep',
  'after',
  'action',
  'declared_at',
  'run',
  'status',
  'trigger',
  'as_of',
  'started_at',
  'finished_at',
  'rows',
  'digest',
] as const

/**
 * The retention report for auditors, as rows: every rule as the sweep reads it (with the manifest
 * path the policy cites), then every run with what it did per table and its digest. Pure.
 */
export const retentionReportRows = (
  targets: readonly RetentionTarget[],
  runs: readonly ReportRun[],
): Record<(typeof reportColumns)[number], unknown>[] => {
  const blank = Object.fromEntries(reportColumns.map((c) => [c, ''])) as Record<
    (typeof reportColumns)[number],
    unknown
  >
  const rules = targets.flatMap((t) =>
    t.tables.map((table) => ({
      ...blank,
      section: 'rule',
      rule: t.id,
      system: t.system,
      table: table.table,
      categories: t.categories.join(' '),
      keep: t.keep,
      after: t.after,
      action: t.action,
      declared_at: t.declaredAt.join(' '),
    })),
  )
  const done = runs.flatMap((r) => {
    const base = {
      ...blank,
      section: 'run',
      run: r.id,
      status: r.status,
      trigger: r.trigger,
      as_of: r.asOf,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      digest: r.digest ?? '',
    }
    const counts = r.counts as Count[]
    if (counts.length === 0) return [{ ...base, rows: 0 }]
    return counts.map((c) => ({
      ...base,
      system: c.system,
      table: c.table,
      action: c.action,
      categories: (c.categories ?? []).join(' '),
      rows: c.rows,
    }))
  })
  return [...rules, ...done]
}
