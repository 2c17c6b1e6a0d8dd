import type { RequestType } from './domain/request-types.ts'
import type { RequestsService } from './requests-service.ts'

/** Why an open request waits for a person rather than for Amana or the customer. */
export type StaffWait = 'approval' | 'proof' | 'task' | 'failed' | 'review'

export interface OpenRequestItem {
  readonly id: string
  readonly reference: string
  readonly type: RequestType
  readonly status: string
  readonly dueAt: Date
  readonly sla: { readonly kind: 'on-time' | 'due-soon' | 'overdue' | 'closed'; readonly days: number }
  /** Set when a staff member must act; undefined while Amana or the customer has the next move. */
  readonly waitingFor?: StaffWait
  /** The last attempt failed (a retry from the request's page may help). */
  readonly failing: boolean
}

/** Decides who has the next move on an open request, from its row alone. */
export const staffWaitOf = (row: {
  readonly status: string
  readonly needs_approval: boolean
  readonly has_open_task: boolean
  readonly last_error: string | null
  readonly requester_kind: string
}): StaffWait | undefined => {
  if (row.status === 'verified') return row.needs_approval ? 'approval' : undefined
  if (row.status !== 'awaiting-staff') return undefined
  if (row.has_open_task) return 'task'
  if (row.last_error !== null) return 'failed'
  if (row.requester_kind !== 'self') return 'proof'
  return 'review'
}

/** Open requests by due date, overdue first, with who must act: the console overview's list. */
export const openRequestsToday = async (
  requests: Pick<RequestsService, 'store' | 'sla'>,
  now: Date,
  limit = 50,
): Promise<OpenRequestItem[]> => {
  const rows = await requests.store.listOpen(limit)
  return rows.map((row) => {
    const waitingFor = staffWaitOf({ ...row, has_open_task: Boolean(row.has_open_task) })
    return {
      id: row.id,
      reference: row.reference,
      type: row.type as RequestType,
      status: row.status,
      dueAt: row.extended_due_at ?? row.due_at,
      sla: requests.sla(row, now),
      ...(waitingFor ? { waitingFor } : {}),
      failing: row.last_error !== null,
    }
  })
}
