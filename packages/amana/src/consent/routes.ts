import { randomUUID } from 'node:crypto'
import {
  type AdminFrame,
  type Locale,
  negotiateLocale,
  type PreferencePurposeView,
  preferenceChannels,
  renderAdminConsent,
  renderPreferences,
  renderUnsubscribe,
} from '@amana/web'
import rateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isJurisdictionId, type JurisdictionId, jurisdictionIds } from '../jurisdictions/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import { type AmanaServer, postgresRateLimitStore } from '../platform/http/index.ts'
import { type ConsentService, type DecideContext, notCached } from './consent-service.ts'
import { toLedgerCsv, toRateSeries, toRecordView, toStateView } from './consent-views.ts'
import { labelledConsentRates } from './console-rates.ts'
import {
  type Channel,
  channels,
  consentMethods,
  parseSubjectRef,
  type RecordItem,
} from './domain/consent-record.ts'
import { type Decision, decisionReasons } from './domain/decide.ts'
import { receiptJwk, verifyReceipt } from './domain/receipt.ts'
import { cleanRecordOrigin } from './domain/record-origin.ts'
import { buildWidgetConfig, localise } from './domain/widget-config.ts'
import type { ConsentPorts } from './ports.ts'
import { consentRates, getRecords, listRecords } from './store.ts'
import { widgetScriptRoutes } from './widget-routes.ts'

export interface ConsentRouteDeps {
  readonly consent: ConsentService
  /** Records per client address per minute on the public POST /v1/consent. */
  readonly recordRateLimit?: number
  /** The console's shell (menu, CSRF token) for /admin/consent; the staff feature provides it. */
  readonly consoleFrame?: (request: FastifyRequest) => AdminFrame
}

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'ids are lowercase letters, digits, "_" and "-" (at most 64)')
// The widget's ids are 32 hex digits; API callers may send a UUID. Both are stored as a UUID.
const RecordId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'expected 32 hex digits or a UUID',
  )
  .transform((v) => {
    const h = v.replaceAll('-', '').toLowerCase()
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  })

// A language tag, never free text: it is stored in the append-only ledger.
const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a language tag such as en or ar-KW')
  .max(35)

export const WidgetRecordSchema = z.object({
  recordId: RecordId,
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected the random device id from the amana_consent cookie'),
  method: z.enum(['banner-accept-all', 'banner-reject-all', 'banner-custom', 'gpc']),
  granted: z.array(Id).max(16),
  refused: z.array(Id).max(16),
  policyVersion: z.string().min(1).max(64),
  locale: LanguageTag,
  gpc: z.boolean(),
  conflict: z.literal(true).optional(),
  source: z.string().max(2048),
})

const SubjectParam = z.string().min(1).max(256).describe('account:<id>, device:<id>, or a bare account id')
const JurisdictionParam = z.enum(jurisdictionIds)

// The ledger is append-only: what lands in `source` or `notice` can never be erased, so both are
// reduced to origin + path (URLs) or refused unless a short label (see docs/consent.md).
const RecordOrigin = (fallback: string) =>
  z
    .string()
    .max(2048)
    .default(fallback)
    .transform((value, issue) => {
      const cleaned = cleanRecordOrigin(value)
      if (cleaned.ok) return cleaned.value
      issue.addIssue({ code: 'custom', message: cleaned.problem })
      return z.NEVER
    })

export const ApiRecordSchema = z.object({
  recordId: RecordId.optional(),
  subject: SubjectParam,
  method: z.enum(consentMethods),
  choices: z
    .array(z.object({ purpose: Id, channel: z.enum(channels).optional(), granted: z.boolean() }))
    .min(1)
    .max(64),
  locale: LanguageTag.default('und'),
  jurisdiction: JurisdictionParam.optional(),
  notice: RecordOrigin('api'),
  source: RecordOrigin('api'),
  child: z.boolean().default(false),
})

const DecisionQuery = z.object({
  subject: SubjectParam,
  purpose: Id,
  channel: z.enum(channels).optional(),
  jurisdiction: JurisdictionParam.optional(),
  child: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  gpc: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
})

const DecisionBody = z.object({
  subject: SubjectParam,
  purposes: z.array(Id).min(1).max(64),
  channel: z.enum(channels).optional(),
  jurisdiction: JurisdictionParam.optional(),
  child: z.boolean().optional(),
  gpc: z.boolean().optional(),
})

const DecisionView = z.object({ purpose: z.string(), allow: z.boolean(), reason: z.enum(decisionReasons) })
type DecisionAnswer = z.infer<typeof DecisionView>

const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() })
const day = z.iso.date()
const Period = z.object({ from: day.optional(), to: day.optional() })

const json = { permission: 'public' as const }

// The reasons are a closed set: each is written out once.
const reasonJson: Readonly<Record<string, string>> = Object.fromEntries(
  decisionReasons.map((r) => [r, JSON.stringify(r)]),
)

/** `Sec-GPC: 1` exactly; with several headers, any equal to 1 counts (GPC spec §5). */
const hasGpc = (request: FastifyRequest): boolean => {
  const value = request.headers['sec-gpc']
  return Array.isArray(value) ? value.some((v) => v.trim() === '1') : value?.trim() === '1'
}

const dayRange = (period: { from?: string | undefined; to?: string | undefined }, now: Date) => {
  const to = period.to
    ? new Date(`${period.to}T00:00:00Z`)
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const from = period.from ? new Date(`${period.from}T00:00:00Z`) : new Date(to.getTime() - 29 * 86_400_000)
  // `to` is inclusive for people; the query is half-open.
  return {
    from,
    toExclusive: new Date(to.getTime() + 86_400_000),
    fromDay: from.toISOString().slice(0, 10),
    toDay: to.toISOString().slice(0, 10),
  }
}

const recordSource = (value: string): string => {
  const cleaned = cleanRecordOrigin(value)
  return cleaned.ok ? cleaned.value : 'banner'
}

const unknownField = (field: string, value: string, known: readonly string[]) =>
  new AmanaError(
    'VALIDATION_FAILED',
    `Invalid request. ${field}: unknown value "${value}". Known: ${known.join(', ') || 'none'}.`,
    [{ field, message: `unknown value "${value}"` }],
  )

/** The consent API, the widget and its config, GPC, receipts, decisions, the preference centre and one-click unsubscribe. */
export const consentRoutes = (ctx: ConsentPorts, deps: ConsentRouteDeps) => async (app: AmanaServer) => {
  const { consent } = deps
  const { manifest } = consent
  // Counted in the database, so every Amana process on it shares one budget per address.
  await app.register(rateLimit, {
    global: false,
    store: postgresRateLimitStore(ctx.database.db, ctx.config.secrets.sessionSecret),
    errorResponseBuilder: (_request, limit) =>
      new AmanaError(
        'RATE_LIMITED',
        `Too many consent records from this address. Retry in ${Math.ceil(limit.ttl / 1000)} s.`,
      ),
  })
  const recordRateLimit = { max: deps.recordRateLimit ?? 120, timeWindow: 60_000 }
  const shopName = (lang: Locale) => ctx.shop.name[lang]
  const locale = (request: FastifyRequest) =>
    negotiateLocale(
      (request.query as { lang?: string } | undefined)?.lang,
      request.headers['accept-language'],
    )
  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin
    if (origin && consent.allowedOrigins.has(origin)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('vary', 'Origin')
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type')
    }
  }
  const bannerCategories = new Set(Object.values(manifest.cookies?.trackers ?? {}).map((t) => t.category))
  const optionalCategories = (['functional', 'analytics', 'marketing'] as const).filter((c) =>
    bannerCategories.has(c === 'functional' ? 'functionality' : c),
  )
  const purposeIds = Object.keys(manifest.purposes)
  const actor = (request: FastifyRequest) =>
    ({ type: request.principal?.kind ?? 'system', id: request.principal?.id ?? 'unknown' }) as const

  for (const url of ['/v1/consent', '/v1/consent/config']) {
    app.options(url, { schema: { hide: true }, config: json }, async (request, reply) => {
      cors(request, reply)
      return reply.code(204).header('access-control-max-age', '600').send()
    })
  }

  app.post(
    '/v1/consent',
    {
      schema: {
        body: WidgetRecordSchema,
        tags: ['consent'],
        summary: 'Record a choice made in the consent banner',
      },
      config: { ...json, rateLimit: recordRateLimit },
      // Before the rate limit's hook, so a banner can read its 429 too.
      onRequest: async (request, reply) => cors(request, reply),
    },
    async (request, reply) => {
      const body = request.body
      body.granted.forEach((c, i) => {
        if (!optionalCategories.includes(c as never))
          throw unknownField(`body.granted.${i}`, c, optionalCategories)
      })
      body.refused.forEach((c, i) => {
        if (!optionalCategories.includes(c as never))
          throw unknownField(`body.refused.${i}`, c, optionalCategories)
      })
      const overlap = body.granted.find((c) => body.refused.includes(c))
      if (overlap)
        throw new AmanaError(
          'VALIDATION_FAILED',
          `Invalid request. body.refused: "${overlap}" is also in body.granted; a category is either granted or refused.`,
          [{ field: 'body.refused', message: 'overlaps granted' }],
        )
      // A banner built from an older manifest: refusals are always honoured (withdrawal must never be
      // lost), grants are not, because the visitor was not shown what they would now agree to.
      if (body.policyVersion !== consent.policyVersion && body.granted.length > 0) {
        throw new AmanaError(
          'CONFLICT',
          `The banner showed policy version ${body.policyVersion}, but the current one is ${consent.policyVersion}. Reload the page to see the current choices.`,
          { field: 'body.policyVersion', current: consent.policyVersion },
        )
      }
      const now = ctx.now()
      const outcome = await consent.record({
        id: body.recordId,
        subjectHash: consent.keys.hashSubject({ kind: 'device', id: body.deviceId }),
        subjectKind: 'device',
        method: body.method,
        items: [
          ...body.granted.map((id) => ({ id, granted: true })),
          ...body.refused.map((id) => ({ id, granted: false })),
        ].map((c) => ({ target: 'category', id: c.id, channel: '*', granted: c.granted })),
        policyVersion: body.policyVersion,
        notice: `banner:${body.locale}`,
        locale: body.locale,
        jurisdiction: consent.homeJurisdiction,
        // A refusal from the banner is never turned away over its page URL: an unusable one is dropped.
        source: recordSource(body.source),
        gpc: body.gpc || hasGpc(request),
        conflict: body.conflict === true,
        child: false,
        recordedAt: now,
      })
      return reply.code(outcome.status === 'recorded' ? 201 : 200).send({
        id: outcome.record.id,
        status: outcome.status,
        receipt: `/v1/consent/${outcome.record.id}/receipt`,
      })
    },
  )

  app.post(
    '/v1/consent/records',
    {
      schema: {
        body: ApiRecordSchema,
        tags: ['consent'],
        summary: 'Record a choice made in the shop (account settings, parent, API)',
      },
      config: { permission: 'consent:write' },
    },
    async (request, reply) => {
      const body = request.body
      body.choices.forEach((c, i) => {
        if (!Object.hasOwn(manifest.purposes, c.purpose))
          throw unknownField(`body.choices.${i}.purpose`, c.purpose, purposeIds)
      })
      const subject = parseSubjectRef(body.subject)
      const subjectHash = consent.keys.hashSubject(subject)
      const outcome = await consent.record({
        id: body.recordId ?? randomUUID(),
        subjectHash,
        subjectKind: subject.kind,
        method: body.method,
        items: body.choices.map((c) => ({
          target: 'purpose',
          id: c.purpose,
          channel: c.channel ?? '*',
          granted: c.granted,
        })),
        policyVersion: consent.policyVersion,
        notice: body.notice,
        locale: body.locale,
        jurisdiction: body.jurisdiction ?? consent.homeJurisdiction,
        source: body.source,
        gpc: hasGpc(request),
        conflict: false,
        child: body.child || body.method === 'parent',
        recordedAt: ctx.now(),
      })
      await consent.audit.append({
        action: 'consent.recorded-by-staff',
        actor: actor(request),
        subject: subjectHash,
        details: { method: body.method, record: outcome.record.id },
      })
      return reply.code(outcome.status === 'recorded' ? 201 : 200).send({
        id: outcome.record.id,
        status: outcome.status,
        receipt: `/v1/consent/${outcome.record.id}/receipt`,
      })
    },
  )

  app.get(
    '/v1/consent',
    {
      schema: {
        querystring: z.object({ subject: SubjectParam }),
        tags: ['consent'],
        summary: "A subject's consent state and ledger",
      },
      config: { permission: 'consent:read' },
    },
    async (request) => {
      const subjectHash = consent.keys.hashSubject(request.query.subject)
      const [state, records] = await Promise.all([
        consent.state(subjectHash),
        listRecords(ctx.database.db, { subjectHash, limit: 1000 }),
      ])
      await consent.audit.append({ action: 'consent.read', actor: actor(request), subject: subjectHash })
      return { subjectHash, state: toStateView(state), records: records.map(toRecordView) }
    },
  )

  app.get(
    '/v1/consent/config',
    {
      schema: {
        querystring: LangQuery,
        tags: ['consent'],
        summary: 'The consent banner configuration, from the manifest',
      },
      config: json,
    },
    async (request, reply) => {
      cors(request, reply)
      const lang = request.query.lang ?? locale(request)
      const gpc = hasGpc(request)
      reply.header('vary', 'Sec-GPC, Accept-Language, Origin').header('cache-control', 'private, max-age=60')
      return widgetConfig(lang, gpc)
    },
  )

  app.get(
    '/v1/consent/:id/receipt',
    {
      schema: {
        params: z.object({ id: RecordId }),
        tags: ['consent'],
        summary: 'A signed receipt (compact JWS, EdDSA) for one record',
      },
      config: json,
    },
    async (request, reply) => {
      const receipt = await consent.receipt(request.params.id)
      if (!receipt)
        throw new AmanaError('NOT_FOUND', 'No consent record has this id. Check the receipt link.')
      return reply.type('application/jose; charset=utf-8').send(receipt)
    },
  )

  app.get(
    '/v1/consent/receipt-key',
    { schema: { tags: ['consent'], summary: 'The public key receipts are signed with (JWK)' }, config: json },
    async () => ({ keys: [receiptJwk(consent.keys.receiptKey)] }),
  )

  app.post(
    '/v1/consent/receipts/verify',
    {
      schema: {
        body: z.object({ receipt: z.string().min(1).max(16_384) }),
        tags: ['consent'],
        summary: 'Verify a consent receipt',
      },
      config: json,
    },
    async (request) => {
      const result = verifyReceipt(request.body.receipt, consent.keys.receiptKey)
      if (!result.ok) return { valid: false, reason: result.reason }
      const [record] = await getRecords(ctx.database.db, [result.body.consentReceiptID]).catch(() => [])
      if (!record) return { valid: false, reason: 'not-in-ledger' }
      return { valid: true, receipt: result.body }
    },
  )

  app.get(
    '/v1/consent/stats',
    {
      schema: {
        querystring: Period,
        tags: ['consent'],
        summary: 'Consent rates per purpose and category per day',
      },
      config: { permission: 'consent:read' },
    },
    async (request) => {
      const range = dayRange(request.query, ctx.now())
      return {
        from: range.fromDay,
        to: range.toDay,
        series: toRateSeries(await consentRates(ctx.database.db, range.from, range.toExclusive)),
      }
    },
  )

  app.get(
    '/v1/consent/export',
    {
      schema: {
        querystring: Period.extend({
          format: z.enum(['csv', 'json']).default('json'),
          subject: SubjectParam.optional(),
        }),
        tags: ['consent'],
        summary: 'Export the ledger for a subject or a period',
      },
      config: { permission: 'consent:read' },
    },
    async (request, reply) => {
      const { format, subject } = request.query
      const subjectHash = subject ? consent.keys.hashSubject(subject) : undefined
      const range =
        request.query.from || request.query.to || !subject ? dayRange(request.query, ctx.now()) : undefined
      const records = []
      let afterSeq: string | undefined
      for (;;) {
        const page = await listRecords(ctx.database.db, {
          subjectHash,
          from: range?.from,
          to: range?.toExclusive,
          afterSeq,
          limit: 5000,
        })
        records.push(...page)
        if (page.length < 5000) break
        afterSeq = page[page.length - 1]?.seq
      }
      await consent.audit.append({
        action: 'consent.export',
        actor: actor(request),
        ...(subjectHash ? { subject: subjectHash } : {}),
        details: { format, records: records.length },
      })
      const name = `consent-ledger-${subject ? 'subject' : `${range?.fromDay}-${range?.toDay}`}`
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`)
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toLedgerCsv(records))
      return reply.type('application/json; charset=utf-8').send({ records: records.map(toRecordView) })
    },
  )

  // Asked on every page view and send: not access-logged one by one (metrics count them);
  // warnings, errors and refusals (audited) still are.
  const decisionRoute = { config: { permission: 'decisions:read' }, logLevel: 'warn' } as const
  // A subject whose state is in memory is answered without a promise; otherwise from the database.
  const answerOf = (decision: Decision | undefined, purpose: string, field: string): DecisionAnswer => {
    if (!decision) throw unknownField(field, purpose, purposeIds)
    return { purpose, allow: decision.allow, reason: decision.reason }
  }
  const decideOne = (
    subject: string,
    purpose: string,
    context: DecideContext,
    field: string,
  ): DecisionAnswer | Promise<DecisionAnswer> => {
    const subjectHash = consent.keys.hashSubject(subject)
    const cached = consent.decideCached(subjectHash, purpose, context)
    return cached === notCached
      ? consent.decide(subjectHash, purpose, context).then((decision) => answerOf(decision, purpose, field))
      : answerOf(cached, purpose, field)
  }

  app.get(
    '/v1/decisions',
    {
      schema: {
        querystring: DecisionQuery,
        response: { 200: DecisionView },
        tags: ['decisions'],
        summary: 'May this purpose be used for this subject now?',
      },
      ...decisionRoute,
      // The hottest route: its three fields are written out by name (the same allowlist the schema
      // enforces, without a schema pass or an object per answer); the schema still documents it.
      serializerCompiler: () => (view) => {
        const { purpose, allow, reason } = view as DecisionAnswer
        return `{"purpose":${JSON.stringify(purpose)},"allow":${allow === true},"reason":${reasonJson[reason] ?? JSON.stringify(reason)}}`
      },
    },
    (request) => {
      const q = request.query
      return decideOne(
        q.subject,
        q.purpose,
        {
          channel: q.channel,
          jurisdiction: q.jurisdiction,
          child: q.child,
          gpc: q.gpc ?? (hasGpc(request) || undefined),
        },
        'querystring.purpose',
      )
    },
  )

  app.post(
    '/v1/decisions',
    {
      schema: {
        body: DecisionBody,
        response: { 200: z.object({ decisions: z.array(DecisionView) }) },
        tags: ['decisions'],
        summary: 'Decisions for several purposes at once',
      },
      ...decisionRoute,
    },
    async (request) => {
      const b = request.body
      return {
        decisions: await Promise.all(
          b.purposes.map((p, i) => decideOne(b.subject, p, b, `body.purposes.${i}`)),
        ),
      }
    },
  )

  app.post(
    '/v1/consent/preference-links',
    {
      schema: {
        body: z.object({ subject: SubjectParam, validDays: z.int().min(1).max(365).default(30) }),
        tags: ['consent'],
        summary: 'A signed link to the preference centre, to send to the subject',
      },
      config: { permission: 'consent:write' },
    },
    async (request) => {
      const subject = parseSubjectRef(request.body.subject)
      const url = consent.preferenceLink(subject, ctx.now(), request.body.validDays)
      await consent.audit.append({
        action: 'consent.preference-link-issued',
        actor: actor(request),
        subject: consent.keys.hashSubject(subject),
      })
      return { url }
    },
  )

  app.get('/.well-known/gpc.json', { schema: { hide: true }, config: json }, async (_request, reply) =>
    reply
      .type('application/json')
      .header('cache-control', 'public, max-age=86400')
      .send({ gpc: true, lastUpdate: consent.gpcLastUpdate }),
  )

  const widgetConfig = (lang: 'en' | 'ar', gpcSignal: boolean) => ({
    ...buildWidgetConfig({
      manifest,
      lang,
      policyVersion: consent.policyVersion,
      reaskPurposes: consent.reaskPurposes,
      recordEndpoint: `${ctx.config.http.publicUrl}/v1/consent`,
      policyUrl: `${ctx.config.http.publicUrl}/privacy/policy?lang=${lang}`,
      gpcSignal,
    }),
    origins: [...consent.allowedOrigins],
  })
  await app.register(
    widgetScriptRoutes({
      configFor: (lang) => widgetConfig(lang, false),
      defaultLang: manifest.organisation.languages[0] === 'ar' ? 'ar' : 'en',
    }),
  )

  // Preference centre -----------------------------------------------------------------------------
  const preferencePurposes = (lang: Locale) =>
    Object.entries(manifest.purposes)
      .map(([id, p]) => ({ id, p, rule: consent.rule(id, consent.homeJurisdiction) }))
      .filter(
        ({ rule }) => rule && (rule.consentBased || (rule.consentModel === 'opt-out' && rule.saleOrShare)),
      )
      .map(({ id, p }) => ({
        id,
        title: localise(p.title, lang) ?? id,
        description: localise(p.description, lang),
        communication: p.kind === 'marketing',
      }))

  const pageState = (request: FastifyRequest, token: string | undefined) => {
    if (!token) return { kind: 'missing' as const }
    const verified = consent.verifyPreferenceToken(token, ctx.now())
    if (!verified.ok)
      return { kind: verified.reason === 'expired' ? ('expired' as const) : ('invalid' as const) }
    request.log.debug('preference link accepted')
    return { kind: 'ok' as const, subjectHash: verified.value.h }
  }

  const sendPage = (reply: FastifyReply, lang: Locale, status: number, page: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-language', lang)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(page)

  app.get(
    '/privacy/preferences',
    {
      schema: {
        hide: true,
        querystring: LangQuery.extend({
          token: z.string().max(1024).optional(),
          saved: z.literal('1').optional(),
        }),
      },
      config: json,
    },
    async (request, reply) => {
      const lang = locale(request)
      const s = pageState(request, request.query.token)
      if (s.kind !== 'ok')
        return sendPage(
          reply,
          lang,
          s.kind === 'missing' ? 200 : 403,
          renderPreferences({ kind: s.kind, locale: lang, shopName: shopName(lang) }),
        )
      const purposes: PreferencePurposeView[] = []
      for (const p of preferencePurposes(lang)) {
        if (p.communication) {
          const chans = await Promise.all(
            preferenceChannels.map(async (channel) => ({
              channel,
              checked: (await consent.decide(s.subjectHash, p.id, { channel }))?.allow === true,
            })),
          )
          purposes.push({ id: p.id, title: p.title, description: p.description, channels: chans })
        } else {
          purposes.push({
            id: p.id,
            title: p.title,
            description: p.description,
            checked: (await consent.decide(s.subjectHash, p.id))?.allow === true,
          })
        }
      }
      return sendPage(
        reply,
        lang,
        200,
        renderPreferences({
          kind: 'form',
          locale: lang,
          shopName: shopName(lang),
          token: request.query.token ?? '',
          purposes,
          saved: request.query.saved === '1',
        }),
      )
    },
  )

  app.post(
    '/privacy/preferences',
    {
      schema: {
        hide: true,
        querystring: LangQuery,
        body: z.record(z.string().max(200), z.string().max(2048)),
      },
      config: json,
    },
    async (request, reply) => {
      const lang = locale(request)
      const token = request.body.token
      const s = pageState(request, token)
      if (s.kind !== 'ok' || !token)
        return sendPage(
          reply,
          lang,
          403,
          renderPreferences({
            kind: s.kind === 'ok' ? 'invalid' : s.kind,
            locale: lang,
            shopName: shopName(lang),
          }),
        )
      // Unchecked boxes are absent from a form post: every purpose shown is recorded, on or off.
      const items: RecordItem[] = preferencePurposes(lang).flatMap((p): RecordItem[] =>
        p.communication
          ? preferenceChannels.map((channel) => ({
              target: 'purpose' as const,
              id: p.id,
              channel,
              granted: request.body[`p:${p.id}:${channel}`] === 'on',
            }))
          : [
              {
                target: 'purpose' as const,
                id: p.id,
                channel: '*' as const,
                granted: request.body[`p:${p.id}`] === 'on',
              },
            ],
      )
      if (items.length > 0) {
        await consent.record({
          id: randomUUID(),
          subjectHash: s.subjectHash,
          subjectKind: 'account',
          method: 'preferences-page',
          items,
          policyVersion: consent.policyVersion,
          notice: `preferences-page:${lang}`,
          locale: lang,
          jurisdiction: (await consent.state(s.subjectHash)).jurisdiction ?? consent.homeJurisdiction,
          source: `${ctx.config.http.publicUrl}/privacy/preferences`,
          gpc: hasGpc(request),
          conflict: false,
          child: false,
          recordedAt: ctx.now(),
        })
      }
      // Post/redirect/get, so a reload does not post again.
      return reply.redirect(
        `/privacy/preferences?lang=${lang}&saved=1&token=${encodeURIComponent(token)}`,
        303,
      )
    },
  )

  // One-click unsubscribe (RFC 8058) ------------------------------------------------------------
  const TokenParams = z.object({ token: z.string().min(1).max(128) })
  app.post(
    '/v1/unsubscribe/:token',
    {
      schema: {
        params: TokenParams,
        querystring: LangQuery,
        tags: ['consent'],
        summary: 'One-click unsubscribe (RFC 8058): no cookie, no confirmation',
      },
      // A mail client POSTs with no Accept; a person's browser gets a page, which needs the page headers.
      config: { ...json, securityHeaders: 'page' },
    },
    async (request, reply) => {
      const outcome = await consent.unsubscribe(request.params.token, ctx.now())
      const lang = locale(request)
      const wantsHtml = request.headers.accept?.includes('text/html') === true
      if (outcome === 'unknown-token') {
        if (wantsHtml)
          return sendPage(
            reply,
            lang,
            404,
            renderUnsubscribe({
              locale: lang,
              shopName: shopName(lang),
              token: request.params.token,
              state: 'unknown',
            }),
          )
        throw new AmanaError('NOT_FOUND', 'This unsubscribe link is not valid.')
      }
      if (wantsHtml)
        return sendPage(
          reply,
          lang,
          200,
          renderUnsubscribe({
            locale: lang,
            shopName: shopName(lang),
            token: request.params.token,
            state: 'done',
          }),
        )
      return { status: 'unsubscribed' }
    },
  )
  app.get(
    '/v1/unsubscribe/:token',
    {
      schema: { hide: true, params: TokenParams, querystring: LangQuery },
      config: { ...json, securityHeaders: 'page' },
    },
    async (request, reply) => {
      const lang = locale(request)
      return sendPage(
        reply,
        lang,
        200,
        renderUnsubscribe({
          locale: lang,
          shopName: shopName(lang),
          token: request.params.token,
          state: 'ask',
        }),
      )
    },
  )

  // Admin -----------------------------------------------------------------------------------------
  app.get(
    '/admin/consent',
    {
      schema: { hide: true, querystring: LangQuery.extend(Period.shape) },
      config: { permission: 'admin:console' },
    },
    async (request, reply) => {
      const lang = locale(request)
      const range = dayRange(request.query, ctx.now())
      const series = await labelledConsentRates(ctx, lang, range)
      const page = renderAdminConsent({
        ...(deps.consoleFrame?.(request) ?? {
          locale: lang,
          shopName: shopName(lang),
          csrfToken: '',
          sections: [],
        }),
        from: range.fromDay,
        to: range.toDay,
        series,
        exportHref: `/v1/consent/export?from=${range.fromDay}&to=${range.toDay}`,
      })
      return sendPage(reply, lang, 200, page)
    },
  )
}

/** For a caller that has only a jurisdiction string. */
export const asJurisdiction = (value: string | undefined): JurisdictionId | undefined =>
  value && isJurisdictionId(value) ? value : undefined
