import { readFile } from 'node:fs/promises'
import { assetFiles, type Locale, negotiateLocale, renderErrorPage, renderPrivacyHome } from '@amana/web'
import { z } from 'zod'
import type { AmanaServer } from '../platform/http/index.ts'
import type { ShopProfile, SitePorts } from './ports.ts'

const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() }).loose()

const contactLinks = (shop: ShopProfile) =>
  shop.contacts.map((c) => {
    const href =
      c.kind === 'email'
        ? `mailto:${c.value}`
        : c.kind === 'phone'
          ? `tel:${c.value.replace(/\s/g, '')}`
          : c.kind === 'whatsapp'
            ? `https://wa.me/${c.value.replace(/\D/g, '')}`
            : c.value
    return { kind: c.kind, href, text: c.value }
  })

const contactLabel: Record<Locale, Record<string, string>> = {
  en: { email: 'Email', phone: 'Phone', whatsapp: 'WhatsApp', web: 'Online form', postal: 'Post' },
  ar: {
    email: 'البريد الإلكتروني',
    phone: 'الهاتف',
    whatsapp: 'واتساب',
    web: 'النموذج الإلكتروني',
    postal: 'البريد',
  },
}

/** The friendly 404/500 page for browsers, in the reader's language (?lang=, else Accept-Language). */
export const errorPageFor =
  (ctx: SitePorts) =>
  (view: {
    status: 404 | 500
    request: { id: string; url: string; query: unknown; headers: Record<string, unknown> }
  }): string => {
    const lang = negotiateLocale(
      (view.request.query as { lang?: string } | undefined)?.lang,
      view.request.headers['accept-language'] as string | undefined,
    )
    return renderErrorPage({
      locale: lang,
      shopName: ctx.shop.name[lang],
      status: view.status,
      requestId: view.request.id,
      path: view.request.url.split('?')[0] ?? '/',
    })
  }

/** Public privacy-centre pages, the admin console shell, and their static assets. */
export const siteRoutes = (ctx: SitePorts) => async (app: AmanaServer) => {
  const locale = (request: { query: unknown; headers: Record<string, unknown> }): Locale =>
    negotiateLocale(
      (request.query as { lang?: string } | undefined)?.lang,
      request.headers['accept-language'] as string | undefined,
    )
  const html = { schema: { hide: true, querystring: LangQuery }, config: { permission: 'public' as const } }

  app.get('/', { schema: { hide: true }, config: { permission: 'public' } }, async (_request, reply) =>
    reply.redirect('/privacy'),
  )

  app.get('/privacy', html, async (request, reply) => {
    const lang = locale(request)
    const contacts = contactLinks(ctx.shop).map((c) => ({
      label: contactLabel[lang][c.kind] ?? c.kind,
      href: c.href,
      text: c.text,
    }))
    return reply
      .type('text/html; charset=utf-8')
      .header('content-language', lang)
      .send(renderPrivacyHome({ locale: lang, shopName: ctx.shop.name[lang], contacts }))
  })

  // The console's front door: its home page, which sends a visitor who is not signed in to sign in.
  app.get('/admin', html, async (request, reply) => reply.redirect(`/admin/home?lang=${locale(request)}`))

  for (const [name, file] of Object.entries(assetFiles)) {
    app.get(
      `/assets/${name}`,
      { schema: { hide: true }, config: { permission: 'public' } },
      async (_request, reply) =>
        reply
          .type(file.type)
          .header('cache-control', 'public, max-age=86400')
          .send(await readFile(file.path)),
    )
  }
}
