import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import helmet, { type HelmetOptions } from 'helmet'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Which security headers the route sends: 'page' (helmet's set, for HTML), 'api' (the short JSON
     * API set), or false (none: machine endpoints such as /healthz). Default: 'api' under /v1/,
     * 'page' elsewhere.
     */
    securityHeaders?: false | 'page' | 'api'
  }
}

/**
 * The headers helmet sets with these options, computed once by running helmet's documented
 * middleware `(req, res, next)` on a real, unsent Node response and reading its headers. Helmet's
 * values depend only on its options (no nonces here), and `@fastify/helmet` rebuilds the whole
 * middleware, CSP parsing included, on every request; computing them at start keeps helmet's
 * vetted defaults without that per-request cost.
 */
export const securityHeadersFor = (options: HelmetOptions): Readonly<Record<string, string>> => {
  const request = new IncomingMessage(new Socket())
  const response = new ServerResponse(request)
  helmet(options)(request, response, (error?: unknown) => {
    if (error) throw error
  })
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.getHeaders()))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
  return Object.freeze(headers)
}

/**
 * JSON API responses get the set OWASP's REST Security Cheat Sheet recommends for every API response
 * (Cache-Control, CSP frame-ancestors, nosniff, X-Frame-Options, HSTS behind https): nothing in them
 * renders in a browser, so CSP forbids everything, framing is denied and nothing is cached. The
 * headers it lists as mainly for HTML (Referrer-Policy among them) stay on pages.
 */
export const apiSecurityHeaders = (hsts: boolean): Readonly<Record<string, string>> =>
  Object.freeze({
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    ...(hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  })

/**
 * The security headers of a route, chosen once when it is registered: the API set on routes under
 * `apiPrefix`, helmet's page set elsewhere, none on routes that opt out (`securityHeaders: false`).
 * A header the route sets itself wins (the shell's are set first, in the route's first hook).
 */
export const securityHeaderSets = (options: HelmetOptions, apiPrefix = '/v1/') => {
  const page = Object.entries(securityHeadersFor(options))
  const api = Object.entries(apiSecurityHeaders(options.strictTransportSecurity !== false))
  return {
    page,
    forRoute: (url: string, choice: false | 'page' | 'api' | undefined): readonly [string, string][] => {
      const kind = choice ?? (url.startsWith(apiPrefix) ? 'api' : 'page')
      return kind === false ? [] : kind === 'api' ? api : page
    },
  }
}
