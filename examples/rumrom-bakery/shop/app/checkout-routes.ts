import type { FastifyInstance } from 'fastify'
import { cartLines } from './catalogue-routes.ts'
import { currentCustomer, type LangRequest, langOf, render, type ShopContext, text } from './context.ts'
import { type Copy, copy, type Lang, money } from './copy.ts'
import { html } from './html.ts'
import { field } from './layout.ts'
import { sessionId } from './session.ts'
import type { AddressInput, Customer } from './store.ts'

const slots = ['10:00-12:00', '14:00-16:00', '18:00-20:00'] as const
const required = ['area', 'block', 'street', 'building'] as const
const optional = ['floor', 'apartment', 'directions'] as const

const addressForm = (
  t: Copy,
  lang: Lang,
  values: Partial<Record<string, string | null>>,
  errors: Record<string, string>,
) => html`<form method="post" action="/${lang}/checkout" novalidate>
  <fieldset><legend>${t.checkout.address}</legend>
  ${[...required, ...optional].map((name) =>
    field({
      name,
      label: t.checkout[name],
      value: values[name] ?? '',
      error: errors[name],
      required: (required as readonly string[]).includes(name),
    }),
  )}</fieldset>
  <p class="field"><label for="f-slot">${t.checkout.slot}</label><select id="f-slot" name="slot">${slots.map((s) => html`<option>${s}</option>`)}</select></p>
  <p>${t.checkout.cardNote}</p>
  <button type="submit">${t.checkout.pay}</button></form>`

/** Checkout: the address, then the payment processor's own page, then the hand-over to the courier. */
export const checkoutRoutes = (ctx: ShopContext) => async (app: FastifyInstance) => {
  app.get('/:lang/checkout', async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const customer = await currentCustomer(ctx, request)
    const body =
      customer?.status === 'awaiting-parent'
        ? html`<p role="alert">${t.errors.waitingParent}</p>`
        : customer
          ? addressForm(t, lang, { ...(await ctx.store.latestAddress(customer.id)) }, {})
          : html`<p>${t.checkout.signInFirst} <a href="/${lang}/sign-in">${t.menu.signIn}</a> · <a href="/${lang}/sign-up">${t.menu.signUp}</a></p>`
    return render(ctx, request, reply, { title: t.checkout.title, path: '/checkout', body })
  })

  app.post('/:lang/checkout', async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const customer = await currentCustomer(ctx, request)
    const sid = sessionId(request, reply)
    const lines = await cartLines(ctx, sid)
    if (!customer || lines.length === 0) return reply.redirect(`/${lang}/cart`, 303)
    // An under-18's account orders nothing until a parent has agreed.
    if (customer.status !== 'active')
      return render(ctx, request, reply, {
        title: t.checkout.title,
        path: '/checkout',
        body: html`<p role="alert">${t.errors.waitingParent}</p>`,
        status: 403,
      })
    const errors: Record<string, string> = {}
    for (const name of required)
      if (!text(request.body, name)) errors[name] = t.errors.required(t.checkout[name])
    const address = Object.fromEntries(
      [...required, ...optional].map((n) => [
        n,
        text(request.body, n).slice(0, n === 'directions' ? 500 : 60) || null,
      ]),
    ) as unknown as AddressInput
    if (Object.keys(errors).length > 0)
      return render(ctx, request, reply, {
        title: t.checkout.title,
        path: '/checkout',
        body: addressForm(t, lang, address as never, errors),
        status: 422,
      })
    await ctx.store.addAddress(customer.id, address)
    const total = lines.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0).toFixed(3)
    const slot = slots.find((s) => s === text(request.body, 'slot')) ?? slots[0]
    const orderId = await ctx.store.placeOrder(
      customer.id,
      total,
      slot,
      lines.map((l) => ({
        productId: l.productId,
        designId: l.designId,
        quantity: l.quantity,
        unitPrice: l.price,
      })),
    )
    ctx.carts.clear(sid)
    const pay = new URL('/pay', ctx.options.sandboxUrl)
    pay.search = new URLSearchParams({
      reference: `order:${orderId}`,
      amount: total,
      lang,
      return: `${ctx.options.publicUrl}/${lang}/orders/${orderId}/paid`,
    }).toString()
    return reply.redirect(pay.toString(), 303)
  })

  app.get<{ Params: { lang: string; id: string }; Querystring: { token?: string } }>(
    '/:lang/orders/:id/paid',
    async (request, reply) => {
      const lang = langOf(request)
      const customer = await currentCustomer(ctx, request)
      if (!customer) return reply.redirect(`/${lang}/sign-in`, 303)
      const body = await completeOrder(
        ctx,
        lang,
        customer,
        request.params.id,
        String(request.query.token ?? ''),
      )
      return render(ctx, request, reply, { title: copy[lang].checkout.title, path: '/account', body })
    },
  )
}

/** A released field's name as the customer knows it. */
const fieldLabel = (t: Copy, name: string): string => {
  if (name === 'first_name') return t.signUp.firstName
  if (name === 'phone') return t.signUp.phone
  return name in t.checkout ? String(t.checkout[name as keyof Copy['checkout']]) : name
}

/** Confirms the payment with the processor, then hands the order to the courier through Amana's disclosure check. */
const completeOrder = async (
  ctx: ShopContext,
  lang: Lang,
  customer: Customer,
  orderId: string,
  token: string,
) => {
  const t = copy[lang]
  const order = await ctx.store.order(orderId, customer.id)
  if (!order) return html`<p class="alert" role="alert">${t.errors.payment}.</p>`
  if (order.status === 'awaiting-payment') {
    const charge = await fetch(`${ctx.options.sandboxUrl}/v1/charges/${encodeURIComponent(token)}`)
    const paid = charge.ok
      ? ((await charge.json()) as { reference: string; amount: string; last4: string })
      : undefined
    if (!paid || paid.reference !== `order:${orderId}` || paid.amount !== Number(order.total).toFixed(3))
      return html`<p class="alert" role="alert">${t.errors.payment}.</p>`
    await ctx.store.markPaid(orderId, token, paid.last4)
  }
  const address = await ctx.store.latestAddress(customer.id)
  const handedOver = await ctx.amana.disclose({
    processor: 'couriers',
    purpose: 'orders',
    subject: `customer:${customer.id}`,
    reference: `order:${orderId}`,
    fields: { first_name: customer.first_name, phone: customer.phone, ...address },
  })
  if (!handedOver.ok)
    return html`<p class="alert" role="alert">${t.errors.courier}: ${handedOver.message}</p>`
  await fetch(`${ctx.options.sandboxUrl}/courier/deliveries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference: `order:${orderId}`, fields: handedOver.released }),
  })
  await ctx.store.markStatus(orderId, 'with-courier')
  return html`<p class="notice" role="status">${t.checkout.placed} #${orderId} · ${money(lang, order.total)}</p>
  <h2>${t.checkout.courierGot}</h2>
  <dl data-courier>${Object.entries(handedOver.released)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => html`<dt>${fieldLabel(t, k)}</dt><dd>${String(v)}</dd>`)}</dl>`
}
