import { durationDays } from '../manifest/index.ts'
import { type EventInput, type FieldProblem, resolveEvent } from './domain/events.ts'
import { retentionTargets } from './domain/plan.ts'
import { type PlanLine, planRetention } from './dry-run.ts'
import type { RetentionDeps } from './ports.ts'
import { type RunRow, retentionStore, subjectRef } from './store.ts'
import { runSweep, type SweepOptions, type SweepReport } from './sweep.ts'

export type EventOutcome =
  | { ok: true; event: string; clocks: number; immediate: string[] }
  | { ok: false; problems: FieldProblem[] }

export type Actor = { type: 'staff' | 'api-key' | 'system'; id: string }

/** Queues a sweep of some targets now (a job), for rules that run immediately after their event. */
export type SweepQueue = (only: readonly string[]) => Promise<void>

/**
 * Retention's use cases: record the shop's events (clocks), the dry run, sweeps, the runs so far,
 * and the pause switch (audited). Routes, jobs and the CLI are thin adapters over these.
 */
export const createRetention = (deps: RetentionDeps, queue?: SweepQueue) => {
  const store = retentionStore(deps.db)
  return {
    deps,
    store,
    /**
     * Starts or resets the clocks an event names; a rule that keeps nothing after this event
     * (`keep: P0D`) is queued for a sweep at once instead of waiting for the daily one.
     */
    async recordEvent(input: EventInput): Promise<EventOutcome> {
      const resolved = resolveEvent(deps.manifest, input, deps.now())
      if (!resolved.ok) return resolved
      const { event, occurredAt, subject, records, locale } = resolved.event
      await store.setClocks([
        ...(subject ? [{ event, occurredAt, subject, locale }] : []),
        ...records.map((record) => ({ event, occurredAt, record })),
      ])
      const immediate = retentionTargets(deps.manifest)
        .filter((t) => t.after === event && durationDays(t.keep) === 0)
        .map((t) => t.id)
      if (immediate.length > 0 && queue) await queue(immediate)
      // Signing in again: the inactivity notice no longer holds, and its clock starts over.
      if (subject && event === 'last-activity') await store.cancelNotices(subjectRef(subject), deps.now())
      return { ok: true, event, clocks: records.length + (subject ? 1 : 0), immediate }
    },
    plan: (): Promise<PlanLine[]> => planRetention(deps),
    sweep: (options: SweepOptions): Promise<SweepReport> => runSweep(deps, options),
    runs: (limit = 20): Promise<RunRow[]> => store.runs(limit),
    async paused(): Promise<boolean> {
      return (await store.setting('paused')) === true
    },
    /** The pause switch: no sweep deletes anything while it is on. Recorded in the ledger. */
    async setPaused(paused: boolean, actor: Actor, reason?: string): Promise<void> {
      await store.putSetting('paused', paused, deps.now())
      await deps.audit.append({
        actor,
        action: paused ? 'retention.paused' : 'retention.resumed',
        target: 'retention',
        ...(reason ? { details: { reason } } : {}),
      })
    },
  }
}

export type RetentionService = ReturnType<typeof createRetention>
