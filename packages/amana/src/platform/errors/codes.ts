/**
 * Every error code Amana can return, with its HTTP status. docs/errors.md documents each one;
 * `codes.test.ts` fails when a code is missing there.
 */
export const errorCodes = {
  CONFIG_INVALID: { status: 500, summary: 'The configuration (environment or flags) is invalid.' },
  CLI_USAGE: { status: 400, summary: 'A command was called with unknown or malformed arguments.' },
  DATABASE_UNREACHABLE: {
    status: 503,
    summary: 'The database could not be reached or refused the connection.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    summary: 'The connection to the database was lost during the request; retry after the time given.',
  },
  DATABASE_NOT_MIGRATED: {
    status: 503,
    summary: 'The database schema is behind the code; run `amana migrate`.',
  },
  DATA_DIR_NOT_WRITABLE: { status: 500, summary: 'The data directory cannot be created or written.' },
  DATA_DIR_LOCKED: {
    status: 503,
    summary: 'An embedded database directory is open in another Amana process.',
  },
  PORT_IN_USE: { status: 500, summary: 'The HTTP port is already taken by another process.' },
  VALIDATION_FAILED: {
    status: 400,
    summary: 'The request body, query or parameters did not match the schema.',
  },
  NOT_FOUND: { status: 404, summary: 'No resource exists at this address.' },
  UNAUTHENTICATED: { status: 401, summary: 'Sign-in or an API key is required.' },
  FORBIDDEN: { status: 403, summary: 'The caller lacks the permission this route declares.' },
  PAYLOAD_TOO_LARGE: { status: 413, summary: 'The request body exceeds the configured limit.' },
  RATE_LIMITED: { status: 429, summary: 'Too many requests; retry after the time given.' },
  CONFLICT: { status: 409, summary: 'The request conflicts with the current state of the resource.' },
  MANIFEST_INVALID: {
    status: 422,
    summary: 'The privacy manifest has errors; each names file:line:column, field and fix.',
  },
  JOB_FAILED: { status: 500, summary: 'A background job failed after its retries.' },
  VAULT_DECRYPT_FAILED: {
    status: 422,
    summary:
      'A ciphertext failed authentication: tampered, moved to another record or field, or not from this vault.',
  },
  VAULT_KEY_UNAVAILABLE: {
    status: 500,
    summary: 'The key-encryption key a data key was wrapped with is not configured.',
  },
  SUBJECT_SHREDDED: {
    status: 410,
    summary: "The subject's data key was destroyed (crypto-shredded); their encrypted data is gone for good.",
  },
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    summary:
      'The audit ledger failed verification: an entry or checkpoint was edited, deleted, inserted or reordered.',
  },
  CONNECTOR_UNAVAILABLE: {
    status: 503,
    summary: 'A shop system a connector talks to could not be reached; the operation can be retried.',
  },
  PDF_UNAVAILABLE: {
    status: 503,
    summary:
      'A PDF export needs Chromium and none is installed or configured (AMANA_CHROMIUM_PATH); the HTML export stays available.',
  },
  CONNECTOR_SCHEMA_MISMATCH: {
    status: 422,
    summary: "The dataset plan names a table or column the shop's system does not have.",
  },
  CONNECTOR_FAILED: {
    status: 502,
    summary:
      'A shop system refused or failed an operation (constraint violation, webhook error or malformed answer).',
  },
  FILE_PATH_REJECTED: {
    status: 400,
    summary: 'A file reference points outside its file store (absolute path or `..`).',
  },
  DISCLOSURE_REFUSED: {
    status: 422,
    summary:
      'The manifest does not allow handing one or more of these fields to this processor for this purpose; nothing was released.',
  },
  CSRF_FAILED: {
    status: 403,
    summary:
      "A state-changing request with a session cookie lacked the session's CSRF token (form field `csrf` or header `x-csrf-token`).",
  },
  INTERNAL: {
    status: 500,
    summary: 'An unexpected error; details are in the server log under the request id.',
  },
} as const satisfies Record<string, { status: number; summary: string }>

export type ErrorCode = keyof typeof errorCodes
