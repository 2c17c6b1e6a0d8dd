/**
 * A request's life. `extended` is not a state but a flag (`extendedDueAt`): an extension can come
 * while a request is verified, in progress or waiting for staff, and does not change what happens next.
 */
export const requestStatuses = [
  'received',
  'verifying',
  'awaiting-staff',
  'verified',
  'in-progress',
  'completed',
  'denied',
  'merged',
] as const
export type RequestStatus = (typeof requestStatuses)[number]

const allowed: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  received: ['verifying', 'verified', 'awaiting-staff', 'denied'],
  verifying: ['verified', 'awaiting-staff', 'denied', 'merged'],
  'awaiting-staff': ['verified', 'in-progress', 'denied', 'merged'],
  verified: ['in-progress', 'denied', 'merged'],
  'in-progress': ['awaiting-staff', 'completed', 'denied'],
  completed: [],
  denied: [],
  merged: [],
}

export const isFinal = (status: RequestStatus): boolean => allowed[status].length === 0

export type Transition = { ok: true; from: RequestStatus; to: RequestStatus } | { ok: false; reason: string }

/** Checks one move of the state machine; a refused move names both states. */
export const transition = (from: RequestStatus, to: RequestStatus): Transition =>
  allowed[from].includes(to)
    ? { ok: true, from, to }
    : { ok: false, reason: `a request that is ${from} cannot become ${to}` }

/** Statuses that still count against the deadline (the clock runs until an answer is given). */
export const isOpen = (status: RequestStatus): boolean => !isFinal(status)
