import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { startShopStack } from './testing.ts'

/** A browser's cookie jar for fetch: keeps Set-Cookie values and sends them back. */
const browser = (base: string) => {
  const jar = new Map<string, string>()
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url.startsWith('http') ? url : base + url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, v] = (pair as string).split('=')
      if (k && v !== undefined) jar.set(k, v)
    }
    return response
  }
  const form = (url: string, fields: Record<string, string>) =>
    go(url, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  return { go, form }
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const designForm = (image: { bytes: Buffer; name: string; type: string }) => {
  const body = new FormData()
  body.set('size', '8 inch')
  body.set('flavour', 'saffron')
  body.set('message', 'Happy birthday Dana')
  body.append('decorations', 'gold leaf')
  body.append('decorations', 'macarons')
  body.set('image', new Blob([new Uint8Array(image.bytes)], { type: image.type }), image.name)
  return body
}

test('a customer signs up, designs a cake with an image, pays on the processor page; the courier gets only name, phone and address', async () => {
  const s = await startShopStack()
  try {
    const b = browser(s.shopUrl)
    const en = await (await b.go('/en')).text()
    assert.match(en, /<html lang="en" dir="ltr">/)
    assert.match(en, /Pistachio rose cake/)
    assert.match(en, /KWD\s14\.500/)
    assert.match(
      en,
      /<script type="text\/plain" data-amana-category="marketing" src="\/static\/marketing.js">/,
    )
    const ar = await (await b.go('/ar')).text()
    assert.match(ar, /<html lang="ar" dir="rtl">/)
    assert.match(ar, /كيكة الفستق والورد/)
    assert.match(ar, /١٤[٫.]٥٠٠/)

    const minor = await b.form('/en/sign-up', {
      first_name: 'Dana',
      last_name: 'Saleh',
      email: 'dana.minor@example.net',
      phone: '+965 5000 1111',
      birth_date: `${new Date().getUTCFullYear() - 15}-01-01`,
      password: 'long-enough-pass',
    })
    assert.equal(minor.status, 422)
    assert.match(await minor.text(), /under 18/)

    const signUp = await b.form('/en/sign-up', {
      first_name: 'Dana',
      last_name: 'Saleh',
      email: 'dana.saleh@example.net',
      phone: '+965 5000 1111',
      birth_date: '1995-05-05',
      password: 'long-enough-pass',
    })
    assert.equal(signUp.status, 303, await signUp.text())

    const wrongType = await b.go('/en/design', {
      method: 'POST',
      body: designForm({ bytes: Buffer.from('not an image'), name: 'cake.png', type: 'image/png' }),
    })
    assert.equal(wrongType.status, 422)
    assert.match(await wrongType.text(), /must be a PNG, JPEG or WebP/)
    const tooBig = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])
    const big = await b.go('/en/design', {
      method: 'POST',
      body: designForm({ bytes: tooBig, name: 'big.png', type: 'image/png' }),
    })
    assert.equal(big.status, 413)
    assert.match(await big.text(), /larger than 5 MB/)

    const saved = await b.go('/en/design', {
      method: 'POST',
      body: designForm({ bytes: png, name: 'cake.png', type: 'image/png' }),
    })
    assert.equal(saved.status, 303)
    const upload = (
      await s.db.query(
        `select u.path, u.content_type, d.message_text from uploads u join cake_designs d on d.id = u.design_id
          join customers c on c.id = u.customer_id where c.email = 'dana.saleh@example.net'`,
      )
    ).rows[0]
    assert.equal(upload.content_type, 'image/png')
    assert.equal(upload.message_text, 'Happy birthday Dana')
    assert.ok(
      readFileSync(join(s.shopDb.uploadsDir, upload.path)).equals(png),
      'the image is in the file store',
    )

    assert.match(await (await b.go('/en/cart')).text(), /Custom cake/)
    const checkout = await b.form('/en/checkout', {
      area: 'Salmiya',
      block: '7',
      street: 'Qatar St',
      building: '19',
      floor: '2',
      apartment: '4',
      directions: 'green door',
      slot: '18:00-20:00',
    })
    assert.equal(checkout.status, 303)
    const payPage = new URL(checkout.headers.get('location') as string)
    assert.equal(payPage.pathname, '/pay')
    const pay = (card: string) =>
      b.form(`${payPage.origin}/pay`, {
        ...Object.fromEntries(payPage.searchParams),
        cardNumber: card,
        expiry: '12/30',
        cvc: '123',
      })
    const declined = await pay('4000 0000 0000 0002')
    assert.equal(declined.status, 402)
    assert.match(await declined.text(), /declined/)
    const paid = await pay('4242 4242 4242 4242')
    assert.equal(paid.status, 303)
    const back = paid.headers.get('location') as string
    assert.ok(back.startsWith(`${s.shopUrl}/en/orders/`))
    const confirmation = await (await b.go(back)).text()
    assert.match(confirmation, /Your order is placed/)

    assert.equal(s.sandbox.deliveries.length, 1)
    const received = s.sandbox.deliveries[0]?.fields ?? {}
    assert.deepEqual(Object.keys(received).sort(), [
      'apartment',
      'area',
      'block',
      'building',
      'directions',
      'first_name',
      'floor',
      'phone',
      'street',
    ])
    assert.equal(received.first_name, 'Dana')
    assert.ok(!JSON.stringify(received).includes('dana.saleh@example.net'))

    const order = (
      await s.db.query(
        `select o.status, o.card_last4, o.payment_token, o.total::text from orders o join customers c on c.id = o.customer_id
          where c.email = 'dana.saleh@example.net'`,
      )
    ).rows[0]
    assert.equal(order.status, 'with-courier')
    assert.equal(order.card_last4, '4242')
    assert.match(order.payment_token, /^tok_sbx_/)
    assert.equal(order.total, '25.000')

    const account = await (await b.go('/en/account')).text()
    assert.match(account, /KWD\s25\.000/)
    assert.match(account, /Open the privacy centre/)
    assert.ok(existsSync(s.shopDb.uploadsDir))
  } finally {
    await s.close()
  }
})
