import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readZip } from '../../packages/amana/src/requests/index.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'
import { shopManifest } from './shop-manifest.ts'

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

const downloadPackage = async (h: Harness, reference: string, token: string) => {
  const secret = await h.service.issueDownload(reference, token)
  assert.ok(secret, 'a download link is issued to the holder of the status token')
  const file = await h.service.download(reference, secret)
  assert.ok(file)
  assert.equal(await h.service.download(reference, secret), undefined, 'the link works once')
  return readZip(file.bytes)
}

for (const server of servers) {
  describe(`requests executed on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    const { skip } = server
    test('access: the package holds the orders, addresses and uploaded design, a CSV per table and a summary in the requester’s language', {
      skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url } })
      t.after(() => h.close())
      const r = await verifiedRequest(h, { type: 'access', email: customerEmail(3), locale: 'ar' })
      await h.drain()
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')
      const zip = await downloadPackage(h, r.reference, r.token)
      const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}')
      assert.equal(data.schema, 'amana.dsr-package/v1')
      const table = (name: string) => data.systems[0].tables.find((x: { table: string }) => x.table === name)
      assert.deepEqual(
        table('orders')
          .rows.map((o: { id: unknown }) => Number(o.id))
          .sort((a: number, b: number) => a - b),
        [7, 8, 9],
      )
      assert.equal(table('addresses').rows[0].line1, '3 Gulf Road')
      assert.deepEqual(table('orders').categories.sort(), ['contact', 'identity', 'order_history'])
      assert.ok(zip.has('tables/shop_db/orders.csv'))
      assert.ok(zip.get('tables/shop_db/addresses.csv')?.toString('utf8').includes('3 Gulf Road'))
      const design = [...zip.keys()].find((k) => k.startsWith('files/design_images/'))
      assert.ok(design, 'the uploaded design is in the package')
      assert.equal(zip.get(design as string)?.toString('utf8'), 'png of design 3')
      const summary = zip.get('summary.html')?.toString('utf8') ?? ''
      assert.match(summary, /<html lang="ar" dir="rtl">/)
      for (const heading of [
        'لماذا نستخدم بياناتك',
        'من يتلقاها',
        'مدة الاحتفاظ بها',
        'حقوقك',
        'أين تقدم شكوى',
        'مصدرها',
      ])
        assert.ok(summary.includes(heading), heading)
      assert.ok(!JSON.stringify(data).includes('customer4@'), 'no one else’s data')
      const mail = (await h.mails()).find(
        (m) => m.to === customerEmail(3) && m.text.includes('/privacy/requests/'),
      )
      assert.ok(mail, 'the requester is sent a link, never an attachment')
      const steps = await h.service.store.steps(r.id)
      assert.deepEqual(
        steps.map((s) => `${s.step}:${s.status}`),
        ['preflight:done', 'collect:done', 'package:done', 'notify:done'],
      )
    })

    test('erasure removes identity from every table while order amounts remain, tells the processor, shreds Amana’s copies, with the audit trail', {
      skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url } })
      t.after(() => h.close())
      const shop = h.shop!
      const p = server.kind === 'postgres' ? '$1' : '?'
      const before = await shop.query(
        `select id, total_amount, placed_at from orders where customer_email = ${p} order by id`,
        [customerEmail(9)],
      )
      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.equal((await h.service.store.byId(r.id))?.status, 'verified', 'erasure waits for staff approval')
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain()
      let row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'awaiting-staff', 'the processor must be told')
      const [task] = await h.service.store.tasks(r.id)
      assert.match(task?.title ?? '', /Sahm Couriers \(privacy@couriers\.example\)/)
      // What the task is about, as a code and its values: the console and the API say it in their reader's language.
      assert.deepEqual(
        [task?.code, task?.params],
        [
          'tell-processor',
          {
            processor: 'couriers',
            name: 'Sahm Couriers',
            email: 'privacy@couriers.example',
            categories: ['identity', 'contact'],
          },
        ],
      )
      assert.ok(
        await h.service.completeTask(
          r.id,
          task?.id as string,
          staff,
          'emailed their privacy desk, ticket 4411',
        ),
      )
      await h.drain()
      row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')

      const count = async (sql: string) => Number((await shop.query(sql))[0]?.n)
      assert.equal(await count(`select count(*) as n from customers where id = 9`), 0)
      assert.equal(await count(`select count(*) as n from addresses where customer_id = 9`), 0)
      assert.equal(await count(`select count(*) as n from cake_designs where customer_id = 9`), 0)
      assert.equal(await count(`select count(*) as n from events where customer_id = 9`), 0)
      const after = await shop.query(
        `select id, total_amount, placed_at, customer_id, customer_email, shipping_name from orders where id in (25, 26, 27) order by id`,
      )
      assert.deepEqual(
        after.map((o) => [String(o.id), String(o.total_amount), String(o.placed_at)]),
        before.map((o) => [String(o.id), String(o.total_amount), String(o.placed_at)]),
      )
      for (const o of after) {
        assert.equal(o.customer_id, null)
        assert.match(String(o.customer_email), /^erased\+[0-9a-f]{16}@invalid$/)
        assert.doesNotMatch(String(o.shipping_name), /Customer 9/)
      }
      assert.equal(
        await count(`select count(*) as n from customers where id = 10`),
        1,
        'the next customer is untouched',
      )

      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const systems =
        (erase?.result as { systems: { steps: { table: string; action: string }[] }[] } | undefined)
          ?.systems ?? []
      assert.equal(systems[0]?.steps.find((s) => s.table === 'orders')?.action, 'anonymise')
      assert.equal(systems[0]?.steps.find((s) => s.table === 'customers')?.action, 'delete')
      assert.deepEqual(
        (await h.auditEntries()).filter((a) => a.target === r.id).map((a) => a.action),
        [
          'request.received',
          'request.code-sent',
          'request.verified',
          'request.approved',
          'request.step.preflight',
          'request.step.erase',
          'request.waiting-for-staff',
          'request.task-done',
          'request.step.processors',
          'request.step.notify',
          'request.step.shred',
          'request.completed',
        ],
      )
      assert.equal(
        await h.vault.isShredded(row?.subject_id as string),
        true,
        'Amana’s own copy is crypto-shredded',
      )
      assert.equal(await h.service.open(row!, 'email', row!.email_enc), undefined)
    })

    test('a shop database that is down fails the step with its cause (retryable) and nothing is marked done', {
      skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        env: {
          SHOP_DB_URL:
            server.kind === 'postgres'
              ? 'postgres://x:secret@127.0.0.1:1/none'
              : 'mysql://x:secret@127.0.0.1:1/none',
        },
      })
      t.after(() => h.close())
      const r = await verifiedRequest(h, { type: 'access', email: customerEmail(2) })
      // The job engine records the failure and keeps the job for its retry.
      const failures = await h.drain({ expectFailures: true })
      assert.deepEqual(
        failures.map((f) => [f.requestId, f.state]),
        [[r.id, 'retry']],
      )
      assert.match(failures[0]?.error ?? '', /CONNECTOR_UNAVAILABLE/)
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'in-progress', 'nothing is marked done')
      assert.match(
        row?.last_error ?? '',
        /^preflight: CONNECTOR_UNAVAILABLE: shop_db: unavailable \(ECONNREFUSED/,
      )
      assert.ok(!row?.last_error?.includes('secret'))
      assert.equal((await h.service.store.steps(r.id))[0]?.status, 'failed')
    })

    test('a manifest naming a column the shop lacks stops at pre-flight, naming the table, column and manifest path', {
      skip,
    }, async (t) => {
      const manifest = structuredClone(shopManifest(server.kind))
      const contact = manifest.categories.contact
      if (contact?.storage?.shop_db) contact.storage.shop_db.orders = ['customer_emial']
      const h2 = await setupRequests({ shop: { kind: server.kind, url: server.url }, manifest })
      t.after(() => h2.close())
      const r = await verifiedRequest(h2, { type: 'access', email: customerEmail(1) })
      // Not retried by the job engine: the job completes, the request waits for staff.
      assert.deepEqual(await h2.drain(), [])
      const row = await h2.service.store.byId(r.id)
      assert.equal(row?.status, 'awaiting-staff', 'nothing re-runs it until staff fix the cause and retry')
      assert.match(
        row?.last_error ?? '',
        /table "orders" has no column "customer_emial" \(declared at categories\.contact\.storage\.shop_db\.orders\[0\]\)/,
      )
    })
  })
}
