import rateLimit from '@fastify/rate-limit'
import { AmanaError } from '../platform/errors/index.ts'
import { type AmanaServer, postgresRateLimitStore } from '../platform/http/index.ts'
import type { ConsentPorts } from './ports.ts'
import { bannerRoutes } from './routes/banner-routes.ts'
import { consentConsoleRoutes } from './routes/console-routes.ts'
import { decisionRoutes } from './routes/decision-routes.ts'
import { type ConsentRouteDeps, consentRouteKit } from './routes/kit.ts'
import { ledgerRoutes, receiptRoutes } from './routes/ledger-routes.ts'
import { preferenceLinkRoutes, preferencePageRoutes } from './routes/preference-routes.ts'
import { apiRecordRoutes, bannerRecordRoutes } from './routes/record-routes.ts'
import { shopMailRoutes } from './routes/shop-mail-routes.ts'
import { unsubscribeRoutes } from './routes/unsubscribe-routes.ts'

export type { ConsentRouteDeps } from './routes/kit.ts'
export { ApiRecordSchema, WidgetRecordSchema } from './routes/schemas.ts'

/** The consent API, the widget and its config, GPC, receipts, decisions, the preference centre and one-click unsubscribe. */
export const consentRoutes = (ctx: ConsentPorts, deps: ConsentRouteDeps) => async (app: AmanaServer) => {
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
  const kit = consentRouteKit(ctx, deps)
  bannerRecordRoutes(app, kit, { max: deps.recordRateLimit ?? 120, timeWindow: 60_000 })
  apiRecordRoutes(app, kit)
  receiptRoutes(app, kit)
  ledgerRoutes(app, kit)
  decisionRoutes(app, kit)
  preferenceLinkRoutes(app, kit)
  await bannerRoutes(app, kit)
  preferencePageRoutes(app, kit)
  unsubscribeRoutes(app, kit)
  shopMailRoutes(app, kit)
  consentConsoleRoutes(app, kit)
}
