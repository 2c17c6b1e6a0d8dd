import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { isConnectionLoss } from '../db/index.ts'
import { AmanaError, type ErrorCode, errorCodes, isAmanaError } from '../errors/index.ts'

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode
    readonly message: string
    readonly requestId: string
    readonly details?: unknown
  }
}

/** The one place codes become HTTP. A 500 says nothing about internals; the log has the cause under the request id. */
export const toErrorBody = (error: unknown, requestId: string): { status: number; body: ErrorBody } => {
  if (isAmanaError(error)) {
    return {
      status: error.httpStatus,
      body: {
        error: {
          code: error.code,
          message: error.message,
          requestId,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      },
    }
  }
  if (isConnectionLoss(error))
    return wrap(
      'DATABASE_UNAVAILABLE',
      `The database connection was lost. Retry in ${databaseRetryAfterSeconds} seconds; nothing was half-written.`,
      requestId,
    )
  const fastifyError = error as FastifyError
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation.map((v) => ({
      field: `${fastifyError.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'is invalid',
    }))
    const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ')
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid request. ${summary}`,
          requestId,
          details: issues,
        },
      },
    }
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return wrap('PAYLOAD_TOO_LARGE', 'The request body is too large. Send a smaller body.', requestId)
  }
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fastifyError.statusCode === 400 && fastifyError.code?.startsWith('FST_ERR'))
  ) {
    return wrap('VALIDATION_FAILED', `The request body could not be read: ${fastifyError.message}`, requestId)
  }
  if (fastifyError.statusCode === 429)
    return wrap('RATE_LIMITED', 'Too many requests. Wait a moment and try again.', requestId)
  return wrap(
    'INTERNAL',
    `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    requestId,
  )
}

/** Seconds a client is asked to wait after a lost database connection: the pool reconnects on the next query. */
export const databaseRetryAfterSeconds = 2

const wrap = (code: ErrorCode, message: string, requestId: string) => ({
  status: errorCodes[code].status,
  body: { error: { code, message, requestId } },
})

/**
 * The request id for a log line, unless the request's logger already binds it: quiet routes share
 * one logger (platform/http/create-server.ts), and their error lines still need the id.
 */
export const unboundRequestId = (request: FastifyRequest): { reqId?: string } =>
  (request.log as { bindings?: () => { reqId?: unknown } }).bindings?.().reqId === undefined
    ? { reqId: request.id }
    : {}

/**
 * Maps an error to its answer and logs it once. With `page`, a browser asking for a page gets the
 * HTML it returns for that status (a friendly 404 or 500) instead of the JSON error body.
 */
export const errorHandler = (
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  page?: (status: number) => string | undefined,
) => {
  const { status, body } = toErrorBody(error, request.id)
  if (body.error.code === 'DATABASE_UNAVAILABLE') {
    // One line per request while the database is away, without a stack: the cause is known.
    request.log.warn(
      { ...unboundRequestId(request), reason: error instanceof Error ? error.message : String(error) },
      'request failed: database connection lost',
    )
    reply.header('retry-after', String(databaseRetryAfterSeconds))
  } else if (status >= 500) request.log.error({ ...unboundRequestId(request), err: error }, 'request failed')
  else request.log.info({ code: body.error.code }, 'request refused')
  const html = page?.(status)
  if (html !== undefined) return reply.code(status).type('text/html; charset=utf-8').send(html)
  return reply.code(status).send(body)
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') =>
  new AmanaError(code, 'Nothing exists at this address. Check the URL; the API reference is at /api/docs.')
