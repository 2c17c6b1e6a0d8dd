import { randomBytes } from 'node:crypto'
import fastifyFormbody from '@fastify/formbody'
import Fastify, { type FastifyInstance } from 'fastify'

/**
 * The RUMROM example's sandbox: a stand-in for the payment processor and the courier, run as its own
 * process so the card number never passes through the shop. Not a real provider — nothing leaves the
 * machine. `/v1/charges` takes a card and answers a token and the last four digits (the only card data
 * the shop keeps); `/courier/deliveries` records what the shop handed over for a delivery, so anyone
 * can see that the courier received name, phone and address and nothing else.
 */

export interface Delivery {
  readonly reference: string
  readonly fields: Readonly<Record<string, unknown>>
  readonly receivedAt: string
}

export interface Sandbox {
  readonly app: FastifyInstance
  /** Every delivery the courier received, oldest first. */
  readonly deliveries: readonly Delivery[]
}

/** Luhn's check digit: the test every card number passes before anything else is tried. */
export const luhnValid = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length >= 12 && digits.length <= 19 && sum % 10 === 0
}

interface ChargeBody {
  readonly cardNumber?: unknown
  readonly expiry?: unknown
  readonly cvc?: unknown
  readonly amount?: unknown
  readonly currency?: unknown
}

const problem = (field: string, message: string) => ({ error: { code: 'CARD_REFUSED', field, message } })

/** Why a charge is refused, or undefined when the sandbox accepts it. */
const refuseCharge = (body: ChargeBody, digits: string): ReturnType<typeof problem> | undefined => {
  if (!luhnValid(digits))
    return problem('cardNumber', 'Card number is not valid. Try the sandbox card 4242 4242 4242 4242.')
  if (typeof body.expiry !== 'string' || !/^(0[1-9]|1[0-2])\/\d{2}$/.test(body.expiry))
    return problem('expiry', 'Expiry must be MM/YY, e.g. 12/30.')
  if (typeof body.cvc !== 'string' || !/^\d{3,4}$/.test(body.cvc))
    return problem('cvc', 'CVC is 3 or 4 digits.')
  if (typeof body.amount !== 'string' || !/^\d{1,7}\.\d{3}$/.test(body.amount))
    return problem('amount', 'Amount is KWD with three decimals, e.g. "14.500".')
  if (digits.endsWith('0002'))
    return problem('cardNumber', 'The card was declined (sandbox card ending 0002).')
  return undefined
}

interface Charge {
  readonly token: string
  readonly last4: string
  readonly amount: string
  readonly reference: string
}

const escAttr = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const words = {
  en: {
    title: 'Sandbox payment',
    pay: 'Pay',
    card: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'CVC',
    note: 'A sandbox: no money moves. Use 4242 4242 4242 4242.',
  },
  ar: {
    title: 'دفع تجريبي',
    pay: 'ادفع',
    card: 'رقم البطاقة',
    expiry: 'تاريخ الانتهاء (شهر/سنة)',
    cvc: 'رمز التحقق',
    note: 'بيئة تجريبية: لا تُنقل أي أموال. استخدم 4242 4242 4242 4242.',
  },
}

interface PayQuery {
  readonly reference?: string
  readonly amount?: string
  readonly lang?: string
  readonly return?: string
}

/** The processor's own card page: the shop sends the customer here, so the card number never reaches the shop. */
const payPage = (q: PayQuery, error?: string): string => {
  const lang = q.lang === 'ar' ? 'ar' : 'en'
  const w = words[lang]
  const hidden = (['reference', 'amount', 'lang', 'return'] as const)
    .map((k) => `<input type="hidden" name="${k}" value="${escAttr(q[k] ?? '')}">`)
    .join('')
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${w.title}</title></head>
<body style="font-family: system-ui; max-inline-size: 30rem; margin-inline: auto; padding: 1rem">
<h1>${w.title}</h1><p>${escAttr(q.amount ?? '')} KWD · ${escAttr(q.reference ?? '')}</p><p>${w.note}</p>
${error ? `<p role="alert" style="color: #a4161a">${escAttr(error)}</p>` : ''}
<form method="post" action="/pay">${hidden}
<p><label for="card">${w.card}</label><br><input id="card" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required></p>
<p><label for="exp">${w.expiry}</label><br><input id="exp" name="expiry" autocomplete="cc-exp" required></p>
<p><label for="cvc">${w.cvc}</label><br><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required></p>
<button type="submit">${w.pay}</button></form></body></html>`
}

/** Charges a card; the charge, or why it was refused. */
const charge = (body: ChargeBody, reference: string): Charge | ReturnType<typeof problem> => {
  const digits = typeof body.cardNumber === 'string' ? body.cardNumber.replace(/[\s-]/g, '') : ''
  const refused = refuseCharge(body, /^\d+$/.test(digits) ? digits : '')
  if (refused) return refused
  return {
    token: `tok_sbx_${randomBytes(12).toString('hex')}`,
    last4: digits.slice(-4),
    amount: String(body.amount),
    reference,
  }
}

/**
 * `shopOrigin`: the only origin the payment page sends a customer back to (no open redirect).
 */
export const createSandbox = (options: { shopOrigin?: string } = {}): Sandbox => {
  const app = Fastify({ logger: false })
  void app.register(fastifyFormbody)
  const deliveries: Delivery[] = []
  const charges = new Map<string, Charge>()
  const returnAllowed = (url: string | undefined): url is string => {
    if (!url) return false
    try {
      return options.shopOrigin === undefined || new URL(url).origin === options.shopOrigin
    } catch {
      return false
    }
  }

  app.post('/v1/charges', async (request, reply) => {
    const body = (request.body ?? {}) as ChargeBody & { reference?: unknown }
    const result = charge(body, typeof body.reference === 'string' ? body.reference : '')
    if ('error' in result) return reply.code(402).send(result)
    charges.set(result.token, result)
    return reply.code(201).send(result)
  })

  app.get('/v1/charges/:token', async (request, reply) => {
    const found = charges.get((request.params as { token: string }).token)
    return found ? found : reply.code(404).send({ error: { message: 'No charge has this token.' } })
  })

  app.get('/pay', async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(payPage(request.query as PayQuery)),
  )

  app.post('/pay', async (request, reply) => {
    const body = (request.body ?? {}) as ChargeBody & PayQuery
    if (!returnAllowed(body.return))
      return reply.code(400).send({ error: { message: 'Unknown return address.' } })
    const result = charge(body, body.reference ?? '')
    if ('error' in result)
      return reply.code(402).type('text/html; charset=utf-8').send(payPage(body, result.error.message))
    charges.set(result.token, result)
    return reply.redirect(`${body.return}?token=${encodeURIComponent(result.token)}`, 303)
  })

  app.post('/courier/deliveries', async (request, reply) => {
    const body = (request.body ?? {}) as { reference?: unknown; fields?: unknown }
    if (typeof body.reference !== 'string' || typeof body.fields !== 'object' || body.fields === null)
      return reply.code(400).send({ error: { message: 'Send { reference, fields }.' } })
    deliveries.push({
      reference: body.reference,
      fields: body.fields as Record<string, unknown>,
      receivedAt: new Date().toISOString(),
    })
    return reply.code(201).send({ accepted: true })
  })

  app.get('/courier/deliveries', async () => ({ deliveries }))
  app.get('/healthz', async () => ({ ok: true }))
  return { app, deliveries }
}
