import type { FastifyInstance } from 'fastify'
import { type LangRequest, langOf, render, type ShopContext, text } from './context.ts'
import { copy, money, optionLabel } from './copy.ts'
import { html } from './html.ts'
import { sessionId } from './session.ts'

const LANG = '/:lang'

/** The catalogue and the basket. */
export const catalogueRoutes = (ctx: ShopContext) => async (app: FastifyInstance) => {
  app.get('/', async (_request, reply) => reply.redirect('/en'))

  app.get(LANG, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const products = (await ctx.store.products()).filter((p) => p.kind !== 'custom-cake')
    const body = html`<ul class="products">${products.map(
      (p) => html`<li>
        <h2>${lang === 'ar' ? p.name_ar : p.name_en}</h2>
        <p class="price">${money(lang, p.price)}</p>
        <form method="post" action="/${lang}/cart"><input type="hidden" name="product" value="${p.id}">
        <button type="submit">${t.addToCart}</button></form>
      </li>`,
    )}</ul>
    <p><a href="/${lang}/design">${t.menu.design}</a></p>`
    return render(ctx, request, reply, { title: t.menu.catalogue, path: '', body })
  })

  app.post(`${LANG}/cart`, async (request: LangRequest, reply) => {
    const product = await ctx.store.product(text(request.body, 'product'))
    if (product && product.kind !== 'custom-cake')
      ctx.carts.add(sessionId(request, reply), { productId: product.id, designId: null, quantity: 1 })
    return reply.redirect(`/${langOf(request)}/cart`, 303)
  })

  app.post(`${LANG}/cart/remove`, async (request: LangRequest, reply) => {
    ctx.carts.remove(sessionId(request, reply), Number(text(request.body, 'line')))
    return reply.redirect(`/${langOf(request)}/cart`, 303)
  })

  app.get(`${LANG}/cart`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const lines = await cartLines(ctx, sessionId(request, reply))
    const total = lines.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0)
    const body =
      lines.length === 0
        ? html`<p>${t.cart.empty}</p>`
        : html`<ul class="products">${lines.map(
            (l, i) => html`<li><h2>${lang === 'ar' ? l.name_ar : l.name_en}</h2>
            ${l.design ? html`<p>${optionLabel(lang, l.design)}</p>` : ''}
            <p>${t.cart.quantity}: ${l.quantity} · ${money(lang, l.price)}</p>
            <form method="post" action="/${lang}/cart/remove"><input type="hidden" name="line" value="${i}">
            <button type="submit" class="link">${t.cart.remove}</button></form></li>`,
          )}</ul>
          <p><strong>${t.cart.total}: <span data-total>${money(lang, total)}</span></strong></p>
          <p><a href="/${lang}/checkout">${t.cart.checkout}</a></p>`
    return render(ctx, request, reply, { title: t.cart.title, path: '/cart', body })
  })
}

/** The basket with each product's names and price. */
export const cartLines = async (ctx: ShopContext, sid: string) => {
  const lines = []
  for (const line of ctx.carts.get(sid)) {
    const product = await ctx.store.product(line.productId)
    if (product) lines.push({ ...product, ...line, design: line.designId ? `#${line.designId}` : undefined })
  }
  return lines
}
