import { type Locale, negotiateLocale, renderPreferenceLinkPage } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaDatabase } from '../platform/db/index.ts'
import { type AmanaServer, rateLimitCounter } from '../platform/http/index.ts'
import type { SitePorts } from './ports.ts'

/** Sends the person a signed link to their preference page, in their language (the consent feature signs it). */
export interface PreferenceLinkPort {
  send(input: { readonly email: string; readonly locale: Locale }): Promise<void>
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const HOUR = 3_600_000
/** Links to one address per hour: the page answers the same beyond it, but nothing more is sent. */
const PER_ADDRESS = 3

/** What the route uses: the shop's name, the database its per-address counter lives in, the secret hashing the address. */
export type PreferenceLinkRoutePorts = SitePorts & {
  readonly database: Pick<AmanaDatabase, 'db'>
  readonly config: { readonly secrets: { readonly sessionSecret: string } }
}

/**
 * /privacy/preferences/link: the privacy centre's "Communication and cookie preferences" for someone
 * without an email from the shop. The answer is the same whether or not the address is known, so
 * the page tells nobody who is a customer; the link proves the person reads that inbox.
 */
export const preferenceLinkRoutes =
  (ctx: PreferenceLinkRoutePorts, port: PreferenceLinkPort) => async (app: AmanaServer) => {
    // Counted in the database's rate_limit table, so every process shares one address's budget.
    const count = rateLimitCounter(ctx.database.db, ctx.config.secrets.sessionSecret)
    const underLimit = async (email: string): Promise<boolean> =>
      (await count('preference-link', email, HOUR)).current <= PER_ADDRESS
    const localeOf = (request: FastifyRequest): Locale =>
      negotiateLocale((request.query as { lang?: string }).lang, request.headers['accept-language'])
    const page = (reply: FastifyReply, locale: Locale, state: 'ask' | 'sent' | 'invalid', status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('content-language', locale)
        .header('cache-control', 'no-store')
        .send(renderPreferenceLinkPage({ locale, shopName: ctx.shop.name[locale], state }))
    const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() })

    app.get(
      '/privacy/preferences/link',
      { schema: { hide: true, querystring: LangQuery }, config: { permission: 'public' } },
      async (request, reply) => page(reply, localeOf(request), 'ask'),
    )
    app.post(
      '/privacy/preferences/link',
      {
        schema: {
          hide: true,
          querystring: LangQuery,
          body: z.object({ email: z.string().max(254).optional() }).loose(),
        },
        config: { permission: 'public', rateLimit: { max: 10, timeWindow: HOUR } },
      },
      async (request, reply) => {
        const locale = localeOf(request)
        const email = (request.body.email ?? '').trim().toLowerCase()
        if (!EMAIL.test(email)) return page(reply, locale, 'invalid', 400)
        if (await underLimit(email)) await port.send({ email, locale })
        return page(reply, locale, 'sent')
      },
    )
  }
