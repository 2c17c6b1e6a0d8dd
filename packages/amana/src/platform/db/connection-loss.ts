/**
 * Whether an error means the database connection went away (a terminated backend, a restart or
 * failover, a refused or reset socket) rather than that a statement was wrong. Such a request can be
 * answered "try again shortly": the pool opens a new connection for the next query.
 */
export const isConnectionLoss = (error: unknown): boolean => {
  const seen = new Set<unknown>()
  const pending: unknown[] = [error]
  while (pending.length > 0) {
    const e = pending.pop()
    if (e === null || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const { code, message, cause, errors } = e as {
      code?: unknown
      message?: unknown
      cause?: unknown
      errors?: unknown
    }
    if (typeof code === 'string' && lostCode(code)) return true
    if (typeof message === 'string' && lostMessages.some((m) => message.startsWith(m))) return true
    pending.push(cause)
    // AggregateError: node tries each address of a host and reports every refusal.
    if (Array.isArray(errors)) pending.push(...errors)
  }
  return false
}

// SQLSTATE class 08 (connection exception); 57P01 admin shutdown (pg_terminate_backend, a restart),
// 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down).
const lostCode = (code: string): boolean =>
  (code.length === 5 && code.startsWith('08')) || sqlStates.has(code) || socketCodes.has(code)
const sqlStates = new Set(['57P01', '57P02', '57P03'])
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

// node-postgres and pg-pool say these without a code.
const lostMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]
