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

/**
 * When the team is reminded of a running clock: half-way and with a fifth left (24 h → at 12 h and
 * 4.8 h left). A point already past is due now, but only the most urgent one; an expired clock has none.
 */
export const reminderPoints = (clock: BreachClock, now: Date): { key: string; at: Date }[] => {
  if (clock.hours === null || clock.dueAt === null) return []
  const due = Date.parse(clock.dueAt)
  if (due <= now.getTime()) return []
  const total = clock.hours * 3_600_000
  const points = (
    [
      ['half', 0.5],
      ['last-fifth', 0.2],
    ] as const
  ).map(([name, fraction]) => ({
    key: `${clock.jurisdiction}:${clock.audience}:${name}`,
    at: new Date(due - total * fraction),
  }))
  const passed = points.filter((p) => p.at.getTime() <= now.getTime())
  const latest = passed.at(-1)
  return [
    ...(latest ? [{ key: latest.key, at: now }] : []),
    ...points.filter((p) => p.at.getTime() > now.getTime()),
  ]
}
