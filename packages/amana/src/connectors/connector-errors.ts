import { AmanaError } from '../platform/errors/index.ts'
import type { PreflightIssue } from './connector.ts'

export type UnavailableDetails = { system: string; reason: string; retryable: boolean }

export const connectorUnavailable = (
  system: string,
  reason: string,
  cause?: unknown,
  retryable = true,
): AmanaError =>
  new AmanaError(
    'CONNECTOR_UNAVAILABLE',
    `${system}: unavailable (${reason})`,
    { system, reason, retryable } satisfies UnavailableDetails,
    cause === undefined ? undefined : { cause },
  )

/**
 * The system refused the operation. `retryable` only when the same operation may pass as it is
 * (a deadlock, a serialization failure, a lock timeout); a constraint violation or a missing
 * column waits for someone to fix the cause.
 */
export const connectorFailed = (
  system: string,
  reason: string,
  cause?: unknown,
  retryable = false,
): AmanaError =>
  new AmanaError(
    'CONNECTOR_FAILED',
    `${system}: ${reason}`,
    { system, reason, retryable },
    cause === undefined ? undefined : { cause },
  )

export const schemaMismatch = (issues: PreflightIssue[]): AmanaError =>
  new AmanaError('CONNECTOR_SCHEMA_MISMATCH', issues.map((i) => i.message).join('\n'), issues)

/** host:port of a connection URL, never its user or password. */
export const describeEndpoint = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`
  } catch {
    return 'an unparsable URL'
  }
}
