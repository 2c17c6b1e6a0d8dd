import { AmanaError } from '../platform/errors/index.ts'
import type { PreflightIssue } from './connector.ts'

export type UnavailableDetails = { system: string; reason: string; retryable: boolean }

/** The driver's fields that name things; its message, `detail` and `where` can quote row values. */
const NAMING_FIELDS = ['code', 'errno', 'sqlState', 'constraint', 'table', 'column', 'schema'] as const

/**
 * The cause an Amana error keeps: the driver's codes and names under the value-free reason, never
 * the driver's error itself — a logged error prints its causes' messages and stacks.
 */
const valueFree = (cause: unknown, reason: string): ErrorOptions | undefined => {
  if (cause === undefined) return undefined
  const fields = cause as Record<string, unknown> | null
  const kept = Object.fromEntries(
    NAMING_FIELDS.flatMap((k) => {
      const v = typeof fields === 'object' && fields !== null ? fields[k] : undefined
      return typeof v === 'string' || typeof v === 'number' ? [[k, v]] : []
    }),
  )
  return { cause: Object.assign(new Error(reason), kept) }
}

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
    valueFree(cause, reason),
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
    valueFree(cause, reason),
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
