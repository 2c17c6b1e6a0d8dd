import type { Locale } from '@amana/web'
import type { FastifyRequest } from 'fastify'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { RequestsRoutesDeps } from '../routes.ts'
import { actionRoutes } from './actions.ts'
import { consoleKit } from './console-kit.ts'
import { dryRunPageRoute } from './dry-run.ts'
import { queueRoutes } from './queue.ts'
import { requestPageRoute } from './request-page.ts'
import { tasksApiRoute } from './tasks-api.ts'

/**
 * The staff console's request pages and the staff API (the queue, a request's tasks): the queue, one request in plain words
 * (with a dry run of what running it would touch), and the staff's actions on it.
 */
export const consoleRequestRoutes = async (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  localeOf: (request: FastifyRequest) => Locale,
) => {
  const kit = consoleKit(app, ctx, deps, localeOf)
  queueRoutes(kit)
  await requestPageRoute(app, ctx, deps, kit.frame, kit.load)
  await dryRunPageRoute(app, ctx, deps, kit.frame, kit.load)
  actionRoutes(kit)
  tasksApiRoute(kit)
}
