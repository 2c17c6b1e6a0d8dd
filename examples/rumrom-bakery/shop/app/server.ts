import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyMultipart from '@fastify/multipart'
import Fastify, { type FastifyInstance } from 'fastify'
import { accountRoutes } from './account-routes.ts'
import { createAmanaApi } from './amana.ts'
import { catalogueRoutes } from './catalogue-routes.ts'
import { checkoutRoutes } from './checkout-routes.ts'
import type { ShopContext, ShopOptions } from './context.ts'
import { copy, isLang } from './copy.ts'
import { designRoutes, MAX_IMAGE_BYTES } from './design-routes.ts'
import { createCarts } from './session.ts'
import { createShopStore } from './store.ts'

export type { ShopOptions }

const staticFiles: Record<string, string> = {
  'shop.css': 'text/css; charset=utf-8',
  'marketing.js': 'text/javascript; charset=utf-8',
  'analytics.js': 'text/javascript; charset=utf-8',
}

/** The API key as given, or read from its file on each call until it is there. */
const keyReader = (key: ShopOptions['amanaApiKey']): (() => string | undefined) => {
  if (typeof key === 'string') return () => key
  let found: string | undefined
  return () => {
    if (found) return found
    try {
      found = readFileSync(key.file, 'utf8').trim() || undefined
    } catch {
      // Not written yet.
    }
    return found
  }
}

/**
 * The RUMROM shop: server-rendered pages in English and Arabic over the shop's own database. It
 * never sees a card number (the payment processor's page takes it) and hands orders to the courier
 * only through Amana's disclosure check.
 */
export const createShopApp = async (options: ShopOptions, now: () => Date = () => new Date()) => {
  const ctx: ShopContext = {
    options,
    store: createShopStore(options.databaseUrl),
    carts: createCarts(),
    amana: createAmanaApi({
      url: options.amanaApiUrl ?? options.amanaUrl,
      apiKey: keyReader(options.amanaApiKey),
    }),
  }
  // Room for one 5 MB image and the form around it; a bigger upload is answered by the page below.
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: MAX_IMAGE_BYTES + 1024 * 1024 })
  await app.register(fastifyCookie)
  await app.register(fastifyFormbody)
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 20 } })
  app.addHook('preHandler', async (request, reply) => {
    const lang = (request.params as { lang?: string } | undefined)?.lang
    if (lang !== undefined && !isLang(lang)) return reply.code(404).type('text/plain').send('Not found')
  })
  app.get('/static/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file
    const type = staticFiles[file]
    if (!type) return reply.code(404).send('Not found')
    return reply.type(type).send(await readFile(join(import.meta.dirname, 'static', file)))
  })
  // Set before the routes are registered, so every route plugin inherits it.
  app.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
    const lang = (request.params as { lang?: string } | undefined)?.lang === 'ar' ? 'ar' : 'en'
    const status = error.statusCode === 413 ? 413 : (error.statusCode ?? 500) < 500 ? 400 : 500
    const message = status === 413 ? copy[lang].errors.imageSize : copy[lang].errors.generic
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><meta charset="utf-8"><title>RUMROM</title><p role="alert">${message}</p><p><a href="/${lang}">RUMROM</a></p></html>`,
      )
  })
  await app.register(catalogueRoutes(ctx))
  await app.register(accountRoutes(ctx, now))
  await app.register(designRoutes(ctx))
  await app.register(checkoutRoutes(ctx))
  app.addHook('onClose', async () => ctx.store.close())
  return app
}
