import { type Locale, renderRequestStatus, renderRequestStatusInvalid } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { RequestsService } from '../requests-service.ts'
import { html, LangQuery, Reference, TokenBody } from './schemas.ts'

interface StatusKit {
  readonly app: AmanaServer
  readonly requests: RequestsService
  readonly localeOf: (request: FastifyRequest) => Locale
}

/** The status page of a request, or the "no such request" page (404) when the token does not match. */
const statusPage = async (
  { requests, localeOf }: StatusKit,
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  token: string | undefined,
  notice?: { kind: string; left?: number },
) => {
  const locale = localeOf(request)
  const status = await requests.statusOf(reference, token)
  if (!status || !token)
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(renderRequestStatusInvalid({ locale, shopName: requests.shopName(locale) }))
  const { row } = status
  const codeNotice = notice?.kind
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderRequestStatus({
        locale,
        shopName: requests.shopName(locale),
        reference: row.reference,
        token,
        type: row.type as RequestType,
        status: row.status as never,
        receivedAt: row.received_at,
        dueAt: row.due_at,
        ...(row.extended_due_at && row.extension_reason
          ? { extension: { dueAt: row.extended_due_at, reason: row.extension_reason } }
          : {}),
        ...(row.denial_reason ? { denialReason: row.denial_reason } : {}),
        ...(status.mergedInto ? { mergedInto: status.mergedInto } : {}),
        ...(row.status === 'verifying'
          ? {
              code: {
                destination: status.destination ?? '',
                ...(codeNotice === 'wrong' ||
                codeNotice === 'expired' ||
                codeNotice === 'exhausted' ||
                codeNotice === 'sent' ||
                codeNotice === 'rateLimited'
                  ? { notice: codeNotice }
                  : {}),
                attemptsLeft: notice?.left ?? 0,
              },
            }
          : {}),
        proofUnderReview: row.status === 'awaiting-staff' && row.requester_kind !== 'self',
        ...(status.download ? { download: status.download } : {}),
      }),
    )
}

const StatusQuery = z.object({
  token: z.string().max(64).optional(),
  lang: z.string().optional(),
  notice: z.string().max(20).optional(),
  left: z.coerce.number().int().min(0).max(9).optional(),
})

/** The status page. */
const statusRoute = (kit: StatusKit) => {
  const { app } = kit
  app.get(
    '/privacy/requests/:reference',
    { ...html, schema: { hide: true, params: Reference, querystring: StatusQuery } },
    async (request, reply) => {
      const q = request.query
      return statusPage(
        kit,
        request,
        reply,
        request.params.reference,
        q.token,
        q.notice ? { kind: q.notice, ...(q.left === undefined ? {} : { left: q.left }) } : undefined,
      )
    },
  )
}

const back = (reference: string, token: string, locale: Locale, notice?: string, left?: number) =>
  `/privacy/requests/${reference}?token=${encodeURIComponent(token)}&lang=${locale}${notice ? `&notice=${notice}` : ''}${left === undefined ? '' : `&left=${left}`}`

/** The code the requester typed. */
const verifyRoute = (kit: StatusKit) => {
  const { app, requests, localeOf } = kit
  app.post(
    '/privacy/requests/:reference/verify',
    {
      ...html,
      schema: {
        hide: true,
        params: Reference,
        body: TokenBody.extend({ code: z.string().max(12) }),
        querystring: LangQuery,
      },
    },
    async (request, reply) => {
      const { token, code } = request.body
      const result = await requests.verifyCode(request.params.reference, token, code)
      const locale = localeOf(request)
      if (result.ok || result.reason === 'not-verifying')
        return reply.redirect(back(request.params.reference, token, locale), 303)
      if (result.reason === 'not-found')
        return statusPage(kit, request, reply, request.params.reference, undefined)
      return reply.redirect(
        back(
          request.params.reference,
          token,
          locale,
          result.reason === 'none' ? 'expired' : result.reason,
          result.attemptsLeft,
        ),
        303,
      )
    },
  )
}

/** A new code. */
const resendRoute = (kit: StatusKit) => {
  const { app, requests, localeOf } = kit
  app.post(
    '/privacy/requests/:reference/resend',
    { ...html, schema: { hide: true, params: Reference, body: TokenBody, querystring: LangQuery } },
    async (request, reply) => {
      const outcome = await requests.resendCode(request.params.reference, request.body.token)
      if (outcome === 'not-found') return statusPage(kit, request, reply, request.params.reference, undefined)
      return reply.redirect(
        back(
          request.params.reference,
          request.body.token,
          localeOf(request),
          outcome === 'not-verifying' ? undefined : outcome,
        ),
        303,
      )
    },
  )
}

/** A one-time download link, issued from the status page. */
const issueDownloadRoute = (kit: StatusKit) => {
  const { app, requests } = kit
  app.post(
    '/privacy/requests/:reference/download',
    { ...html, schema: { hide: true, params: Reference, body: TokenBody, querystring: LangQuery } },
    async (request, reply) => {
      const secret = await requests.issueDownload(request.params.reference, request.body.token)
      if (!secret) return statusPage(kit, request, reply, request.params.reference, request.body.token)
      return reply.redirect(`/privacy/requests/${request.params.reference}/download/${secret}`, 303)
    },
  )
}

const DownloadParams = Reference.extend({ secret: z.string().max(64) })

const sendPackage = async (
  requests: RequestsService,
  reference: string,
  secret: string,
  reply: FastifyReply,
) => {
  const file = await requests.download(reference, secret)
  if (!file)
    throw new AmanaError(
      'NOT_FOUND',
      'This download link was used already or has expired. Make a new one from your request’s status page.',
    )
  return reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .header('cache-control', 'no-store')
    .send(file.bytes)
}

/** The package itself, once per link. */
const downloadRoute = (kit: StatusKit) => {
  const { app, requests } = kit
  app.get(
    '/privacy/requests/:reference/download/:secret',
    { ...html, schema: { hide: true, params: DownloadParams } },
    async (request, reply) => sendPackage(requests, request.params.reference, request.params.secret, reply),
  )
}

/** A requester's status page and what they do on it: enter or resend the code, download the package. */
export const requestStatusRoutes = (
  app: AmanaServer,
  requests: RequestsService,
  localeOf: (request: FastifyRequest) => Locale,
) => {
  const kit: StatusKit = { app, requests, localeOf }
  for (const route of [statusRoute, verifyRoute, resendRoute, issueDownloadRoute, downloadRoute]) route(kit)
}
