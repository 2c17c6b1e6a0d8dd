import type { JurisdictionPack, Localised } from '../../jurisdictions/index.ts'
import { type BreachAudience, type BreachCommitment, breachDeadlines } from './breach-deadline.ts'

export interface BreachClock {
  readonly jurisdiction: string
  readonly authority: Localised
  readonly audience: BreachAudience
  /** People in this jurisdiction the scope found (0 before a scope is run). */
  readonly people: number
  readonly hours: number | null
  readonly from: 'jurisdiction' | 'commitment' | 'none'
  readonly commitmentHours?: number
  readonly verified: boolean
  readonly text: Localised
  /** Discovery + hours; null without hours. */
  readonly dueAt: string | null
  /** Seconds left at `now` (negative once expired); null without hours. */
  readonly remainingSeconds: number | null
  readonly state: 'running' | 'expired' | 'no-deadline'
}

/**
 * One regulator clock and one individuals clock per jurisdiction involved, counted from discovery.
 * Pure: `now` is passed in.
 */
export const breachClocks = (input: {
  readonly discoveredAt: Date
  readonly packs: readonly JurisdictionPack[]
  readonly people: Readonly<Record<string, number>>
  readonly commitment?: BreachCommitment
  readonly now: Date
}): BreachClock[] =>
  input.packs.flatMap((pack) => {
    const deadlines = breachDeadlines(pack, input.commitment)
    return (['regulator', 'individuals'] as const).map((audience) => {
      const d = deadlines[audience]
      const due = d.hours === null ? null : new Date(input.discoveredAt.getTime() + d.hours * 3_600_000)
      const remaining = due === null ? null : Math.floor((due.getTime() - input.now.getTime()) / 1000)
      return {
        jurisdiction: pack.id,
        authority: pack.authority.value.name,
        audience,
        people: input.people[pack.id] ?? 0,
        hours: d.hours,
        from: d.from,
        ...(d.commitmentHours === undefined ? {} : { commitmentHours: d.commitmentHours }),
        verified: d.verified,
        text: d.text,
        dueAt: due?.toISOString() ?? null,
        remainingSeconds: remaining,
        state: remaining === null ? 'no-deadline' : remaining <= 0 ? 'expired' : 'running',
      }
    })
  })

/** Reminder points before a clock expires: half-way and the last fifth (24 h → at 12 h and 4.8 h left). */
export const reminderDue = (clock: BreachClock, alreadySent: ReadonlySet<string>): string | undefined => {
  if (clock.hours === null || clock.remainingSeconds === null || clock.remainingSeconds <= 0) return undefined
  const total = clock.hours * 3600
  for (const [name, fraction] of [
    ['last-fifth', 0.2],
    ['half', 0.5],
  ] as const) {
    const key = `${clock.jurisdiction}:${clock.audience}:${name}`
    if (clock.remainingSeconds <= total * fraction) return alreadySent.has(key) ? undefined : key
  }
  return undefined
}
