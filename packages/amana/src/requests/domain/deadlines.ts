import { deadlineDays, effectiveDeadline, type JurisdictionPack } from '../../jurisdictions/index.ts'
import { type RequestType, rightOf } from './request-types.ts'

const DAY_MS = 86_400_000

/** Used only when neither a pack nor the shop sets a clock, so no request is ever without one. */
export const DEFAULT_DEADLINE_DAYS = 30

/**
 * The packs that govern a requester: those of the shop's jurisdictions whose countries include the
 * requester's; when none does (or the country is unknown), those covering the shop's home country;
 * failing that, all of the shop's packs.
 */
export const packsForRequester = (
  shopPacks: readonly JurisdictionPack[],
  homeCountry: string,
  requesterCountry: string | undefined,
): JurisdictionPack[] => {
  const covering = (country: string) => shopPacks.filter((p) => p.countries.includes(country))
  const byRequester = requesterCountry ? covering(requesterCountry) : []
  if (byRequester.length > 0) return byRequester
  const home = covering(homeCountry)
  return home.length > 0 ? home : [...shopPacks]
}

export interface RequestDeadline {
  readonly dueAt: Date
  readonly days: number
  /** Where the winning clock comes from: a pack id, the shop's commitment, or Amana's default. */
  readonly source: string
  /** Latest date an extension may reach; null when a governing pack allows none. */
  readonly maxExtendedDueAt: Date | null
  readonly extensionSource: string | null
}

/**
 * The strictest of every governing pack and the shop's own commitment. An extension is allowed
 * only when every governing pack with a clock also provides one; it may reach the shortest
 * (deadline + extension) among them.
 */
export const requestDeadline = (input: {
  receivedAt: Date
  type: RequestType
  packs: readonly JurisdictionPack[]
  commitmentDays: number | undefined
}): RequestDeadline => {
  const right = rightOf[input.type]
  const eff = effectiveDeadline(input.packs, input.commitmentDays, right)
  const days = eff.days ?? DEFAULT_DEADLINE_DAYS
  const source =
    eff.from.kind === 'jurisdiction' ? eff.from.id : eff.from.kind === 'commitment' ? 'commitment' : 'default'
  let limit: { days: number; source: string } | null = null
  let refused = false
  for (const pack of input.packs) {
    const clock = pack.requestDeadline.value
    const deadline = clock.byRight?.[right] ?? clock.deadline
    if (deadline === null) continue
    if (clock.extension === null) {
      refused = true
      continue
    }
    const total = deadlineDays(deadline) + deadlineDays(clock.extension)
    if (limit === null || total < limit.days) limit = { days: total, source: pack.id }
  }
  const allowed = !refused && limit !== null && limit.days > days
  return {
    dueAt: addDays(input.receivedAt, days),
    days,
    source,
    maxExtendedDueAt: allowed && limit ? addDays(input.receivedAt, limit.days) : null,
    extensionSource: allowed && limit ? limit.source : null,
  }
}

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS)

export type DeadlineStatus =
  | { kind: 'on-time'; daysLeft: number }
  | { kind: 'due-soon'; daysLeft: number }
  | { kind: 'overdue'; daysOver: number }

/** SLA countdown for the queue; `soonDays` marks requests a reminder has been (or should be) sent for. */
export const deadlineStatus = (dueAt: Date, now: Date, soonDays = 5): DeadlineStatus => {
  const ms = dueAt.getTime() - now.getTime()
  if (ms < 0) return { kind: 'overdue', daysOver: Math.ceil(-ms / DAY_MS) }
  const daysLeft = Math.floor(ms / DAY_MS)
  return daysLeft < soonDays ? { kind: 'due-soon', daysLeft } : { kind: 'on-time', daysLeft }
}

export type ExtensionCheck = { ok: true; dueAt: Date } | { ok: false; reason: string }

/** Staff extend to `newDueAt` (default: as far as allowed); refused where no pack allows it. */
export const checkExtension = (
  deadline: RequestDeadline,
  reason: string,
  newDueAt?: Date,
): ExtensionCheck => {
  if (reason.trim().length < 5) return { ok: false, reason: 'give the requester a reason for the extension' }
  if (deadline.maxExtendedDueAt === null)
    return { ok: false, reason: 'the law governing this request allows no extension' }
  const target = newDueAt ?? deadline.maxExtendedDueAt
  if (target <= deadline.dueAt) return { ok: false, reason: 'an extension must move the deadline later' }
  if (target > deadline.maxExtendedDueAt)
    return {
      ok: false,
      reason: `the law allows extending to ${deadline.maxExtendedDueAt.toISOString().slice(0, 10)} at most`,
    }
  return { ok: true, dueAt: target }
}
