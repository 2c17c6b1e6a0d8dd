import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { RequestsService } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'
import { Reference, SubmitBody, TokenBody } from './schemas.ts'
import { refusedSubmission } from './shop-intake.ts'

const StatusView = z.object({
  reference: z.string(),
  type: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  extendedDueAt: z.string().nullable(),
  extensionReason: z.string().nullable(),
  denialReason: z.string().nullable(),
  statusUrl: z.string(),
})

type StatusRow = NonNullable<Awaited<ReturnType<RequestsService['statusOf']>>>['row']
const viewOf = (requests: RequestsService, row: StatusRow) => ({
  reference: row.reference,
  type: row.type,
  status: row.status,
  receivedAt: row.received_at.toISOString(),
  dueAt: row.due_at.toISOString(),
  extendedDueAt: row.extended_due_at?.toISOString() ?? null,
  extensionReason: row.extension_reason,
  denialReason: row.denial_reason,
  statusUrl: requests.statusLink(row),
})

interface ApiKit {
  readonly app: AmanaServer
  readonly requests: RequestsService
  readonly deps: RequestsRoutesDeps
  readonly publicUrl: string
}

/** Submit a request (the form's JSON twin). */
const submitRoute = ({ app, requests, deps }: ApiKit) => {
  app.post(
    '/v1/requests',
    {
      schema: {
        summary:
          'Submit a data-subject request; a code is sent to verify the address (the answer never says whether an account exists)',
        tags: ['requests'],
        body: SubmitBody,
        response: { 202: z.object({ reference: z.string(), token: z.string(), status: z.string() }) },
      },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const b = request.body
      const shopIdentity = deps.shopSession ? await deps.shopSession(request) : undefined
      const outcome = await requests.submit(
        { ...b, type: b.type as RequestType, country: b.country?.toUpperCase() },
        { ip: request.ip, shopIdentity },
      )
      if (!outcome.ok)
        throw refusedSubmission(
          outcome.problems,
          'Too many requests from this address or network. Retry in an hour.',
        )
      return reply
        .code(202)
        .send({ reference: outcome.reference, token: outcome.token, status: outcome.status })
    },
  )
}

/** A request's status, for the holder of its token. */
const statusRoute = ({ app, requests }: ApiKit) => {
  app.get(
    '/v1/requests/:reference',
    {
      schema: {
        summary: 'A request’s status, for the holder of its token',
        tags: ['requests'],
        params: Reference,
        querystring: z.object({ token: z.string().max(64) }),
        response: { 200: StatusView },
      },
      config: { permission: 'public' },
    },
    async (request) => {
      const status = await requests.statusOf(request.params.reference, request.query.token)
      if (!status) throw new AmanaError('NOT_FOUND', 'No request has this reference and token.')
      return viewOf(requests, status.row)
    },
  )
}

/** Confirm the one-time code. */
const verifyRoute = ({ app, requests }: ApiKit) => {
  app.post(
    '/v1/requests/:reference/verify',
    {
      schema: {
        summary: 'Confirm the one-time code',
        tags: ['requests'],
        params: Reference,
        body: TokenBody.extend({ code: z.string().max(12) }),
        response: {
          200: z.object({
            verified: z.boolean(),
            reason: z.string().optional(),
            attemptsLeft: z.number().optional(),
          }),
        },
      },
      config: { permission: 'public' },
    },
    async (request) => {
      const result = await requests.verifyCode(
        request.params.reference,
        request.body.token,
        request.body.code,
      )
      if (!result.ok && result.reason === 'not-found')
        throw new AmanaError('NOT_FOUND', 'No request has this reference and token.')
      return result.ok
        ? { verified: true }
        : { verified: false, reason: result.reason, attemptsLeft: result.attemptsLeft }
    },
  )
}

/** Send a new code. */
const resendRoute = ({ app, requests }: ApiKit) => {
  app.post(
    '/v1/requests/:reference/resend',
    {
      schema: {
        summary: 'Send a new code',
        tags: ['requests'],
        params: Reference,
        body: TokenBody,
        response: { 200: z.object({ outcome: z.string() }) },
      },
      config: { permission: 'public' },
    },
    async (request) => {
      const outcome = await requests.resendCode(request.params.reference, request.body.token)
      if (outcome === 'not-found')
        throw new AmanaError('NOT_FOUND', 'No request has this reference and token.')
      if (outcome === 'rateLimited')
        throw new AmanaError('RATE_LIMITED', 'Too many codes were sent to this address. Retry in an hour.')
      return { outcome }
    },
  )
}

/** A one-time link to the access package. */
const downloadRoute = ({ app, requests, publicUrl }: ApiKit) => {
  app.post(
    '/v1/requests/:reference/download',
    {
      schema: {
        summary: 'A one-time link (15 minutes) to the access package',
        tags: ['requests'],
        params: Reference,
        body: TokenBody,
        response: { 200: z.object({ url: z.string() }) },
      },
      config: { permission: 'public' },
    },
    async (request) => {
      const secret = await requests.issueDownload(request.params.reference, request.body.token)
      if (!secret) throw new AmanaError('NOT_FOUND', 'No package is available for this reference and token.')
      return {
        url: `${publicUrl}/privacy/requests/${request.params.reference}/download/${secret}`,
      }
    },
  )
}

/** The requester's JSON API: submit, status, verify, resend, download (the privacy centre's twin). */
export const requestApiRoutes = (app: AmanaServer, ctx: RequestsAppPorts, deps: RequestsRoutesDeps) => {
  const kit: ApiKit = { app, requests: deps.requests, deps, publicUrl: ctx.config.http.publicUrl }
  for (const route of [submitRoute, statusRoute, verifyRoute, resendRoute, downloadRoute]) route(kit)
}
