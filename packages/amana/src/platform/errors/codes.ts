/**
 * Every error code Amana can return, with its HTTP status. docs/errors.md documents each one;
 * `codes.test.ts` fails when a code is missing there.
 */
export const errorCodes = {
  CONFIG_INVALID: { status: 500, summary: 'The configuration (environment or flags) is invalid.' },
  CLI_USAGE: { status: 400, summary: 'A command was called with unknown or malformed arguments.' },
  DATABASE_UNREACHABLE: { status: 503, summary: 'The database could not be reached or refused the connection.' },
  DATABASE_NOT_MIGRATED: { status: 503, summary: 'The database schema is behind the code; run `amana migrate`.' },
  DATA_DIR_NOT_WRITABLE: { status: 500, summary: 'The data directory cannot be created or written.' },
  PORT_IN_USE: { status: 500, summary: 'The HTTP port is already taken by another process.' },
  VALIDATION_FAILED: { status: 400, summary: 'The request body, query or parameters did not match the schema.' },
  NOT_FOUND: { status: 404, summary: 'No resource exists at this address.' },
  UNAUTHENTICATED: { status: 401, summary: 'Sign-in or an API key is required.' },
  FORBIDDEN: { status: 403, summary: 'The caller lacks the permission this route declares.' },
  PAYLOAD_TOO_LARGE: { status: 413, summary: 'The request body exceeds the configured limit.' },
  RATE_LIMITED: { status: 429, summary: 'Too many requests; retry after the time given.' },
  CONFLICT: { status: 409, summary: 'The request conflicts with the current state of the resource.' },
  MANIFEST_INVALID: { status: 422, summary: 'The privacy manifest has errors; each names file:line:column, field and fix.' },
  JOB_FAILED: { status: 500, summary: 'A background job failed after its retries.' },
  INTERNAL: { status: 500, summary: 'An unexpected error; details are in the server log under the request id.' },
} as const satisfies Record<string, { status: number; summary: string }>

export type ErrorCode = keyof typeof errorCodes
