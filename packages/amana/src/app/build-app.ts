import { createServer, type AmanaServer } from '../platform/http/index.ts'
import { policyRoutes } from '../policy/routes.ts'
import { siteRoutes } from '../site/routes.ts'
import { systemRoutes } from '../system/routes.ts'
import type { AppContext } from './app-context.ts'

/** Assembles the HTTP application: the platform shell plus every feature's routes. */
export const buildApp = async (ctx: AppContext): Promise<AmanaServer> => {
  const app = await createServer({
    logger: ctx.logger,
    bodyLimit: ctx.config.http.bodyLimit,
    trustProxy: ctx.config.http.trustProxy,
    publicUrl: ctx.config.http.publicUrl,
    version: ctx.version,
  })
  await app.register(systemRoutes(ctx))
  await app.register(siteRoutes(ctx))
  await app.register(policyRoutes(ctx))
  await app.ready()
  return app
}
