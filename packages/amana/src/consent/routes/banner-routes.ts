import type { AmanaServer } from '../../platform/http/index.ts'
import { widgetScriptRoutes } from '../widget-routes.ts'
import { type ConsentRouteKit, hasGpc, json, localeOf } from './kit.ts'
import { LangQuery } from './schemas.ts'

/** What the banner loads: its configuration, the script with the configuration embedded, and /.well-known/gpc.json. */
export const bannerRoutes = async (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, manifest } = kit
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
      kit.cors(request, reply)
      const lang = request.query.lang ?? localeOf(request)
      const gpc = hasGpc(request)
      reply.header('vary', 'Sec-GPC, Accept-Language, Origin').header('cache-control', 'private, max-age=60')
      return kit.widgetConfig(lang, gpc)
    },
  )

  app.get('/.well-known/gpc.json', { schema: { hide: true }, config: json }, async (_request, reply) =>
    reply
      .type('application/json')
      .header('cache-control', 'public, max-age=86400')
      .send({ gpc: true, lastUpdate: consent.gpcLastUpdate }),
  )

  await app.register(
    widgetScriptRoutes({
      configFor: (lang) => kit.widgetConfig(lang, false),
      defaultLang: manifest.organisation.languages[0] === 'ar' ? 'ar' : 'en',
    }),
  )
}
