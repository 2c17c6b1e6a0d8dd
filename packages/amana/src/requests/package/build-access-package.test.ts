import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { DatasetPlanSchema } from '../../connectors/index.ts'
import { packsFor } from '../../jurisdictions/index.ts'
import { parseManifest } from '../../manifest/index.ts'
import { binaryCellsAsFiles } from '../binary-cells.ts'
import { buildAccessPackage, type PackageInput } from './build-access-package.ts'
import { readZip, writeZip } from './zip.ts'

// RUMROM Bakery declares `credentials` (kind credentials) in shop_db.customers.password_hash.
const parsed = parseManifest(
  readFileSync(new URL('../../../../../examples/rumrom-bakery/amana.yaml', import.meta.url), 'utf8'),
)
if (!parsed.ok) throw new Error('the RUMROM Bakery manifest does not parse')
const manifest = parsed.value.manifest

const plan = DatasetPlanSchema.parse({
  systems: [
    { id: 'shop_db', kind: 'postgres', connection: { url: 'postgres://shop.invalid/shop' } },
    {
      id: 'loyalty',
      kind: 'webhook',
      connection: { url: 'https://loyalty.invalid/hook', secret: 'whsec_x' },
    },
  ],
  tables: [
    {
      system: 'shop_db',
      table: 'customers',
      primaryKey: 'id',
      identity: [{ column: 'email', kind: 'email' }],
      fields: [
        { column: 'email', category: 'contact', onErase: 'anonymise' },
        { column: 'password_hash', category: 'credentials', onErase: 'delete-row' },
      ],
    },
    { system: 'loyalty', table: 'members', primaryKey: 'id', identity: [{ column: 'email', kind: 'email' }] },
  ],
})

const input = (locale: 'en' | 'ar'): PackageInput => ({
  reference: 'DSR-TEST-1',
  type: 'access',
  locale,
  generatedAt: new Date('2026-02-01T09:00:00Z'),
  manifest,
  packs: packsFor(manifest.jurisdictions),
  plan,
  collected: [
    {
      system: 'shop_db',
      tables: [
        {
          table: 'customers',
          rows: [
            { id: 4, email: 'mariam@example.com', password_hash: '$argon2id$v=19$m=65536$c2FsdA$aGFzaA' },
          ],
        },
      ],
    },
    {
      // A webhook answers with whatever its system holds, declared or not.
      system: 'loyalty',
      tables: [
        {
          table: 'members',
          rows: [
            {
              id: 'm-9',
              email: 'mariam@example.com',
              points: 120,
              totp_secret: 'JBSWY3DPEHPK3PXP',
              api_key: 'lk_live_51Hc',
            },
          ],
        },
      ],
    },
  ],
  files: [],
  pending: [],
})

const unpack = (locale: 'en' | 'ar') => readZip(writeZip(buildAccessPackage(input(locale))))

test('an access package leaves out password hashes, TOTP secrets and API keys, and keeps everything else', () => {
  const zip = unpack('en')
  const everything = [...zip.values()].map((b) => b.toString('utf8')).join('\n')
  for (const secret of ['$argon2id$', 'JBSWY3DPEHPK3PXP', 'lk_live_51Hc'])
    assert.ok(!everything.includes(secret), `${secret} is in no file of the package`)
  const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}')
  const [customers] = data.systems[0].tables
  assert.deepEqual(customers.rows, [{ id: 4, email: 'mariam@example.com' }])
  assert.deepEqual(customers.withheld, ['password_hash'])
  const members = data.systems[1].tables[0]
  assert.deepEqual(members.rows, [{ id: 'm-9', email: 'mariam@example.com', points: 120 }])
  assert.deepEqual(members.withheld.sort(), ['api_key', 'totp_secret'])
  assert.match(zip.get('tables/shop_db/customers.csv')?.toString('utf8') ?? '', /mariam@example\.com/)
})

test('the summary says the credentials are held and why they are not copied, in the requester’s language', () => {
  const en = unpack('en').get('summary.html')?.toString('utf8') ?? ''
  assert.match(en, /<h2>Held, but not copied here<\/h2>/)
  assert.match(en, /would help anyone who gets hold of the file to break into your account/)
  assert.match(en, /<li>Login credentials \(Records found: 1\)<\/li>/)
  const ar = unpack('ar').get('summary.html')?.toString('utf8') ?? ''
  assert.match(ar, /نحتفظ بها، لكنها ليست في هذه النسخة/)
})

test('a credential stored as bytes leaves no file in the package either', () => {
  const withBytes = input('en')
  // A bytea hash becomes a file of the package with its path in the cell, like a picture would.
  const { systems, files } = binaryCellsAsFiles(
    [
      {
        system: 'shop_db',
        tables: [
          {
            table: 'customers',
            rows: [
              { id: 4, email: 'mariam@example.com', password_hash: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) },
            ],
          },
        ],
      },
    ],
    plan,
  )
  assert.equal(files.length, 1)
  const zip = readZip(writeZip(buildAccessPackage({ ...withBytes, collected: systems, files })))
  assert.deepEqual(
    [...zip.keys()].filter((name) => name.startsWith('files/')),
    [],
    'no file of the hash',
  )
  const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}')
  assert.deepEqual(data.files, [])
  assert.deepEqual(data.systems[0].tables[0].rows, [{ id: 4, email: 'mariam@example.com' }])
})
