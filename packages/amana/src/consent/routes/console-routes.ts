import { renderAdminConsent } from '@amana/web'
import type { AmanaServer } from '../../platform/http/index.ts'
import { labelledConsentRates } from '../console-rates.ts'
import { type ConsentRouteKit, dayRange, localeOf, sendPage } from './kit.ts'
import { LangQuery, Period } from './schemas.ts'

/** The console's consent page: rates per purpose and category per day, and the ledger export link. */
export const consentConsoleRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { ctx, deps } = kit
  app.get(
    '/admin/consent',
    {
      schema: { hide: true, querystring: LangQuery.extend(Period.shape) },
      config: { permission: 'admin:console' },
    },
    async (request, reply) => {
      const lang = localeOf(request)
      const range = dayRange(request.query, ctx.now())
      const series = await labelledConsentRates(ctx, lang, range)
      const page = renderAdminConsent({
        ...(deps.consoleFrame?.(request) ?? {
          locale: lang,
          shopName: kit.shopName(lang),
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
