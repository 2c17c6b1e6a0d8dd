import { type AdminFrame, type Locale, negotiateLocale, renderAdminMailbox } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../platform/http/index.ts'
import { languageOf, listMailbox, type MailboxMessage, readMessage } from './mailbox.ts'

const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() }).loose()
const IdParams = z.object({ id: z.string().max(64) })

export interface MailboxRoutesOptions {
  /** The demo mailbox directory (config.mail.mailboxDir). */
  readonly dir: string
  readonly shopName: Readonly<Record<Locale, string>>
  /** The console's shell (menu, CSRF token); the staff feature provides it. */
  readonly consoleFrame?: (request: FastifyRequest) => AdminFrame
}

const entryOf = (m: MailboxMessage) => ({
  id: m.id,
  date: new Date(m.date),
  to: m.to,
  subject: m.subject,
  lang: languageOf(m),
  text: m.text,
})

/** `/admin/mailbox`: the demo mailbox, for staff (admin:console). Registered only in demo mode. */
export const mailboxRoutes = (options: MailboxRoutesOptions) => async (app: AmanaServer) => {
  const send = (reply: FastifyReply, locale: Locale, status: number, page: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-language', locale)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(page)

  const frameOf = (request: FastifyRequest, locale: Locale): AdminFrame =>
    options.consoleFrame?.(request) ?? {
      locale,
      shopName: options.shopName[locale],
      csrfToken: '',
      sections: [],
    }

  app.get(
    '/admin/mailbox',
    { schema: { hide: true, querystring: LangQuery }, config: { permission: 'admin:console' } },
    async (request, reply) => {
      const locale = negotiateLocale(request.query.lang, request.headers['accept-language'])
      const messages = (await listMailbox(options.dir)).map(entryOf)
      return send(reply, locale, 200, renderAdminMailbox({ ...frameOf(request, locale), messages }))
    },
  )

  app.get(
    '/admin/mailbox/:id',
    {
      schema: { hide: true, params: IdParams, querystring: LangQuery },
      config: { permission: 'admin:console' },
    },
    async (request, reply) => {
      const locale = negotiateLocale(request.query.lang, request.headers['accept-language'])
      const [messages, open] = await Promise.all([
        listMailbox(options.dir),
        readMessage(options.dir, request.params.id),
      ])
      return send(
        reply,
        locale,
        open ? 200 : 404,
        renderAdminMailbox({
          ...frameOf(request, locale),
          messages: messages.map(entryOf),
          open: open ? entryOf(open) : undefined,
          notFound: !open,
        }),
      )
    },
  )
}
