import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { readZip } from '../../packages/amana/src/requests/index.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from './harness.ts'
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

/** A 36 KB picture: a PNG signature and random bytes. */
const picture = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(36 * 1024)])

for (const server of servers)
  describe(`binary columns in an access package (${server.kind})`, () => {
    test('a picture stored in the database is a file in the package, not an array of numbers', {
      skip: server.skip,
    }, async (t) => {
      const parsed = parseManifest(
        shopManifestYaml(server.kind).replace(
          'customers: [full_name, birth_date, marketing_opt_in]',
          'customers: [full_name, birth_date, marketing_opt_in, picture]',
        ),
      )
      assert.ok(parsed.ok)
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: parsed.value.manifest,
      })
      t.after(() => h.close())
      const shop = h.shop
      assert.ok(shop, 'the harness created the shop')
      await shop.query(
        `alter table customers add column picture ${server.kind === 'postgres' ? 'bytea' : 'blob'}`,
      )
      await shop.query(
        `update customers set picture = ${server.kind === 'postgres' ? '$1' : '?'} where id = 3`,
        [picture],
      )

      const r = await verifiedRequest(h, { type: 'access', email: customerEmail(3) })
      await h.drain()
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')
      const secret = await h.service.issueDownload(r.reference, r.token)
      const file = await h.service.download(r.reference, secret as string)
      const zip = readZip(file?.bytes as Buffer)
      const path = 'files/shop_db/customers/3/picture.png'
      assert.deepEqual(zip.get(path), picture, 'the picture, byte for byte')
      const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}')
      const customer = data.systems[0].tables.find((x: { table: string }) => x.table === 'customers').rows[0]
      assert.equal(customer.picture, path, 'the cell points at the file')
      assert.ok(data.files.includes(path))
      assert.ok((zip.get('data.json')?.length ?? 0) < 20_000, 'no byte arrays in data.json')
    })
  })
