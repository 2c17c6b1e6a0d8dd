import { renderUnsubscribe } from '@amana/web'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { type ConsentRouteKit, json, localeOf, sendPage } from './kit.ts'
import { LangQuery } from './schemas.ts'

const TokenParams = z.object({ token: z.string().min(1).max(128) })

/** One-click unsubscribe (RFC 8058): a mail client's POST needs no cookie or confirmation; a browser gets a page. */
export const unsubscribeRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx } = kit
  app.post(
    '/v1/unsubscribe/:token',
    {
      schema: {
        params: TokenParams,
        querystring: LangQuery,
        tags: ['consent'],
        summary: 'One-click unsubscribe (RFC 8058): no cookie, no confirmation',
      },
      // A mail client POSTs with no Accept; a person's browser gets a page, which needs the page headers.
      config: { ...json, securityHeaders: 'page' },
    },
    async (request, reply) => {
      const outcome = await consent.unsubscribe(request.params.token, ctx.now())
      const lang = localeOf(request)
      const wantsHtml = request.headers.accept?.includes('text/html') === true
      const page = (state: 'unknown' | 'done') =>
        renderUnsubscribe({ locale: lang, shopName: kit.shopName(lang), token: request.params.token, state })
      if (outcome === 'unknown-token') {
        if (wantsHtml) return sendPage(reply, lang, 404, page('unknown'))
        throw new AmanaError('NOT_FOUND', 'This unsubscribe link is not valid.')
      }
      if (wantsHtml) return sendPage(reply, lang, 200, page('done'))
      return { status: 'unsubscribed' }
    },
  )
  app.get(
    '/v1/unsubscribe/:token',
    {
      schema: { hide: true, params: TokenParams, querystring: LangQuery },
      config: { ...json, securityHeaders: 'page' },
    },
    async (request, reply) => {
      const lang = localeOf(request)
      return sendPage(
        reply,
        lang,
        200,
        renderUnsubscribe({
          locale: lang,
          shopName: kit.shopName(lang),
          token: request.params.token,
          state: 'ask',
        }),
      )
    },
  )
}
