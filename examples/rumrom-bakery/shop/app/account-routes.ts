import type { FastifyInstance } from 'fastify'
import { currentCustomer, type LangRequest, langOf, render, type ShopContext, text } from './context.ts'
import { type Copy, copy, type Lang, money } from './copy.ts'
import { html } from './html.ts'
import { field } from './layout.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { SESSION_COOKIE, sessionId } from './session.ts'

const LANG = '/:lang'

type Errors = Record<string, string>

/** Age in whole years on `today`. */
export const ageOn = (birthDate: string, today: Date): number => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)
  return today.getUTCFullYear() - y - (before ? 1 : 0)
}

/** The sign-up form's problems, each under its field's name. */
const signUpErrors = (t: Copy, body: unknown, today: Date): Errors => {
  const errors: Errors = {}
  for (const [name, label] of [
    ['first_name', t.signUp.firstName],
    ['last_name', t.signUp.lastName],
    ['phone', t.signUp.phone],
  ] as const)
    if (!text(body, name)) errors[name] = t.errors.required(label)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(body, 'email'))) errors.email = t.errors.email
  if (text(body, 'password').length < 10) errors.password = t.errors.password
  const birth = text(body, 'birth_date')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birth) || Number.isNaN(Date.parse(birth)))
    errors.birth_date = t.errors.birthDate
  else if (ageOn(birth, today) < 18) errors.birth_date = t.errors.minor
  return errors
}

const signUpForm = (
  t: Copy,
  lang: Lang,
  body: unknown,
  errors: Errors,
) => html`<form method="post" action="/${lang}/sign-up" novalidate>
  ${field({ name: 'first_name', label: t.signUp.firstName, value: text(body, 'first_name'), error: errors.first_name, required: true, autocomplete: 'given-name' })}
  ${field({ name: 'last_name', label: t.signUp.lastName, value: text(body, 'last_name'), error: errors.last_name, required: true, autocomplete: 'family-name' })}
  ${field({ name: 'email', label: t.signUp.email, type: 'email', value: text(body, 'email'), error: errors.email, required: true, autocomplete: 'email' })}
  ${field({ name: 'phone', label: t.signUp.phone, type: 'tel', value: text(body, 'phone'), error: errors.phone, required: true, autocomplete: 'tel' })}
  ${field({ name: 'birth_date', label: t.signUp.birthDate, type: 'date', value: text(body, 'birth_date'), error: errors.birth_date, required: true, autocomplete: 'bday' })}
  ${field({ name: 'password', label: t.signUp.password, type: 'password', error: errors.password, required: true, autocomplete: 'new-password' })}
  <button type="submit">${t.signUp.submit}</button>
  <p>${t.signUp.haveAccount} <a href="/${lang}/sign-in">${t.menu.signIn}</a></p>
</form>`

/** Sign-up (with the age question), sign-in, sign-out and the account page. */
export const accountRoutes = (ctx: ShopContext, now: () => Date) => async (app: FastifyInstance) => {
  const signIn = async (request: LangRequest, customerId: string) => {
    const sid = request.cookies[SESSION_COOKIE] as string
    await ctx.store.startSession(sid, customerId, request.ip, request.headers['user-agent'] ?? '')
  }

  app.get(`${LANG}/sign-up`, async (request: LangRequest, reply) => {
    const t = copy[langOf(request)]
    return render(ctx, request, reply, {
      title: t.signUp.title,
      path: '/sign-up',
      body: signUpForm(t, langOf(request), {}, {}),
    })
  })

  app.post(`${LANG}/sign-up`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const errors = signUpErrors(t, request.body, now())
    if (Object.keys(errors).length === 0 && (await ctx.store.customerByEmail(text(request.body, 'email'))))
      errors.email = t.errors.emailTaken
    if (Object.keys(errors).length > 0)
      return render(ctx, request, reply, {
        title: t.signUp.title,
        path: '/sign-up',
        body: signUpForm(t, lang, request.body, errors),
        status: 422,
      })
    sessionId(request, reply)
    const id = await ctx.store.createCustomer({
      first_name: text(request.body, 'first_name'),
      last_name: text(request.body, 'last_name'),
      email: text(request.body, 'email'),
      phone: text(request.body, 'phone'),
      password_hash: await hashPassword(text(request.body, 'password')),
      birth_date: text(request.body, 'birth_date'),
    })
    await signIn(request, id)
    return reply.redirect(`/${lang}/account`, 303)
  })

  const signInForm = (
    t: Copy,
    lang: Lang,
    email: string,
    wrong: boolean,
  ) => html`<form method="post" action="/${lang}/sign-in">
    ${wrong ? html`<p class="alert" role="alert">${t.signIn.wrong}</p>` : ''}
    ${field({ name: 'email', label: t.signUp.email, type: 'email', value: email, required: true, autocomplete: 'email' })}
    ${field({ name: 'password', label: t.signUp.password, type: 'password', required: true, autocomplete: 'current-password' })}
    <button type="submit">${t.signIn.submit}</button></form>`

  app.get(`${LANG}/sign-in`, async (request: LangRequest, reply) => {
    const t = copy[langOf(request)]
    return render(ctx, request, reply, {
      title: t.signIn.title,
      path: '/sign-in',
      body: signInForm(t, langOf(request), '', false),
    })
  })

  app.post(`${LANG}/sign-in`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const email = text(request.body, 'email')
    const customer = await ctx.store.customerByEmail(email)
    if (!customer || !(await verifyPassword(text(request.body, 'password'), customer.password_hash)))
      return render(ctx, request, reply, {
        title: copy[lang].signIn.title,
        path: '/sign-in',
        body: signInForm(copy[lang], lang, email, true),
        status: 401,
      })
    sessionId(request, reply)
    await signIn(request, customer.id)
    return reply.redirect(`/${lang}/account`, 303)
  })

  app.post(`${LANG}/sign-out`, async (request: LangRequest, reply) => {
    const sid = request.cookies[SESSION_COOKIE]
    if (sid) await ctx.store.endSession(sid)
    return reply.redirect(`/${langOf(request)}`, 303)
  })

  app.get(`${LANG}/account`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const customer = await currentCustomer(ctx, request)
    if (!customer) return reply.redirect(`/${lang}/sign-in`, 303)
    const body = await accountBody(ctx, lang, customer.id)
    return render(ctx, request, reply, { title: copy[lang].account.title, path: '/account', body })
  })
}

const accountBody = async (ctx: ShopContext, lang: Lang, customerId: string) => {
  const t = copy[lang]
  const [orders, designs, choices] = await Promise.all([
    ctx.store.orders(customerId),
    ctx.store.designs(customerId),
    ctx.amana.consent(`account:${customerId}`),
  ])
  const date = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-KW' : 'en-KW', { dateStyle: 'medium' })
  return html`<h2>${t.account.orders}</h2>
  ${orders.length === 0 ? html`<p>${t.account.noOrders}</p>` : html`<ul data-orders>${orders.map((o) => html`<li>#${o.id} · ${date.format(o.ordered_at)} · ${money(lang, o.total)} · ${o.status}${o.card_last4 ? ` · •••• ${o.card_last4}` : ''}</li>`)}</ul>`}
  <h2>${t.account.designs}</h2>
  <ul>${designs.map((d) => html`<li>#${d.id} · ${d.size} · ${d.flavour}${d.message_text ? ` · “${d.message_text}”` : ''}</li>`)}</ul>
  <h2>${t.account.privacy}</h2>
  <h3>${t.account.consentState}</h3>
  ${
    choices === undefined
      ? html`<p>${t.account.unavailable}</p>`
      : choices.length === 0
        ? html`<p>${t.account.consentNone}</p>`
        : html`<ul data-consent>${choices.map((c) => html`<li>${c.id}: ${c.granted ? t.account.granted : t.account.refused}</li>`)}</ul>`
  }
  <p><a href="${ctx.options.amanaUrl}/privacy?lang=${lang}">${t.account.privacyLink}</a></p>`
}
