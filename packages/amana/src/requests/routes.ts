import type { AdminFrame } from '@amana/web'
import { negotiateLocale } from '@amana/web'
import multipart from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import type { AmanaServer } from '../platform/http/index.ts'
import { formUploadOptions } from './multipart.ts'
import type { RequestsAppPorts, ShopSessionHook } from './ports.ts'
import type { RequestsService } from './requests-service.ts'
import { requestApiRoutes } from './routes/api.ts'
import { consoleRequestRoutes } from './routes/console.ts'
import { requestFormRoutes } from './routes/form.ts'
import { shopIntakeRoutes } from './routes/shop-intake.ts'
import { requestStatusRoutes } from './routes/status-pages.ts'

export interface RequestsRoutesDeps {
  readonly requests: RequestsService
  /** The shop's session hook (see docs/requests.md); without it every requester verifies by code. */
  readonly shopSession?: ShopSessionHook
  /** The console's shell (menu, CSRF token) for the staff pages; the staff feature provides it. */
  readonly consoleFrame?: (request: FastifyRequest) => AdminFrame
  /** Staff members' emails by id, so a request's history names people; the staff feature provides it. */
  readonly staffNames?: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

const localeOf = (request: FastifyRequest) =>
  negotiateLocale((request.query as { lang?: string } | undefined)?.lang, request.headers['accept-language'])

/**
 * Public pages and API of data-subject requests, and the staff console queue. Each group is its
 * own file in routes/: the form, the status pages, the JSON API, the console, the shop's intake.
 */
export const requestsRoutes =
  (ctx: RequestsAppPorts, deps: RequestsRoutesDeps) => async (app: AmanaServer) => {
    // The request form posts multipart (for the proof); parsed by @fastify/multipart in this plugin only.
    await app.register(multipart, formUploadOptions)
    requestFormRoutes(app, ctx, deps, localeOf)
    requestStatusRoutes(app, deps.requests, localeOf)
    requestApiRoutes(app, ctx, deps)
    await consoleRequestRoutes(app, ctx, deps, localeOf)
    await shopIntakeRoutes(deps.requests)(app)
  }
