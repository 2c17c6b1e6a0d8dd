import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { currentCustomer, type LangRequest, langOf, render, type ShopContext, text } from './context.ts'
import { type Copy, copy, type Lang, money } from './copy.ts'
import { html } from './html.ts'
import { field } from './layout.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { SESSION_COOKIE, sessionId } from './session.ts'
import type { Customer } from './store.ts'

const LANG = '/:lang'

type Errors = Record<string, string>

/** Age in whole years on `today`. */
export const ageOn = (birthDate: string, today: Date): number => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)
  return today.getUTCFullYear() - y - (before ? 1 : 0)
}

/** The manifest's minimum age (children.minimumAge in amana.yaml): younger customers need a parent's consent. */
export const MINIMUM_AGE = 18

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** The sign-up form's problems, each under its field's name. */
const signUpErrors = (t: Copy, body: unknown, today: Date): Errors => {
  const errors: Errors = {}
  for (const [name, label] of [
    ['first_name', t.signUp.firstName],
    ['last_name', t.signUp.lastName],
    ['phone', t.signUp.phone],
  ] as const)
    if (!text(body, name)) errors[name] = t.errors.required(label)
  if (!EMAIL.test(text(body, 'email'))) errors.email = t.errors.email
  if (text(body, 'password').length < 10) errors.password = t.errors.password
  const birth = text(body, 'birth_date')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birth) || Number.isNaN(Date.parse(birth)))
    errors.birth_date = t.errors.birthDate
  else if (ageOn(birth, today) < MINIMUM_AGE) {
    const parent = text(body, 'parent_email')
    if (!EMAIL.test(parent)) errors.parent_email = t.errors.minor
    else if (parent.toLowerCase() === text(body, 'email').toLowerCase())
      errors.parent_email = t.errors.parentSame
  }
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
  ${field({ name: 'parent_email', label: t.signUp.parentEmail, type: 'email', value: text(body, 'parent_email'), error: errors.parent_email, required: false, autocomplete: 'off' })}
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
    const minor = ageOn(text(request.body, 'birth_date'), now()) < MINIMUM_AGE
    const id = await ctx.store.createCustomer({
      first_name: text(request.body, 'first_name'),
      last_name: text(request.body, 'last_name'),
      email: text(request.body, 'email'),
      phone: text(request.body, 'phone'),
      password_hash: await hashPassword(text(request.body, 'password')),
      birth_date: text(request.body, 'birth_date'),
      status: minor ? 'awaiting-parent' : 'active',
    })
    if (minor) {
      // The parent's link carries a random token; the shop keeps its hash, Amana sends the mail.
      const token = randomBytes(24).toString('base64url')
      const parentEmail = text(request.body, 'parent_email')
      await ctx.store.askParent(id, parentEmail, sha256(token))
      const asked = await ctx.amana.askParent({
        subject: `account:${id}`,
        parentEmail,
        childName: text(request.body, 'first_name'),
        locale: lang,
        approveUrl: `${ctx.options.publicUrl}/${lang}/parent/${token}`,
      })
      if (!asked.ok) request.log.warn({ reason: asked.message }, 'the parent could not be asked')
    }
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

  // The parent's link: a page that asks, and a button that agrees (a link scanner's GET changes nothing).
  app.get<{ Params: { lang: string; token: string } }>(`${LANG}/parent/:token`, async (request, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const pending = await ctx.store.parentRequest(sha256(request.params.token))
    const body = pending
      ? html`<p>${t.parent.ask(pending.first_name)}</p>
        <form method="post" action="/${lang}/parent/${request.params.token}"><button type="submit">${t.parent.agree}</button></form>`
      : html`<p role="alert">${t.parent.unknown}</p>`
    return render(ctx, request, reply, {
      title: t.parent.title,
      path: '/',
      body,
      status: pending ? 200 : 404,
    })
  })

  app.post<{ Params: { lang: string; token: string } }>(`${LANG}/parent/:token`, async (request, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const hash = sha256(request.params.token)
    const pending = await ctx.store.parentRequest(hash)
    if (!pending)
      return render(ctx, request, reply, {
        title: t.parent.title,
        path: '/',
        body: html`<p role="alert">${t.parent.unknown}</p>`,
        status: 404,
      })
    // Recorded in Amana first, as a parent's consent for the child's account: only then does it open.
    const recorded = await ctx.amana.record({
      subject: `account:${pending.customer_id}`,
      method: 'parent',
      locale: lang,
      source: `${ctx.options.publicUrl}/${lang}/parent`,
      choices: [
        { purpose: 'account', granted: true },
        { purpose: 'orders', granted: true },
      ],
    })
    if (!recorded.ok)
      return render(ctx, request, reply, {
        title: t.parent.title,
        path: '/',
        body: html`<p role="alert">${t.errors.amana}</p>`,
        status: 503,
      })
    await ctx.store.approveParent(hash)
    return render(ctx, request, reply, {
      title: t.parent.title,
      path: '/',
      body: html`<p role="status">${t.parent.done(pending.first_name)}</p>`,
    })
  })

  // The newsletter: consent recorded in Amana first, then the welcome issue sent through Amana.
  app.post(`${LANG}/newsletter`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const customer = await currentCustomer(ctx, request)
    if (!customer) return reply.redirect(`/${lang}/sign-in`, 303)
    if (customer.status !== 'active')
      return render(ctx, request, reply, {
        title: t.account.title,
        path: '/account',
        body: html`<p role="alert">${t.errors.waitingParent}</p>`,
        status: 403,
      })
    const subject = `account:${customer.id}`
    const recorded = await ctx.amana.record({
      subject,
      method: 'account-settings',
      locale: lang,
      source: `${ctx.options.publicUrl}/${lang}/account`,
      choices: [{ purpose: 'marketing', channel: 'email', granted: true }],
    })
    const sent = recorded.ok
      ? await ctx.amana.marketingMail({
          subject,
          to: customer.email,
          purpose: 'marketing',
          subjectLine: t.newsletter.subject,
          text: t.newsletter.body(customer.first_name),
        })
      : recorded
    if (!sent.ok)
      return render(ctx, request, reply, {
        title: t.account.title,
        path: '/account',
        body: html`<p role="alert">${t.errors.amana}</p>`,
        status: 503,
      })
    return reply.redirect(`/${lang}/account`, 303)
  })

  app.get(`${LANG}/account`, async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const customer = await currentCustomer(ctx, request)
    if (!customer) return reply.redirect(`/${lang}/sign-in`, 303)
    const body = await accountBody(ctx, lang, customer)
    return render(ctx, request, reply, { title: copy[lang].account.title, path: '/account', body })
  })
}

const accountBody = async (ctx: ShopContext, lang: Lang, customer: Customer) => {
  const t = copy[lang]
  const customerId = customer.id
  const [orders, designs, choices, parentEmail] = await Promise.all([
    ctx.store.orders(customerId),
    ctx.store.designs(customerId),
    ctx.amana.consent(`account:${customerId}`),
    customer.status === 'awaiting-parent' ? ctx.store.parentEmailOf(customerId) : undefined,
  ])
  const newsletter = choices?.find((c) => c.id === 'marketing')?.granted === true
  const date = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-KW' : 'en-KW', { dateStyle: 'medium' })
  return html`${parentEmail === undefined ? '' : html`<p class="alert" role="status" data-waiting-parent>${t.account.waitingParent(parentEmail)}</p>`}
  <h2>${t.account.orders}</h2>
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
  <h3>${t.account.newsletter}</h3>
  ${
    newsletter
      ? html`<p data-newsletter="on">${t.account.newsletterOn}</p>`
      : customer.status === 'active'
        ? html`<form method="post" action="/${lang}/newsletter"><p>${t.account.newsletterOff}</p><button type="submit">${t.account.newsletterJoin}</button></form>`
        : ''
  }
  <p><a href="${ctx.options.amanaUrl}/privacy?lang=${lang}">${t.account.privacyLink}</a></p>`
}
