import { type AdminFrame, type AdminSection, type Locale, negotiateLocale } from '@amana/web'
import type { FastifyRequest } from 'fastify'
import type { Permission, Principal } from '../platform/http/index.ts'

/**
 * The permission each console page's route declares, in menu order: a member sees a link only if
 * the page opens for them. A feature adding a console page adds its section to @amana/web's
 * `adminSections` and its permission here.
 */
export const consoleSections: readonly (readonly [AdminSection, Permission])[] = [
  ['home', 'admin:console'],
  ['requests', 'requests:read'],
  ['consent', 'admin:console'],
  ['incidents', 'incidents:read'],
  ['complaints', 'complaints:read'],
  ['retention', 'retention:read'],
  ['policy', 'manifest:read'],
  ['manifest', 'manifest:read'],
  ['processors', 'manifest:read'],
  ['transfers', 'manifest:read'],
  ['staff', 'staff:manage'],
  ['apiKeys', 'api-keys:manage'],
  ['audit', 'audit:read'],
  ['mailbox', 'admin:console'],
  ['account', 'session:self'],
]

/** Builds a console page's frame (language, shop name, CSRF token, menu) from a signed-in request. */
export type ConsoleFrameOf = (request: FastifyRequest) => AdminFrame

export const localeOfRequest = (request: FastifyRequest): Locale =>
  negotiateLocale(
    (request.query as { lang?: string } | undefined)?.lang,
    request.headers['accept-language'] as string | undefined,
  )

export const createConsoleFrame =
  (options: {
    readonly shopName: { readonly en: string; readonly ar: string }
    /** The demo mailbox page is registered. */
    readonly mailbox?: boolean
  }): ConsoleFrameOf =>
  (request) => {
    const principal = request.principal as Principal | undefined
    const locale = localeOfRequest(request)
    return {
      locale,
      shopName: options.shopName[locale],
      csrfToken: principal?.csrfToken ?? '',
      sections: consoleSections
        .filter(
          ([s, p]) => principal?.permissions.has(p) === true && (s !== 'mailbox' || options.mailbox === true),
        )
        .map(([s]) => s),
    }
  }
