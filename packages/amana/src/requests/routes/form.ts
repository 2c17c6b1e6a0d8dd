import { type Locale, type RequestMessageKey, renderRequestForm } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { type RequestType, verificationChannels } from '../domain/request-types.ts'
import { type FormRefusal, readMultipartForm } from '../multipart.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { RequestsService, SubmitInput, SubmitProblem } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'
import { html, LangQuery, SubmitBody } from './schemas.ts'

const problemKeys: Record<SubmitProblem, RequestMessageKey> = {
  email: 'req.error.email',
  phone: 'req.error.phone',
  type: 'req.error.type',
  proof: 'req.error.proof',
  agentName: 'req.error.agentName',
  orderNumber: 'req.error.orderNumber',
  rateLimited: 'req.error.rateLimited',
}

const countryNames = (locale: Locale, codes: readonly string[]) => {
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  return codes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
}

interface ReadForm {
  fields: Record<string, string>
  input?: SubmitInput
  problems: SubmitProblem[]
  proofTooLarge?: boolean
  refusal?: FormRefusal
}

/** Reads the form (multipart with an optional proof, or urlencoded) into a SubmitInput, or problems. */
const readForm = async (request: FastifyRequest): Promise<ReadForm> => {
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

type RenderForm = (
  locale: Locale,
  signedIn: boolean,
  values?: Record<string, string>,
  errors?: RequestMessageKey[],
  acceptLanguage?: string,
) => string

/** The form's renderer, with the shop's countries and the country preselected on a new form. */
const formRenderer = (ctx: RequestsAppPorts, requests: RequestsService): RenderForm => {
  const { options } = requests
  const shopCountries = [...new Set(ctx.manifest.packs.flatMap((p) => p.countries))].filter((c) => c !== 'EU')
  const channels = requests.deps.messages ? verificationChannels : (['email'] as const)

  // The country preselected on a new form: the shop's home country when its laws cover it, else
  // the region of the browser's language (ar-KW → KW) when it is one of the shop's countries.
  const defaultCountry = (acceptLanguage: string | undefined): string | undefined => {
    const home = ctx.manifest.manifest.organisation.homeCountry
    if (shopCountries.includes(home)) return home
    const region = acceptLanguage?.match(/\b[a-z]{2,3}-([A-Z]{2})\b/)?.[1]
    return region && shopCountries.includes(region) ? region : undefined
  }
  const withDefault = (code: string | undefined) => (code ? { defaultCountry: code } : {})

  return (locale, signedIn, values, errors, acceptLanguage) =>
    renderRequestForm({
      locale,
      shopName: requests.shopName(locale),
      types: options.types,
      channels,
      countries: countryNames(locale, shopCountries),
      orderNumberFor: options.orderNumberFor,
      signedIn,
      ...withDefault(defaultCountry(acceptLanguage)),
      ...(values ? { values } : {}),
      ...(errors ? { errors } : {}),
    })
}

/** Submits the posted form: the status page on success, the form again with its problems otherwise. */
const submitForm = async (
  request: FastifyRequest,
  reply: FastifyReply,
  { deps, renderForm, localeOf }: FormKit,
) => {
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
      ? await deps.requests.submit(form.input, { ip: request.ip, shopIdentity })
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
  return reply.redirect(`/privacy/requests/${outcome.reference}?token=${outcome.token}&lang=${locale}`, 303)
}

interface FormKit {
  readonly deps: RequestsRoutesDeps
  readonly renderForm: RenderForm
  readonly localeOf: (request: FastifyRequest) => Locale
}

/** The privacy centre's request form: shown, and submitted (with an optional proof of authority). */
export const requestFormRoutes = (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  localeOf: (request: FastifyRequest) => Locale,
) => {
  const kit: FormKit = { deps, renderForm: formRenderer(ctx, deps.requests), localeOf }
  app.get(
    '/privacy/requests',
    { ...html, schema: { hide: true, querystring: LangQuery } },
    async (request, reply) => {
      const signedIn = deps.shopSession ? (await deps.shopSession(request)) !== undefined : false
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          kit.renderForm(
            localeOf(request),
            signedIn,
            undefined,
            undefined,
            request.headers['accept-language'],
          ),
        )
    },
  )
  app.post(
    '/privacy/requests',
    { ...html, schema: { hide: true, querystring: LangQuery } },
    async (request, reply) => submitForm(request, reply, kit),
  )
}
