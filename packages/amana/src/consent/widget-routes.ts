import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { buildWidget, embedConfig } from '@amana/widget/build'
import type { AmanaConsentConfig } from '@amana/widget/config-types'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../platform/http/index.ts'

export type WidgetLang = 'en' | 'ar'
const langs = ['en', 'ar'] as const

export interface WidgetScriptDeps {
  /** The banner's configuration for one language, as GET /v1/consent/config answers it (without a request's GPC). */
  readonly configFor: (lang: WidgetLang) => AmanaConsentConfig
  /** The language when the script URL names none: the manifest's first. */
  readonly defaultLang: WidgetLang
}

interface WidgetScript {
  readonly version: string
  readonly body: string
  readonly gzip: Buffer
}

const versionOf = (body: string) => createHash('sha256').update(body).digest('base64url').slice(0, 16)

/** The stable URL pages embed; the versioned one the same bytes, cached for a year. */
export const widgetScriptPath = (version: string, lang: WidgetLang) => `/widget/v/${version}/${lang}/amana.js`

/**
 * The banner with its configuration embedded, one script per language: a page draws the banner from the one
 * request that loads it. `/consent.js?lang=` is the stable URL (revalidated every 5 minutes); its
 * `Content-Location` names `/widget/v/<version>/<lang>/amana.js`, the same bytes cached as immutable. The version
 * is a hash of the script, so it changes with the manifest, the policy version, the allowed origins or the code.
 */
export const widgetScriptRoutes = (deps: WidgetScriptDeps) => async (app: AmanaServer) => {
  let code: Promise<string> | undefined
  const scripts = new Map<WidgetLang, Promise<WidgetScript>>()
  const scriptFor = (lang: WidgetLang) => {
    let found = scripts.get(lang)
    if (!found) {
      code ??= buildWidget()
      found = code.then((widget) => {
        const body = embedConfig(widget, deps.configFor(lang))
        return { version: versionOf(body), body, gzip: gzipSync(body, { level: 9 }) }
      })
      scripts.set(lang, found)
    }
    return found
  }

  const send = (request: FastifyRequest, reply: FastifyReply, script: WidgetScript, cacheControl: string) => {
    const etag = `"${script.version}"`
    reply
      .header('etag', etag)
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Encoding')
      // The shop's pages load the banner from Amana's origin: helmet's same-origin default would block it.
      .header('cross-origin-resource-policy', 'cross-origin')
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    reply.type('text/javascript; charset=utf-8')
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
      return reply.header('content-encoding', 'gzip').send(script.gzip)
    return reply.send(script.body)
  }

  app.get(
    '/consent.js',
    {
      schema: { hide: true, querystring: z.object({ lang: z.enum(langs).optional() }) },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? deps.defaultLang
      const script = await scriptFor(lang)
      reply.header('content-location', widgetScriptPath(script.version, lang))
      return send(request, reply, script, 'public, max-age=300, stale-while-revalidate=86400')
    },
  )

  app.get(
    '/widget/v/:version/:lang/amana.js',
    {
      schema: { hide: true, params: z.object({ version: z.string().max(64), lang: z.enum(langs) }) },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const script = await scriptFor(request.params.lang)
      // A page still naming an earlier version gets the current banner, not cached for long.
      if (request.params.version !== script.version)
        return send(request, reply, script, 'public, max-age=300, stale-while-revalidate=86400')
      return send(request, reply, script, 'public, max-age=31536000, immutable')
    },
  )
}
