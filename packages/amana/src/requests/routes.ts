import {
  type AdminFrame,
  type AdminRequestDetailView,
  type Locale,
  negotiateLocale,
  type RequestMessageKey,
  renderAdminRequestDetail,
  renderAdminRequestsQueue,
  renderRequestForm,
  renderRequestStatus,
  renderRequestStatusInvalid,
} from '@amana/web'
import multipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { collectSubject, eraseSubject } from '../connectors/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { requestStatuses } from './domain/request-state.ts'
import {
  isRequestType,
  type RequestType,
  requesterKinds,
  verificationChannels,
} from './domain/request-types.ts'
import { stepsFor } from './execute-request.ts'
import { type FormRefusal, formUploadOptions, readMultipartForm } from './multipart.ts'
import type { RequestsAppPorts, ShopSessionHook } from './ports.ts'
import type { Actor, RequestsService, SubmitInput, SubmitProblem } from './requests-service.ts'
import { consoleRequestRoutes } from './routes/console.ts'
import { refusedSubmission, shopIntakeRoutes } from './routes/shop-intake.ts'

export interface RequestsRoutesDeps {
  readonly requests: RequestsService
  /** The shop's session hook (see docs/requests.md); without it every requester verifies by code. */
  readonly shopSession?: ShopSessionHook
  /** The console's shell (menu, CSRF token) for the staff pages; the staff feature provides it. */
  readonly consoleFrame?: (request: FastifyRequest) => AdminFrame
  /** Staff members' emails by id, so a request's history names people; the staff feature provides it. */
  readonly staffNames?: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

const problemKeys: Record<SubmitProblem, RequestMessageKey> = {
  email: 'req.error.email',
  phone: 'req.error.phone',
  type: 'req.error.type',
  proof: 'req.error.proof',
  agentName: 'req.error.agentName',
  orderNumber: 'req.error.orderNumber',
  rateLimited: 'req.error.rateLimited',
}

const SubmitBody = z.object({
  type: z.string().refine(isRequestType, 'unknown request type'),
  locale: z.enum(['en', 'ar']).default('en'),
  email: z.string().max(254).optional(),
  phone: z.string().max(32).optional(),
  channel: z.enum(verificationChannels).default('email'),
  country: z.string().max(2).optional(),
  details: z.string().max(4000).optional(),
  orderNumber: z.string().max(64).optional(),
  requester: z.enum(requesterKinds).default('self'),
  agentName: z.string().max(200).optional(),
})

const Reference = z.object({ reference: z.string().regex(/^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/) })
const TokenBody = z.object({ token: z.string().max(64) })
const LangQuery = z.object({ lang: z.string().optional() }).loose()

const countryNames = (locale: Locale, codes: readonly string[]) => {
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  return codes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
}

const html = { schema: { hide: true }, config: { permission: 'public' as const } }

/** Public pages and API of data-subject requests, and the staff console queue. */
export const requestsRoutes =
  (ctx: RequestsAppPorts, deps: RequestsRoutesDeps) => async (app: AmanaServer) => {
    const { requests } = deps
    const { options } = requests
    const shopName = (locale: Locale) => requests.shopName(locale)
    const localeOf = (request: FastifyRequest) =>
      negotiateLocale(
        (request.query as { lang?: string } | undefined)?.lang,
        request.headers['accept-language'],
      )
    const shopCountries = [...new Set(ctx.manifest.packs.flatMap((p) => p.countries))].filter(
      (c) => c !== 'EU',
    )
    const channels = requests.deps.messages ? verificationChannels : (['email'] as const)

    // The request form posts multipart (for the proof); parsed by @fastify/multipart in this plugin only.
    await app.register(multipart, formUploadOptions)

    // The country preselected on a new form: the shop's home country when its laws cover it, else
    // the region of the browser's language (ar-KW → KW) when it is one of the shop's countries.
    const defaultCountry = (acceptLanguage: string | undefined): string | undefined => {
      const home = ctx.manifest.manifest.organisation.homeCountry
      if (shopCountries.includes(home)) return home
      const region = acceptLanguage?.match(/\b[a-z]{2,3}-([A-Z]{2})\b/)?.[1]
      return region && shopCountries.includes(region) ? region : undefined
    }

    const withDefault = (code: string | undefined) => (code ? { defaultCountry: code } : {})

    const renderForm = (
      locale: Locale,
      signedIn: boolean,
      values?: Record<string, string>,
      errors?: RequestMessageKey[],
      acceptLanguage?: string,
    ) =>
      renderRequestForm({
        locale,
        shopName: shopName(locale),
        types: options.types,
        channels,
        countries: countryNames(locale, shopCountries),
        orderNumberFor: options.orderNumberFor,
        signedIn,
        ...withDefault(defaultCountry(acceptLanguage)),
        ...(values ? { values } : {}),
        ...(errors ? { errors } : {}),
      })

    /** Reads the form (multipart with an optional proof, or urlencoded) into a SubmitInput, or problems. */
    const readForm = async (
      request: FastifyRequest,
    ): Promise<{
      fields: Record<string, string>
      input?: SubmitInput
      problems: SubmitProblem[]
      proofTooLarge?: boolean
      refusal?: FormRefusal
    }> => {
      let fields: Record<string, string> = {}
      let proof: SubmitInput['proof']
      const problems: SubmitProblem[] = []
      let proofTooLarge = false
      if (request.isMultipart()) {
        const form = await readMultipartForm(request)
        if (!form.ok) return { fields, problems, refusal: form.refusal }
        fields = form.fields
        proof = form.proof
        if (form.proofProblem) problems.push('proof')
        proofTooLarge = form.proofProblem === 'size'
      } else if (request.body && typeof request.body === 'object') {
        fields = Object.fromEntries(
          Object.entries(request.body as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>
      }
      const blankless = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
      const parsed = SubmitBody.safeParse(blankless)
      if (!parsed.success) return { fields, problems: [...problems, 'type'], proofTooLarge }
      const b = parsed.data
      return {
        fields,
        problems,
        proofTooLarge,
        input: { ...b, type: b.type as RequestType, country: b.country?.toUpperCase(), proof },
      }
    }

    app.get(
      '/privacy/requests',
      { ...html, schema: { hide: true, querystring: LangQuery } },
      async (request, reply) => {
        const signedIn = deps.shopSession ? (await deps.shopSession(request)) !== undefined : false
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            renderForm(localeOf(request), signedIn, undefined, undefined, request.headers['accept-language']),
          )
      },
    )

    app.post(
      '/privacy/requests',
      { ...html, schema: { hide: true, querystring: LangQuery } },
      async (request, reply) => {
        const form = await readForm(request)
        const locale = form.input?.locale ?? localeOf(request)
        const shopIdentity = deps.shopSession ? await deps.shopSession(request) : undefined
        if (form.refusal) {
          const { status, field, message } = form.refusal
          throw new AmanaError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', message, [
            { field, message },
          ])
        }
        const { proof: _proof, ...values } = form.fields as Record<string, string>
        const outcome =
          form.input && form.problems.length === 0
            ? await requests.submit(form.input, { ip: request.ip, shopIdentity })
            : {
                ok: false as const,
                problems: form.problems.length > 0 ? form.problems : (['type'] as SubmitProblem[]),
              }
        if (!outcome.ok)
          return reply
            .code(outcome.problems.includes('rateLimited') ? 429 : form.proofTooLarge ? 413 : 400)
            .type('text/html; charset=utf-8')
            .send(
              renderForm(
                locale,
                shopIdentity !== undefined,
                values,
                [...new Set(outcome.problems)].map((p) => problemKeys[p]),
              ),
            )
        return reply.redirect(
          `/privacy/requests/${outcome.reference}?token=${outcome.token}&lang=${locale}`,
          303,
        )
      },
    )

    const statusPage = async (
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
          .send(renderRequestStatusInvalid({ locale, shopName: shopName(locale) }))
      const { row } = status
      const codeNotice = notice?.kind
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderRequestStatus({
            locale,
            shopName: shopName(locale),
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
    app.get(
      '/privacy/requests/:reference',
      { ...html, schema: { hide: true, params: Reference, querystring: StatusQuery } },
      async (request, reply) => {
        const q = request.query
        return statusPage(
          request,
          reply,
          request.params.reference,
          q.token,
          q.notice ? { kind: q.notice, ...(q.left === undefined ? {} : { left: q.left }) } : undefined,
        )
      },
    )

    const back = (reference: string, token: string, locale: Locale, notice?: string, left?: number) =>
      `/privacy/requests/${reference}?token=${encodeURIComponent(token)}&lang=${locale}${notice ? `&notice=${notice}` : ''}${left === undefined ? '' : `&left=${left}`}`

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
          return statusPage(request, reply, request.params.reference, undefined)
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

    app.post(
      '/privacy/requests/:reference/resend',
      { ...html, schema: { hide: true, params: Reference, body: TokenBody, querystring: LangQuery } },
      async (request, reply) => {
        const outcome = await requests.resendCode(request.params.reference, request.body.token)
        if (outcome === 'not-found') return statusPage(request, reply, request.params.reference, undefined)
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

    app.post(
      '/privacy/requests/:reference/download',
      { ...html, schema: { hide: true, params: Reference, body: TokenBody, querystring: LangQuery } },
      async (request, reply) => {
        const secret = await requests.issueDownload(request.params.reference, request.body.token)
        if (!secret) return statusPage(request, reply, request.params.reference, request.body.token)
        return reply.redirect(`/privacy/requests/${request.params.reference}/download/${secret}`, 303)
      },
    )

    const DownloadParams = Reference.extend({ secret: z.string().max(64) })
    const sendPackage = async (reference: string, secret: string, reply: FastifyReply) => {
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
    app.get(
      '/privacy/requests/:reference/download/:secret',
      { ...html, schema: { hide: true, params: DownloadParams } },
      async (request, reply) => sendPackage(request.params.reference, request.params.secret, reply),
    )

    // ---- JSON API ----
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
    const viewOf = (row: NonNullable<Awaited<ReturnType<typeof requests.statusOf>>>['row']) => ({
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
        return viewOf(status.row)
      },
    )

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
        if (!secret)
          throw new AmanaError('NOT_FOUND', 'No package is available for this reference and token.')
        return {
          url: `${ctx.config.http.publicUrl}/privacy/requests/${request.params.reference}/download/${secret}`,
        }
      },
    )

    await consoleRequestRoutes(app, ctx, deps, localeOf)
    await shopIntakeRoutes(requests)(app)
  }
