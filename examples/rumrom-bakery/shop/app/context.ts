import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AmanaApi } from './amana.ts'
import { isLang, type Lang } from './copy.ts'
import type { Raw } from './html.ts'
import { page } from './layout.ts'
import { type Carts, SESSION_COOKIE, sessionId } from './session.ts'
import type { Customer, ShopStore } from './store.ts'

export interface ShopOptions {
  readonly databaseUrl: string
  /** The shop's file store (the manifest's uploads_store: RUMROM_UPLOADS_DIR). */
  readonly uploadsDir: string
  /** Amana as the browser reaches it (banner script, privacy centre). */
  readonly amanaUrl: string
  /** Amana as the shop's backend reaches it, and the key it uses (disclosures:write, consent:read). */
  readonly amanaApiUrl?: string
  /** The key, or where to read it when it is needed (a file Amana writes in demo mode). */
  readonly amanaApiKey: string | { readonly file: string }
  /** The sandbox (payments + courier): the browser goes to its payment page; the shop calls its API. */
  readonly sandboxUrl: string
  /** Where the shop itself is reached, for the payment page to send the customer back. */
  readonly publicUrl: string
}

export interface ShopContext {
  readonly options: ShopOptions
  readonly store: ShopStore
  readonly carts: Carts
  readonly amana: AmanaApi
}

export type LangRequest = FastifyRequest<{ Params: { lang: string } }>

export const langOf = (request: LangRequest): Lang =>
  isLang(request.params.lang) ? request.params.lang : 'en'

export const currentCustomer = async (
  ctx: ShopContext,
  request: FastifyRequest,
): Promise<Customer | undefined> => {
  const id = request.cookies[SESSION_COOKIE]
  return id ? ctx.store.customerBySession(id) : undefined
}

/** Renders a page with the visitor's sign-in state and basket count. */
export const render = async (
  ctx: ShopContext,
  request: LangRequest,
  reply: FastifyReply,
  o: { title: string; path: string; body: Raw; status?: number },
) => {
  const lang = langOf(request)
  const sid = sessionId(request, reply)
  const customer = await currentCustomer(ctx, request)
  const cartCount = ctx.carts.get(sid).reduce((n, l) => n + l.quantity, 0)
  return reply
    .code(o.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(
      page({
        lang,
        title: o.title,
        path: o.path,
        amanaUrl: ctx.options.amanaUrl,
        signedIn: !!customer,
        cartCount,
        body: o.body,
      }),
    )
}

/** A form field's trimmed text, or '' when absent. */
export const text = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.trim() : ''
}
