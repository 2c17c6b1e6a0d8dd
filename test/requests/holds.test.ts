import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { finishHold, listExpiredHolds, readZip } from '../../packages/amana/src/requests/index.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'
import { shopManifestYaml } from './shop-manifest.ts'

// PostgreSQL without TEST_DATABASE_URL: the shop is an embedded PGlite served over the wire protocol.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const staff = { type: 'staff' as const, id: 'st1' }
const LAW = 'Kuwait Law No. 2 of 2014, art. 19'
const now = new Date('2026-12-06T10:00:00Z')

/**
 * The test shop's manifest: order history under a tax hold (7 years unless `keep` says otherwise),
 * with the law that sets it; `timed`: orders name the column that times the hold's event.
 */
const heldManifest = (kind: 'postgres' | 'mysql', options: { keep?: string; timed?: boolean } = {}) => {
  let yaml = shopManifestYaml(kind, { processors: false }).replace(
    'legalHold: { reason: { en: tax records, ar: السجلات الضريبية }, keep: P7Y }',
    `legalHold: { reason: { en: tax records, ar: السجلات الضريبية }, keep: ${options.keep ?? 'P7Y'}, law: "${LAW}" }`,
  )
  if (options.timed)
    yaml = yaml.replace(
      'orders: { key: id, identity: [customer_email],',
      'orders: { key: id, timestamps: { order-fulfilled: placed_at }, identity: [customer_email],',
    )
  const parsed = parseManifest(yaml)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '))
  return parsed.value.manifest
}

const erase = async (h: Harness, customer: number, locale: 'en' | 'ar') => {
  const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(customer), locale })
  assert.ok(await h.service.approve(r.id, staff))
  await h.drain()
  const row = await h.service.store.byId(r.id)
  assert.equal(row?.status, 'completed', row?.last_error ?? '')
  return r
}

for (const server of servers)
  describe(`legal holds with a period on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    const { skip } = server
    test('an erasure keeps the held order history, reports it held until the end of its period, records it for retention and tells the requester what was kept, why and until when', {
      skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: heldManifest(server.kind),
        now,
      })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      const before = await shop.query(
        `select id, total_amount from orders where customer_id = 9 or customer_email = '${customerEmail(9)}' order by id`,
      )
      assert.ok(before.length > 0)
      const r = await erase(h, 9, 'en')

      const after = await shop.query(
        `select id, total_amount, customer_email from orders where id in (${before.map((o) => Number(o.id)).join(', ')}) order by id`,
      )
      assert.deepEqual(
        after.map((o) => String(o.total_amount)),
        before.map((o) => String(o.total_amount)),
        'the held amounts stay',
      )
      for (const o of after) assert.notEqual(o.customer_email, customerEmail(9), 'the identity goes')

      const step = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const result = step?.result as {
        systems: { steps: { table: string; held?: { columns: string[]; until: string }[] }[] }[]
        holds: { table: string; columns: string[]; rows: number; until: string }[]
      }
      const orders = result.systems[0]?.steps.find((s) => s.table === 'orders')
      assert.deepEqual(orders?.held?.[0]?.columns.sort(), ['placed_at', 'total_amount'])
      assert.equal(orders?.held?.[0]?.until, '2033-12-06T10:00:00.000Z', '7 years from the erasure')
      assert.deepEqual(result.holds.map((x) => x.table).sort(), ['order_items', 'orders'])
      assert.equal(result.holds.find((x) => x.table === 'orders')?.rows, before.length)

      const mail = (await h.mails()).findLast((m) => m.to === customerEmail(9))
      assert.ok(mail, 'the requester is told')
      assert.match(mail.subject, /complete/)
      assert.match(mail.text, /keep some of your data/)
      assert.match(
        mail.text,
        /what you ordered and paid: tax records \(Kuwait Law No\. 2 of 2014, art\. 19\)\. Kept until 2033-12-06\./,
      )

      // Retention's view: nothing has ended today; once the period is over, the kept rows by key.
      assert.deepEqual(await listExpiredHolds(h.database.db, now), [])
      const ended = await listExpiredHolds(h.database.db, new Date('2033-12-06T10:00:01Z'))
      const held = ended.find((x) => x.table_name === 'orders')
      assert.ok(held)
      assert.equal(held.system, 'shop_db')
      assert.equal(held.law, LAW)
      assert.deepEqual(
        held.row_keys.map((k) => Number(k[0])).sort((a, b) => a - b),
        before.map((o) => Number(o.id)),
      )
      assert.equal(await finishHold(h.database.db, held.id, now), true)
      assert.equal(await finishHold(h.database.db, held.id, now), false, 'finished once')
      assert.equal(
        (await listExpiredHolds(h.database.db, new Date('2034-01-01T00:00:00Z'))).some(
          (x) => x.id === held.id,
        ),
        false,
      )
    })

    test('an Arabic requester reads what was kept, why and until when in Arabic', { skip }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: heldManifest(server.kind),
        now,
      })
      t.after(() => h.close())
      await erase(h, 6, 'ar')
      const mail = (await h.mails()).findLast((m) => m.to === customerEmail(6))
      assert.ok(mail)
      assert.match(mail.text, /يلزمنا القانون بالاحتفاظ ببعض بياناتك/)
      assert.match(
        mail.text,
        // The law's name and the date isolated (U+2068 … U+2069): they keep their order in Arabic text.
        /ما طلبته ودفعته: السجلات الضريبية \(\u2068Kuwait Law No\. 2 of 2014, art\. 19\u2069\)\. نحتفظ بها حتى \u20682033-12-06\u2069\./,
      )
    })

    test('a hold runs from each row’s own event when the table names its column: orders placed in January 2024 are kept until January 2031', {
      skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: heldManifest(server.kind, { timed: true }),
        now,
      })
      t.after(() => h.close())
      const r = await erase(h, 9, 'en')
      const holds = (await listExpiredHolds(h.database.db, new Date('2040-01-01T00:00:00Z'))).filter(
        (x) => x.request_id === r.id,
      )
      const orders = holds.filter((x) => x.table_name === 'orders')
      assert.ok(orders.length > 0)
      for (const x of orders) assert.match(x.until?.toISOString() ?? '', /^2031-01-/)
      for (const x of holds.filter((y) => y.table_name === 'order_items'))
        assert.equal(x.until?.toISOString(), '2033-12-06T10:00:00.000Z', 'no event column: from the erasure')
      const mail = (await h.mails()).findLast((m) => m.to === customerEmail(9))
      assert.match(mail?.text ?? '', /Kept until 2031-01-\d\d\./)
    })

    test('a row whose hold has already ended is erased like the rest: orders of January 2024 under a 2-year hold lose their amounts', {
      skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: heldManifest(server.kind, { timed: true, keep: 'P2Y' }),
        now,
      })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      const before = await shop.query(
        `select id, total_amount from orders where customer_id = 9 or customer_email = '${customerEmail(9)}' order by id`,
      )
      const r = await erase(h, 9, 'en')
      const after = await shop.query(
        `select id, total_amount from orders where id in (${before.map((o) => Number(o.id)).join(', ')}) order by id`,
      )
      for (const [i, o] of after.entries())
        assert.notEqual(
          String(o.total_amount),
          String(before[i]?.total_amount),
          'the hold ended in January 2026',
        )
      const holds = await h.service.store.steps(r.id)
      const result = holds.find((s) => s.step === 'erase')?.result as { holds: { table: string }[] }
      assert.deepEqual(
        result.holds.map((x) => x.table),
        ['order_items'],
        'only the order items (counted from the erasure) are still held',
      )
    })

    test('the access package lists what a hold would keep on erasure, why, under which law and until when', {
      skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: heldManifest(server.kind, { timed: true }),
        now,
      })
      t.after(() => h.close())
      const r = await verifiedRequest(h, { type: 'access', email: customerEmail(9), locale: 'en' })
      await h.drain()
      assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
      const secret = await h.service.issueDownload(r.reference, r.token)
      const zip = readZip((await h.service.download(r.reference, secret as string))?.bytes as Buffer)
      const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}') as {
        holds: { table: string; columns: string[]; reason: string; law: string; until: [string, string] }[]
      }
      const orders = data.holds.find((x) => x.table === 'orders')
      assert.deepEqual(orders?.columns.sort(), ['placed_at', 'total_amount'])
      assert.equal(orders?.reason, 'tax records')
      assert.equal(orders?.law, LAW)
      assert.match(orders?.until[0] ?? '', /^2031-01-/, '7 years from the order')
      assert.equal(data.holds.find((x) => x.table === 'order_items')?.until[0], '2033-12-06T10:00:00.000Z')
      const summary = zip.get('summary.html')?.toString('utf8') ?? ''
      assert.match(summary, /<h2>Kept even if you ask us to erase it<\/h2>/)
      assert.match(
        summary,
        /what you ordered and paid: tax records \(Kuwait Law No\. 2 of 2014, art\. 19\)\. Kept until \d+ January 2031/,
      )
    })
  })
