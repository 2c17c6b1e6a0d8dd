/** An error answer from Amana (docs/errors.md): `code` is stable, `message` says how to fix it. */
export class AmanaApiError extends Error {
  readonly status: number
  /** `VALIDATION_FAILED`, `FORBIDDEN`, `RATE_LIMITED`, … or `NETWORK` when no answer came. */
  readonly code: string
  readonly requestId: string | undefined
  /** For `VALIDATION_FAILED`: one `{ field, message }` per problem. */
  readonly details: unknown
  /** Seconds from `Retry-After`, when Amana sent one. */
  readonly retryAfterSeconds: number | undefined
  constructor(init: {
    status: number
    code: string
    message: string
    requestId?: string | undefined
    details?: unknown
    retryAfterSeconds?: number | undefined
  }) {
    super(init.message)
    this.name = 'AmanaApiError'
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.details = init.details
    this.retryAfterSeconds = init.retryAfterSeconds
  }
}
