import {
  DEFAULT_DEADLINE_DAYS,
  type JurisdictionPack,
  packsForRequester,
  requestClock,
} from '../../jurisdictions/index.ts'
import { type RequestType, rightOf } from './request-types.ts'

const DAY_MS = 86_400_000

// The clock itself is jurisdictions' requestClock, which the policy states too: one source for both.
export { DEFAULT_DEADLINE_DAYS, packsForRequester }

export interface RequestDeadline {
  readonly dueAt: Date
  readonly days: number
  /** Where the winning clock comes from: a pack id, the shop's commitment, or Amana's default. */
  readonly source: string
  /** Latest date an extension may reach; null when a governing pack allows none. */
  readonly maxExtendedDueAt: Date | null
  readonly extensionSource: string | null
}

/** The request's dates from `requestClock` (the strictest governing clock and its extension). */
export const requestDeadline = (input: {
  receivedAt: Date
  type: RequestType
  packs: readonly JurisdictionPack[]
  commitmentDays: number | undefined
}): RequestDeadline => {
  const clock = requestClock(input.packs, input.commitmentDays, rightOf[input.type])
  return {
    dueAt: addDays(input.receivedAt, clock.days),
    days: clock.days,
    source: clock.source,
    maxExtendedDueAt: clock.extendedDays === null ? null : addDays(input.receivedAt, clock.extendedDays),
    extensionSource: clock.extensionSource,
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
