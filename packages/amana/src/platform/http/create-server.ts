import { randomBytes } from 'node:crypto'
import formbody from '@fastify/formbody'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type RouteOptions,
} from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { isAmanaError } from '../errors/index.ts'
import type { Logger } from '../logging/index.ts'
import { errorHandler, notFound, unboundRequestId } from './error-handler.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { completeOpenApi, type OperationDoc, openapiPath, operationKey, type RouteFacts } from './openapi.ts'
import { isPermission, type Permission } from './permissions.ts'
import type { Authenticate } from './principal.ts'

import { createShellHooks, type RecordDuration } from './route-hooks.ts'

export type AmanaServer = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  Logger,
  ZodTypeProvider
>

export interface ServerOptions {
  readonly logger: Logger
  readonly bodyLimit: number
  readonly trustProxy: boolean
  readonly publicUrl: string
  readonly version: string
  /** Resolves the caller from a session cookie or API key; without it only public routes answer. */
  readonly authenticate?: Authenticate
  /** Called when a caller is refused (401/403), so the refusal can be audited. */
  readonly onRefused?: (
    request: import('fastify').FastifyRequest,
    code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  ) => Promise<void>
  /**
   * The HTML a browser gets instead of a JSON error when it asks for a page (GET, Accept: text/html,
   * outside /v1/ and /api/) that does not exist (404) or failed (500).
   */
  readonly errorPage?: (view: { status: 404 | 500; request: import('fastify').FastifyRequest }) => string
}

/** A browser navigating to a page, as opposed to an API client: it gets HTML errors. */
const wantsPage = (request: import('fastify').FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !request.url.startsWith('/v1/') &&
  !request.url.startsWith('/api/') &&
  (request.headers.accept?.includes('text/html') ?? false)

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
    /** Prose and examples for operations whose route schema has none, by `METHOD /openapi/{path}` (platform/http/openapi.ts). */
    apiDocs: Map<string, OperationDoc>
  }
  interface FastifyRequest {
    /** Set by the route's first hook; AccessLog calls it when the response completes. */
    recordDuration: RecordDuration | null
  }
}

/**
 * Request ids: 64 random bits drawn once per server, then a counter (`3f9c0a7d1e2b4c58-1a`). Unique
 * across processes and restarts without drawing random bytes on every request, and shorter on the
 * wire than a UUID. An id names a request's log lines and audit events; it is not a secret. A
 * caller's own `x-request-id` is used instead when it sends one.
 */
const newRequestId = () => {
  const prefix = randomBytes(8).toString('hex')
  let count = 0
  return () => `${prefix}-${(++count).toString(36)}`
}

/**
 * Sees every completed request once: records its duration in the route's histogram (the route's
 * first hook tells it how, so no request pays for an onResponse hook) and writes one access-log line
 * with the request's id, method and route (the serializers in platform/logging drop the query
 * string) and the status, instead of Fastify's two lines. The line holds only those fields, so it
 * skips pino's redaction, which would triple its cost on every request; errors and everything
 * handlers log are still redacted.
 */
class AccessLog extends LogController {
  readonly #lines: Logger
  constructor(logger: Logger) {
    super()
    this.#lines = logger.child({}, { redact: { paths: [] } })
  }
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    request.recordDuration?.(request.method, reply.statusCode, reply.elapsedTime / 1000)
    if (error) {
      reply.log.error(
        {
          ...unboundRequestId(request),
          req: request,
          res: reply,
          err: error,
          responseTime: reply.elapsedTime,
        },
        'request errored',
      )
    } else if ((reply.log as Logger).isLevelEnabled('info'))
      this.#lines.info(
        { reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      )
  }
}

/** What the OpenAPI document adds to a documented operation: its permission and error answers. */
const recordFacts = (routeFacts: Map<string, RouteFacts>, route: RouteOptions, permission: Permission) => {
  const schema = route.schema as
    | { hide?: boolean; body?: unknown; querystring?: unknown; params?: unknown }
    | undefined
  if (schema?.hide || route.url.startsWith('/api/docs')) return
  const facts: RouteFacts = {
    permission,
    validates: Boolean(schema?.body ?? schema?.querystring ?? schema?.params),
    hasBody: Boolean(schema?.body),
    rateLimited: Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit),
  }
  for (const method of Array.isArray(route.method) ? route.method : [route.method])
    if (method !== 'HEAD') routeFacts.set(operationKey(method, openapiPath(route.url)), facts)
}

// A browser's 404 or 5xx is the page options.errorPage draws; everyone else gets the JSON body.
const pageFor = (options: ServerOptions, request: FastifyRequest) => (status: number) =>
  options.errorPage && wantsPage(request) && (status === 404 || status >= 500)
    ? options.errorPage({ status: status === 404 ? 404 : 500, request })
    : undefined
/**
 * The one error mapping. Set before any plugin registers routes: a route keeps the error handler
 * set when it was added, and the API docs' routes would otherwise answer Fastify's default (a 500
 * for every AmanaError).
 */
const installErrorHandling = (app: AmanaServer, options: ServerOptions) => {
  app.setErrorHandler((error, request, reply) => {
    // A person opening a console page without a session is sent to sign in, not shown a JSON 401.
    if (
      isAmanaError(error) &&
      error.code === 'UNAUTHENTICATED' &&
      request.method === 'GET' &&
      request.url.startsWith('/admin/') &&
      request.headers.accept?.includes('text/html')
    ) {
      const lang = new URL(request.url, 'http://x').searchParams.get('lang') === 'ar' ? 'ar' : 'en'
      return reply.redirect(`/admin/sign-in?lang=${lang}&m=session`, 303)
    }
    // A path the docs' static files refuse (`..`, encoded or not) is simply not there: a 404 at
    // info level, not a 500 with a stack.
    if ((error as { code?: unknown }).code === 'FST_STATIC_FORBIDDEN_PATH') {
      return errorHandler(notFound(), request, reply, pageFor(options, request))
    }
    return errorHandler(error, request, reply, pageFor(options, request))
  })
}

/** The OpenAPI 3.1 document from the route schemas, and its UI at /api/docs. */
const registerApiDocs = async (
  app: AmanaServer,
  options: ServerOptions,
  routeFacts: Map<string, RouteFacts>,
) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Amana API',
        version: options.version,
        description: 'Privacy operations: consent, decisions, data-subject requests, audit.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'amana_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) =>
      completeOpenApi(
        'openapiObject' in documentObject ? (documentObject.openapiObject as Record<string, unknown>) : {},
        routeFacts,
        app.apiDocs,
      ),
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: false },
  })
}

/**
 * The HTTP shell every feature plugs into: zod validation, OpenAPI 3.1 from route schemas, security
 * headers, request ids, body limits, metrics, one error mapping, and the rule that every route
 * declares its permission.
 */
export const createServer = async (options: ServerOptions): Promise<AmanaServer> => {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: newRequestId(),
    return503OnClosing: true,
    logController: new AccessLog(options.logger),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  app.decorate('apiDocs', new Map<string, OperationDoc>())
  app.decorate('metrics', createMetrics())
  app.decorateRequest('principal', undefined)
  app.decorateRequest('recordDuration', null)
  const shell = createShellHooks(app, options)
  // What the OpenAPI document adds to each documented operation: its permission and error answers.
  const routeFacts = new Map<string, RouteFacts>()
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), permission: 'public' }
    const permission = route.config?.permission
    if (!isPermission(permission)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission. Add config: { permission: '…' } (see platform/http/permissions.ts).`,
      )
    }
    if (!shell.hooked(route as RouteOptions)) shell.withShellHooks(route as RouteOptions, permission)
    recordFacts(routeFacts, route as RouteOptions, permission)
  })
  installErrorHandling(app, options)
  await app.register(formbody, { bodyLimit: options.bodyLimit })
  await registerApiDocs(app, options, routeFacts)

  // No route, no route hooks: the 404 gets the request id, the page headers and its metric here.
  app.setNotFoundHandler((request, reply) => {
    reply.header('x-request-id', request.id)
    for (const [name, value] of shell.pageHeaders) reply.header(name, value)
    request.recordDuration = shell.observeUnmatched
    return errorHandler(notFound(), request, reply, pageFor(options, request))
  })
  return app
}
