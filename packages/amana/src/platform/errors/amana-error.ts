import { type ErrorCode, errorCodes } from './codes.ts'

/**
 * The one error type. `code` is a documented contract (docs/errors.md); `message` is safe to show to
 * the person who caused it; `details` carries structured data (field paths, fixes) for API clients.
 */
export class AmanaError extends Error {
  readonly code: ErrorCode
  readonly details: unknown

  constructor(code: ErrorCode, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options)
    this.name = 'AmanaError'
    this.code = code
    this.details = details
  }

  get httpStatus(): number {
    return errorCodes[this.code].status
  }
}

export const isAmanaError = (error: unknown): error is AmanaError => error instanceof AmanaError
