import {
  durationDays,
  type Manifest,
  parseDuration,
  type RetentionAction,
  type RetentionEvent,
} from '../../manifest/index.ts'

/**
 * Where the time of a rule's event comes from for one table: a column of the table (the manifest's
 * `timestamps:` map), or Amana's own clock (`POST /v1/events`), set per record or per subject.
 */
export type ClockSource = { kind: 'column'; column: string } | { kind: 'clock' }

export type TargetTable = {
  table: string
  /** The categories' columns in this table. */
  columns: string[]
  /** Columns of categories more than `normal` in sensitivity (a payment token): rewritten by `anonymise`. */
  sensitive: string[]
  source: ClockSource
}

/**
 * One rule carried out in one system: the categories that share it, their tables there, the
 * period actually kept (the rule's, or its legal hold's when longer), counted from `after`.
 */
export type RetentionTarget = {
  id: string
  system: string
  categories: string[]
  tables: TargetTable[]
  keep: string
  after: RetentionEvent
  action: RetentionAction
  /** The manifest paths the rule comes from: the same the policy's retention table cites. */
  declaredAt: string[]
  /** `last-activity` rules: how long before deletion the person is told (the longest of the categories'). */
  notice?: string
}

const subjectEvents: ReadonlySet<RetentionEvent> = new Set([
  'last-activity',
  'consent-withdrawn',
  'account-closed',
  'application-closed',
])

/** Whether an event is about a person as a whole (their account) rather than one record (an order). */
export const isSubjectEvent = (event: RetentionEvent): boolean => subjectEvents.has(event)

/** The period a rule keeps data: its own, or its legal hold's when that is longer. */
export const effectiveKeep = (retention: NonNullable<Manifest['categories'][string]['retention']>): string =>
  retention.legalHold && durationDays(retention.legalHold.keep) > durationDays(retention.keep)
    ? retention.legalHold.keep
    : retention.keep

/**
 * Every rule of the manifest as targets, one per (system, period, event, action): the categories
 * stored in a system with the same rule are carried out together, so a design and its image go in
 * one transaction. Systems without tables (a manual inbox) get a target with no table; files
 * systems are reached through the table that names the file.
 */
export const retentionTargets = (manifest: Manifest): RetentionTarget[] => {
  const targets = new Map<string, RetentionTarget>()
  for (const [categoryId, category] of Object.entries(manifest.categories)) {
    const rule = category.retention
    if (!rule) continue
    const keep = effectiveKeep(rule)
    for (const [system, tables] of Object.entries(category.storage ?? {})) {
      const systemDef = manifest.systems?.[system]
      if (!systemDef || systemDef.kind === 'files') continue
      const id = `${system}:${keep}:${rule.after}:${rule.action}`
      let target = targets.get(id)
      if (!target) {
        target = {
          id,
          system,
          categories: [],
          tables: [],
          keep,
          after: rule.after,
          action: rule.action,
          declaredAt: [],
        }
        targets.set(id, target)
      }
      if (rule.notice && (!target.notice || durationDays(rule.notice.before) > durationDays(target.notice)))
        target.notice = rule.notice.before
      target.categories.push(categoryId)
      target.declaredAt.push(`categories.${categoryId}.retention`)
      for (const [table, columns] of Object.entries(tables)) {
        const column = systemDef.tables?.[table]?.timestamps?.[rule.after]
        const sensitive = category.sensitivity === 'normal' ? [] : columns
        const existing = target.tables.find((t) => t.table === table)
        if (existing) {
          existing.columns.push(...columns.filter((c) => !existing.columns.includes(c)))
          existing.sensitive.push(...sensitive.filter((c) => !existing.sensitive.includes(c)))
        } else
          target.tables.push({
            table,
            columns: [...columns],
            sensitive: [...sensitive],
            source: column ? { kind: 'column', column } : { kind: 'clock' },
          })
      }
    }
  }
  return [...targets.values()]
}

/** `at` moved back by an ISO-8601 duration, calendar-wise in UTC (P1M from 31 March is 28/29 February's end). */
export const subtractDuration = (at: Date, iso: string): Date => {
  const d = parseDuration(iso)
  const out = new Date(at.getTime())
  const day = out.getUTCDate()
  out.setUTCDate(1)
  out.setUTCFullYear(out.getUTCFullYear() - d.years)
  out.setUTCMonth(out.getUTCMonth() - d.months)
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate()
  out.setUTCDate(Math.min(day, lastDay))
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000
  return new Date(out.getTime() - ms)
}

/** `at` moved forward by an ISO-8601 duration, calendar-wise in UTC: when a period that began at `at` ends. */
export const addDuration = (at: Date, iso: string): Date => {
  const d = parseDuration(iso)
  const out = new Date(at.getTime())
  const day = out.getUTCDate()
  out.setUTCDate(1)
  out.setUTCFullYear(out.getUTCFullYear() + d.years)
  out.setUTCMonth(out.getUTCMonth() + d.months)
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate()
  out.setUTCDate(Math.min(day, lastDay))
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000
  return new Date(out.getTime() + ms)
}

/** Rows whose event happened at or before this moment are due at `now`. */
export const dueBefore = (now: Date, keep: string): Date => subtractDuration(now, keep)

export const horizons = { today: 1, week: 7, month: 30 } as const
export type Horizon = keyof typeof horizons

/** The cut-off for what falls due within `horizon` of `now` (today: by the end of the next 24 hours). */
export const dueWithin = (now: Date, keep: string, horizon: Horizon): Date =>
  dueBefore(new Date(now.getTime() + horizons[horizon] * 86_400_000), keep)
