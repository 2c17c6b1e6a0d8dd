import type { AdminRequestsFrame, Locale } from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { Actor, RequestsService } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'

type Row = NonNullable<Awaited<ReturnType<RequestsService['store']['byId']>>>

/** What every console request route needs: the console's frame, the acting staff member, the request. */
export interface ConsoleKit {
  readonly app: AmanaServer
  readonly ctx: RequestsAppPorts
  readonly deps: RequestsRoutesDeps
  readonly requests: RequestsService
  readonly localeOf: (request: FastifyRequest) => Locale
  readonly frame: (request: FastifyRequest) => AdminRequestsFrame
  readonly actorOf: (request: FastifyRequest) => Actor
  /** The request with this id, or NOT_FOUND. */
  readonly load: (id: string) => Promise<Row>
}

export const IdParams = z.object({ id: z.uuid() })

export const consoleKit = (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  localeOf: (request: FastifyRequest) => Locale,
): ConsoleKit => {
  const { requests } = deps
  const frame = (request: FastifyRequest) => {
    const locale = localeOf(request)
    return {
      ...(deps.consoleFrame?.(request) ?? {
        locale,
        shopName: requests.shopName(locale),
        csrfToken: request.principal?.csrfToken ?? '',
        sections: [],
      }),
      canManage: request.principal?.permissions.has('requests:manage') ?? false,
    }
  }
  const actorOf = (request: FastifyRequest): Actor => ({
    type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
    id: request.principal?.id ?? 'unknown',
  })
  const load = async (id: string) => {
    const row = await requests.store.byId(id)
    if (!row) throw new AmanaError('NOT_FOUND', 'No request has this id.')
    return row
  }
  return { app, ctx, deps, requests, localeOf, frame, actorOf, load }
}
