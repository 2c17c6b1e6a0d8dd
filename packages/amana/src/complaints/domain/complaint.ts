/** How a complaint reached the shop: the privacy centre's form, or logged by staff from another channel. */
export const complaintChannels = ['privacy-centre', 'email', 'phone', 'whatsapp', 'post'] as const
export type ComplaintChannel = (typeof complaintChannels)[number]

export const complaintStatuses = ['open', 'resolved'] as const
export type ComplaintStatus = (typeof complaintStatuses)[number]

const DAY = 86_400_000

/** Without a commitment in the manifest, the 30 days the policies promise. */
export const DEFAULT_COMPLAINT_DAYS = 30

export interface ComplaintDeadline {
  readonly days: number
  readonly from: 'commitment' | 'default'
}

/**
 * Days to answer a complaint: the shop's commitment (`complaints.responseDays`). No pack sets a
 * shorter duty to answer (the UK's 2026 duty is to acknowledge within 30 days), so none shortens it.
 */
export const complaintDeadline = (responseDays: number | undefined): ComplaintDeadline =>
  responseDays === undefined
    ? { days: DEFAULT_COMPLAINT_DAYS, from: 'default' }
    : { days: responseDays, from: 'commitment' }

/** Due at the end of the last day: received + days. */
export const dueAt = (receivedAt: Date, days: number): Date => new Date(receivedAt.getTime() + days * DAY)

/** Overdue once the due time has passed and it is still open: with 30 days, from day 31. */
export const isOverdue = (c: { readonly status: string; readonly dueAt: Date }, now: Date): boolean =>
  c.status === 'open' && now.getTime() > c.dueAt.getTime()

/** The day of the complaint's life `now` falls on (the day it came in is day 1). */
export const dayOf = (receivedAt: Date, now: Date): number =>
  Math.floor((now.getTime() - receivedAt.getTime()) / DAY) + 1
