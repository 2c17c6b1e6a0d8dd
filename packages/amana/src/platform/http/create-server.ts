import { randomUUID } from 'node:crypto'
import formbody from '@fastify/formbody'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { AmanaError, isAmanaError } from '../errors/index.ts'
import type { Logger } from '../logging/index.ts'
import { errorHandler, notFound } from './error-handler.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { isPermission, type Permission } from './permissions.ts'
import type { Authenticate } from './principal.ts'
import { securityHeadersHook } from './security-headers.ts'

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
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

/**
 * One access-log line per request, written when it completes, with the request's id, method and
 * route (the serializers in platform/logging drop the query string) and the status, instead of
 * Fastify's two lines. The line holds only those fields, so it skips pino's redaction, which would
 * triple its cost on every request; errors and everything handlers log are still redacted.
 */
class AccessLog extends LogController {
  readonly #lines: Logger
  constructor(logger: Logger) {
    super()
    this.#lines = logger.child({}, { redact: { paths: [] } })
  }
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      )
    else if ((reply.log as Logger).isLevelEnabled('info'))
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
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    logController: new AccessLog(options.logger),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  app.addHook('onRoute', (route) => {
    // Fastify adds HEAD twins of GET routes; they inherit the GET's config.
    if (
      route.method === 'HEAD' ||
      (Array.isArray(route.method) && route.method.length === 1 && route.method[0] === 'HEAD')
    )
      return
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), permission: 'public' }
      return
    }
    if (!isPermission(route.config?.permission)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission. Add config: { permission: '…' } (see platform/http/permissions.ts).`,
      )
    }
  })

  app.decorate('metrics', createMetrics())
  app.decorateRequest('principal', undefined)

  // Enforces the permission every route declared, before the input is validated (a stranger
  // learns nothing about a route's schema). Public routes skip identity entirely, synchronously:
  // an async hook costs every request a promise round, and probes and decisions are hot paths.
  const enforce = async (request: FastifyRequest, permission: Permission) => {
    request.principal = options.authenticate ? await options.authenticate(request) : undefined
    if (!request.principal) {
      await options.onRefused?.(request, 'UNAUTHENTICATED')
      throw new AmanaError('UNAUTHENTICATED', 'Sign in, or send an API key as "Authorization: Bearer <key>".')
    }
    if (!request.principal.permissions.has(permission)) {
      await options.onRefused?.(request, 'FORBIDDEN')
      throw new AmanaError(
        'FORBIDDEN',
        `Your role (${request.principal.role}) does not have the "${permission}" permission. Ask an owner to grant it.`,
        { permission },
      )
    }
  }
  app.addHook('preValidation', (request, _reply, done) => {
    const permission = request.routeOptions.config?.permission
    if (permission === undefined || permission === 'public') return done()
    enforce(request, permission).then(() => done(), done)
  })
  // One labelled histogram child per (method, route, status), found by a string key: prom-client
  // would otherwise sort and hash the label object on every request.
  const durations = new Map<string, { observe(seconds: number): void }>()
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const status = String(reply.statusCode)
    const key = `${request.method} ${status} ${route}`
    let duration = durations.get(key)
    if (!duration) {
      duration = app.metrics.httpDuration.labels({ method: request.method, route, status })
      durations.set(key, duration)
    }
    duration.observe(reply.elapsedTime / 1000)
    if (reply.statusCode >= 500) app.metrics.errors.inc({ route })
    done()
  })
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })

  app.addHook(
    'onRequest',
    securityHeadersHook({
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
      strictTransportSecurity: options.publicUrl.startsWith('https://'),
      crossOriginEmbedderPolicy: false,
    }),
  )
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
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: false },
  })

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
    return errorHandler(error, request, reply)
  })
  app.setNotFoundHandler((request, reply) => errorHandler(notFound(), request, reply))
  return app
}
