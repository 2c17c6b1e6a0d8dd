// The shapes of Amana's API the client reads and sends (see /api/openapi.json on a running Amana).

export type DecisionReason =
  | 'consent-given'
  | 'consent-refused'
  | 'consent-absent'
  | 'legal-basis-not-consent'
  | 'restricted'
  | 'child'
  | 'gpc'
  | 'opt-out-default'

export interface AmanaDecision {
  readonly purpose: string
  readonly allow: boolean
  readonly reason: DecisionReason
}

export type Channel = 'email' | 'sms' | 'whatsapp' | 'push'

export interface DecideOptions {
  readonly channel?: Channel
  readonly jurisdiction?: string
  readonly child?: boolean
  /** The request you are serving carried `Sec-GPC: 1`. */
  readonly gpc?: boolean
}

export type ConsentMethod =
  | 'banner-accept-all'
  | 'banner-reject-all'
  | 'banner-custom'
  | 'preferences-page'
  | 'account-settings'
  | 'email-unsubscribe'
  | 'gpc'
  | 'parent'
  | 'api'

export interface ConsentChoice {
  /** A purpose id from amana.yaml. */
  readonly purpose: string
  readonly channel?: Channel
  readonly granted: boolean
}

export interface ConsentRecordResult {
  readonly id: string
  /** `duplicate` when a record with this id was already stored (a retry). */
  readonly status: 'recorded' | 'duplicate'
  /** Path of the signed receipt. */
  readonly receipt: string
}

export interface ConsentView {
  readonly subjectHash: string
  readonly state: Record<string, unknown>
  readonly records: readonly Record<string, unknown>[]
}

export interface RetentionEvent {
  /** e.g. `order.fulfilled`, `account.closed`. */
  readonly type: string
  /** ISO 8601 with offset; now when absent. */
  readonly occurredAt?: string
  readonly subject?: { readonly kind: string; readonly id: string }
  readonly records?: readonly { readonly system?: string; readonly table: string; readonly key: string }[]
}

export type RequestType =
  | 'access'
  | 'portability'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'objection'
  | 'opt-out-sale'
  | 'withdraw-consent'
  | 'know'

export interface RequestSubmission {
  readonly type: RequestType
  readonly email?: string
  readonly phone?: string
  readonly channel?: 'email' | 'sms' | 'whatsapp'
  readonly locale?: 'en' | 'ar'
  readonly country?: string
  readonly details?: string
  readonly orderNumber?: string
}

/** A request the shop's backend submits for a customer it has signed in (scope `requests:submit`). */
export interface CustomerRequest {
  readonly type: RequestType
  readonly locale?: 'en' | 'ar'
  readonly country?: string
  readonly details?: string
  /** The signed-in customer: email or phone (where the answer goes), and your own id for them. */
  readonly customer: { readonly email?: string; readonly phone?: string; readonly customerId?: string }
}

export interface SubmittedRequest {
  /** `DSR-XXXX-XXXX`: quote it to the customer. */
  readonly reference: string
  /** Reads the status; keep it with the customer's account, never in a URL you log. */
  readonly token: string
  readonly status: string
}

export interface RequestStatus {
  readonly reference: string
  readonly type: string
  /** received, verifying, verified, in-progress, awaiting-staff, completed, denied, … */
  readonly status: string
  readonly receivedAt: string
  /** The legal deadline; `extendedDueAt` when it was extended, with the reason. */
  readonly dueAt: string
  readonly extendedDueAt: string | null
  readonly extensionReason: string | null
  readonly denialReason: string | null
  /** The page where the person follows the request. */
  readonly statusUrl: string
}
