import { randomBytes } from 'node:crypto'
import formbody from '@fastify/formbody'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type onRequestHookHandler,
  type preValidationHookHandler,
  type RouteOptions,
} from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { HelmetOptions } from 'helmet'
import { AmanaError, isAmanaError } from '../errors/index.ts'
import type { Logger } from '../logging/index.ts'
import { errorHandler, notFound, unboundRequestId } from './error-handler.ts'
import { createMetrics, type DurationSeries, type Metrics } from './metrics.ts'
import { completeOpenApi, type OperationDoc, openapiPath, operationKey, type RouteFacts } from './openapi.ts'
import { isPermission, type Permission } from './permissions.ts'
import type { Authenticate, Principal } from './principal.ts'
import { securityHeaderSets } from './security-headers.ts'
import { unstorableTextAt } from './unstorable-text.ts'

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

/** Records one response's duration under its route (see observerFor in createServer). */
type RecordDuration = (method: string, statusCode: number, seconds: number) => void

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
 * Input no text column can hold (a NUL, an unpaired surrogate), as a 400 naming the field, checked
 * after the permission and before the route: PostgreSQL would refuse it mid-query, as a 500. Query
 * strings and path parameters are only walked when the URL has a percent-escape, the one way such
 * text gets in there.
 */
const unstorableTextError = (request: FastifyRequest): AmanaError | undefined => {
  const field =
    (request.body === undefined ? undefined : unstorableTextAt(request.body, 'body')) ??
    (request.url.includes('%')
      ? (unstorableTextAt(request.query, 'querystring') ?? unstorableTextAt(request.params, 'params'))
      : undefined)
  if (field === undefined) return undefined
  const message =
    'contains a NUL character (\\u0000) or an unpaired surrogate, which cannot be stored as text. Remove it and send the request again.'
  return new AmanaError('VALIDATION_FAILED', `Invalid request. ${field}: ${message}`, [{ field, message }])
}
const refuseUnstorableText: preValidationHookHandler = (request, _reply, done) =>
  done(unstorableTextError(request))

/** Helmet's options for pages; HSTS only behind https (browsers ignore it over http anyway). */
const helmetOptions = (https: boolean): HelmetOptions => ({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  strictTransportSecurity: https,
  crossOriginEmbedderPolicy: false,
  // The same rule as CSP frame-ancestors 'none', for browsers that only know the older header.
  xFrameOptions: { action: 'deny' },
})

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

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), permission: 'public' }
    const permission = route.config?.permission
    if (!isPermission(permission)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission. Add config: { permission: '…' } (see platform/http/permissions.ts).`,
      )
    }
    // Fastify adds HEAD twins of GET routes with the GET's options: hooks already added stay once.
    if (!(Array.isArray(route.onRequest) && shellHooked.has(route.onRequest)))
      withShellHooks(route as RouteOptions, permission)
    recordFacts(route as RouteOptions, permission)
  })
  // What the OpenAPI document adds to each documented operation: its permission and error answers.
  const routeFacts = new Map<string, RouteFacts>()
  const recordFacts = (route: RouteOptions, permission: Permission) => {
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
  app.decorate('apiDocs', new Map<string, OperationDoc>())
  app.decorate('metrics', createMetrics())
  app.decorateRequest('principal', undefined)
  app.decorateRequest('recordDuration', null)

  // Enforces the permission every route declared, before the input is validated (a stranger
  // learns nothing about a route's schema). Public routes skip identity entirely.
  const refuse = async (request: FastifyRequest, permission: Permission) => {
    if (!request.principal) {
      await options.onRefused?.(request, 'UNAUTHENTICATED')
      throw new AmanaError('UNAUTHENTICATED', 'Sign in, or send an API key as "Authorization: Bearer <key>".')
    }
    await options.onRefused?.(request, 'FORBIDDEN')
    throw new AmanaError(
      'FORBIDDEN',
      `Your role (${request.principal.role}) does not have the "${permission}" permission. Ask an owner to grant it.`,
      { permission },
    )
  }
  /** Calls done() once the caller holds the permission; a caller known at once costs no promise. */
  const enforce = (request: FastifyRequest, permission: Permission, done: (error?: Error) => void) => {
    const principal = options.authenticate?.(request)
    if (principal instanceof Promise) principal.then((p) => admit(request, p, permission, done), done)
    else admit(request, principal, permission, done)
  }
  const admit = (
    request: FastifyRequest,
    principal: Principal | undefined,
    permission: Permission,
    done: (error?: Error) => void,
  ) => {
    request.principal = principal
    if (principal?.permissions.has(permission)) return done()
    refuse(request, permission).catch(done)
  }
  const shellHooked = new WeakSet<object>()
  const quietLevels = new Set(['warn', 'error', 'fatal', 'silent'])
  const headerSets = securityHeaderSets(helmetOptions(options.publicUrl.startsWith('https://')))
  // One histogram series per (method, route, status), resolved once (prom-client's labels()) and
  // kept per route.
  const observerFor = (route: string): RecordDuration => {
    const series = new Map<string, Map<number, DurationSeries>>()
    return (method, statusCode, seconds) => {
      let byStatus = series.get(method)
      if (!byStatus) {
        byStatus = new Map()
        series.set(method, byStatus)
      }
      let duration = byStatus.get(statusCode)
      if (!duration) {
        duration = app.metrics.httpDuration.labels({ method, route, status: String(statusCode) })
        byStatus.set(statusCode, duration)
      }
      duration.observe(seconds)
      if (statusCode >= 500) app.metrics.errors.inc({ route })
    }
  }
  const observeUnmatched = observerFor('unmatched')
  /**
   * The shell's hooks, built per route when it is registered, so each request runs only what its
   * route needs and never rebuilds `request.routeOptions` (a getter that allocates on every read):
   * request id, security headers and the route's duration histogram (onRequest; AccessLog records
   * the duration), the permission check (onRequest for GET and HEAD, else preValidation; before the
   * route's own hooks), and a shared logger for quiet routes.
   * HEAD twins of GET routes get them too.
   */
  const withShellHooks = (route: RouteOptions, permission: Permission) => {
    // A route that logs only warnings and above (probes, decisions) shares one logger at its level:
    // pino would otherwise build a child with options on every request (~30 µs). Its warnings carry
    // the route instead of a request id; errors get the id from AccessLog.
    if (route.logLevel && quietLevels.has(route.logLevel) && !route.childLoggerFactory) {
      const shared = app.log.child({ route: route.url }, { level: route.logLevel })
      route.childLoggerFactory = () => shared
    }
    const headers = headerSets.forRoute(route.url, route.config?.securityHeaders)
    // A GET or HEAD carries no body, so nothing needs parsing before identity: its permission is
    // checked in the hook that sets its headers, one hook fewer on the hottest reads. Other methods
    // are checked after parsing (a session's form posts carry their CSRF token in the body), before
    // validation. Either way the route's own hooks and schema come after.
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const checkOnArrival = permission !== 'public' && methods.every((m) => m === 'GET' || m === 'HEAD')
    const recordDuration = observerFor(route.url)
    // Into Fastify's own header object, written once with its own headers when the reply is sent;
    // node's setHeader would check each name and value now and hold it apart (checked once, then).
    // A GET or HEAD has no body: its query and path are checked for unstorable text in this hook,
    // after its permission, and only when the URL has a percent-escape (see refuseUnstorableText).
    const bodiless = methods.every((m) => m === 'GET' || m === 'HEAD')
    const onRequest: onRequestHookHandler = (request, reply, done) => {
      request.recordDuration = recordDuration
      reply.header('x-request-id', request.id)
      for (const [name, value] of headers) reply.header(name, value)
      const next =
        bodiless && request.url.includes('%')
          ? (error?: Error) => done(error ?? unstorableTextError(request))
          : done
      if (checkOnArrival) enforce(request, permission, next)
      else next()
    }
    const hooks = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value])
    route.onRequest = [onRequest, ...hooks(route.onRequest)]
    shellHooked.add(route.onRequest)
    // After the permission (a stranger learns nothing about a route's input), before the route's own.
    if (!bodiless) route.preValidation = [refuseUnstorableText, ...hooks(route.preValidation)]
    if (permission !== 'public' && !checkOnArrival) {
      const preValidation: preValidationHookHandler = (request, _reply, done) =>
        enforce(request, permission, done)
      route.preValidation = [preValidation, ...hooks(route.preValidation)]
    }
  }
  // A browser's 404 or 5xx is the page options.errorPage draws; everyone else gets the JSON body.
  const pageFor = (request: import('fastify').FastifyRequest) => (status: number) =>
    options.errorPage && wantsPage(request) && (status === 404 || status >= 500)
      ? options.errorPage({ status: status === 404 ? 404 : 500, request })
      : undefined
  // Before any plugin registers routes: a route keeps the error handler set when it was added, and
  // the API docs' routes would otherwise answer Fastify's default (a 500 for every AmanaError).
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
      return errorHandler(notFound(), request, reply, pageFor(request))
    }
    return errorHandler(error, request, reply, pageFor(request))
  })
  await app.register(formbody, { bodyLimit: options.bodyLimit })
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

  // No route, no route hooks: the 404 gets the request id, the page headers and its metric here.
  app.setNotFoundHandler((request, reply) => {
    reply.header('x-request-id', request.id)
    for (const [name, value] of headerSets.page) reply.header(name, value)
    request.recordDuration = observeUnmatched
    return errorHandler(notFound(), request, reply, pageFor(request))
  })
  return app
}
