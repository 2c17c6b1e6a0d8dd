import { type AdminFrame, type Locale, negotiateLocale } from '@amana/web'
import type { AmanaConsentConfig } from '@amana/widget/config-types'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Manifest } from '../../manifest/index.ts'
import { AmanaError } from '../../platform/errors/index.ts'
import type { ConsentService } from '../consent-service.ts'
import { cleanRecordOrigin } from '../domain/record-origin.ts'
import { buildWidgetConfig } from '../domain/widget-config.ts'
import type { ConsentPorts } from '../ports.ts'

export interface ConsentRouteDeps {
  readonly consent: ConsentService
  /** Records per client address per minute on the public POST /v1/consent. */
  readonly recordRateLimit?: number
  /** The console's shell (menu, CSRF token) for /admin/consent; the staff feature provides it. */
  readonly consoleFrame?: (request: FastifyRequest) => AdminFrame
}

export const json = { permission: 'public' as const }

/** `Sec-GPC: 1` exactly; with several headers, any equal to 1 counts (GPC spec §5). */
export const hasGpc = (request: FastifyRequest): boolean => {
  const value = request.headers['sec-gpc']
  return Array.isArray(value) ? value.some((v) => v.trim() === '1') : value?.trim() === '1'
}

export const dayRange = (period: { from?: string | undefined; to?: string | undefined }, now: Date) => {
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

export const recordSource = (value: string): string => {
  const cleaned = cleanRecordOrigin(value)
  return cleaned.ok ? cleaned.value : 'banner'
}

export const unknownField = (field: string, value: string, known: readonly string[]) =>
  new AmanaError(
    'VALIDATION_FAILED',
    `Invalid request. ${field}: unknown value "${value}". Known: ${known.join(', ') || 'none'}.`,
    [{ field, message: `unknown value "${value}"` }],
  )

export const actorOf = (request: FastifyRequest) =>
  ({ type: request.principal?.kind ?? 'system', id: request.principal?.id ?? 'unknown' }) as const

export const localeOf = (request: FastifyRequest) =>
  negotiateLocale((request.query as { lang?: string } | undefined)?.lang, request.headers['accept-language'])

export const sendPage = (reply: FastifyReply, lang: Locale, status: number, page: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-language', lang)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(page)

/** What every consent route group shares: the service, the manifest and the shop, built once per app. */
export interface ConsentRouteKit {
  readonly ctx: ConsentPorts
  readonly deps: ConsentRouteDeps
  readonly consent: ConsentService
  readonly manifest: Manifest
  readonly purposeIds: readonly string[]
  /** The banner's optional categories the manifest's trackers use. */
  readonly optionalCategories: readonly string[]
  shopName(lang: Locale): string
  /** CORS headers for an origin the shop allows. */
  cors(request: FastifyRequest, reply: FastifyReply): void
  widgetConfig(lang: 'en' | 'ar', gpcSignal: boolean): AmanaConsentConfig
}

export const consentRouteKit = (ctx: ConsentPorts, deps: ConsentRouteDeps): ConsentRouteKit => {
  const { consent } = deps
  const { manifest } = consent
  const bannerCategories = new Set(Object.values(manifest.cookies?.trackers ?? {}).map((t) => t.category))
  return {
    ctx,
    deps,
    consent,
    manifest,
    purposeIds: Object.keys(manifest.purposes),
    optionalCategories: (['functional', 'analytics', 'marketing'] as const).filter((c) =>
      bannerCategories.has(c === 'functional' ? 'functionality' : c),
    ),
    shopName: (lang) => ctx.shop.name[lang],
    cors(request, reply) {
      const origin = request.headers.origin
      if (origin && consent.allowedOrigins.has(origin)) {
        reply
          .header('access-control-allow-origin', origin)
          .header('vary', 'Origin')
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'content-type')
      }
    },
    widgetConfig: (lang, gpcSignal) => ({
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
    }),
  }
}
