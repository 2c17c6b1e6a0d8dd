import type { FastifyRequest, onRequestHookHandler, preValidationHookHandler, RouteOptions } from 'fastify'
import type { HelmetOptions } from 'helmet'
import { AmanaError } from '../errors/index.ts'
import type { AmanaServer, ServerOptions } from './create-server.ts'
import type { DurationSeries } from './metrics.ts'
import type { Permission } from './permissions.ts'
import type { Principal } from './principal.ts'
import { securityHeaderSets } from './security-headers.ts'
import { unstorableTextAt } from './unstorable-text.ts'

/** Records one response's duration under its route (see durationObservers). */
export type RecordDuration = (method: string, statusCode: number, seconds: number) => void

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

type Done = (error?: Error) => void

/**
 * Enforces the permission every route declared, before the input is validated (a stranger learns
 * nothing about a route's schema). Public routes skip identity entirely.
 */
const permissionGate = (options: ServerOptions) => {
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
  const enforce = (request: FastifyRequest, permission: Permission, done: Done) => {
    const principal = options.authenticate?.(request)
    if (principal instanceof Promise) principal.then((p) => admit(request, p, permission, done), done)
    else admit(request, principal, permission, done)
  }
  const admit = (
    request: FastifyRequest,
    principal: Principal | undefined,
    permission: Permission,
    done: Done,
  ) => {
    request.principal = principal
    if (principal?.permissions.has(permission)) return done()
    refuse(request, permission).catch(done)
  }
  return enforce
}

/** One histogram series per (method, route, status), resolved once (prom-client's labels()) and kept per route. */
const durationObservers = (app: AmanaServer) => {
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
  return observerFor
}

/** The shell's per-route hooks (see withShellHooks), the 404's duration series and the page headers. */
export const createShellHooks = (app: AmanaServer, options: ServerOptions) => {
  const enforce = permissionGate(options)
  const observerFor = durationObservers(app)
  const shellHooked = new WeakSet<object>()
  const quietLevels = new Set(['warn', 'error', 'fatal', 'silent'])
  const headerSets = securityHeaderSets(helmetOptions(options.publicUrl.startsWith('https://')))
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
  return {
    withShellHooks,
    /** Fastify adds HEAD twins of GET routes with the GET's options: hooks already added stay once. */
    hooked: (route: RouteOptions) => Array.isArray(route.onRequest) && shellHooked.has(route.onRequest),
    observeUnmatched: observerFor('unmatched'),
    pageHeaders: headerSets.page,
  }
}
