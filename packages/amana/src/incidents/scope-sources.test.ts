import assert from 'node:assert/strict'
import { after, before, describe, test as nodeTest } from 'node:test'
import {
  createDatabaseWith,
  type RealDatabase,
  type RealKind,
} from '../../../../test/fixtures/real-schema/real-schema.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { addMember, asStaff, type SignedIn, signIn } from '../staff/testing.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../testing/test-app.ts'

/**
 * Issue 19: an incident's scope reads the shop's systems through the connectors (PostgreSQL, and
 * MariaDB with TEST_MYSQL_URL) and Amana's audit ledger (hand-overs to an affected processor, reads
 * by a compromised account), and places each person by the country and language columns the
 * manifest declares before guessing — a guess is labelled as one.
 */
const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, ''],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]

const ddl: Record<RealKind, string[]> = {
  postgres: [
    `create table customers (id bigint primary key, first_name text not null, last_name text not null,
      email text not null, phone text, country char(2), lang varchar(5))`,
    `create table orders (id bigint primary key, customer_id bigint not null references customers (id),
      ordered_at timestamptz not null, total numeric(10, 3) not null)`,
  ],
  mysql: [
    `create table customers (id bigint primary key, first_name varchar(60) not null, last_name varchar(60) not null,
      email varchar(160) not null, phone varchar(32), country char(2), lang varchar(5)) engine=InnoDB`,
    `create table orders (id bigint primary key, customer_id bigint not null, ordered_at datetime(3) not null,
      total decimal(10, 3) not null, foreign key (customer_id) references customers (id)) engine=InnoDB`,
  ],
}

const customers = [
  // Declared: Kuwait, Arabic.
  {
    id: 1,
    first_name: 'فاطمة',
    last_name: 'العلي',
    email: 'f@example.kw',
    phone: '+965 5000 0001',
    country: 'KW',
    lang: 'ar',
  },
  // Nothing declared: placed by the phone (Germany), language from the name — both guesses.
  {
    id: 2,
    first_name: 'Anna',
    last_name: 'Schmidt',
    email: 'a@example.de',
    phone: '+49 30 1234567',
    country: null,
    lang: null,
  },
  // Declared Germany and Arabic, though the phone is Kuwaiti and the name Latin: the declaration wins.
  {
    id: 3,
    first_name: 'Omar',
    last_name: 'Saleh',
    email: 'o@example.de',
    phone: '+965 5000 0003',
    country: 'DE',
    lang: 'ar',
  },
  // Only in the ledger: handed to the courier in the window.
  {
    id: 4,
    first_name: 'Lina',
    last_name: 'Haddad',
    email: 'l@example.kw',
    phone: '+965 5000 0004',
    country: 'KW',
    lang: 'en',
  },
  // Only in the ledger: read by the compromised account in the window.
  {
    id: 5,
    first_name: 'Sara',
    last_name: 'Nasser',
    email: 's@example.kw',
    phone: null,
    country: 'KW',
    lang: 'ar',
  },
  // Handed to the courier, but before the window: not in scope.
  {
    id: 6,
    first_name: 'Yusuf',
    last_name: 'Karim',
    email: 'y@example.kw',
    phone: '+965 5000 0006',
    country: 'KW',
    lang: 'ar',
  },
]
const at = (iso: string, kind: RealKind) => (kind === 'mysql' ? iso.replace('T', ' ').replace('Z', '') : iso)
const orders = (kind: RealKind) => [
  { id: 10, customer_id: 1, ordered_at: at('2026-05-02T10:00:00.000Z', kind), total: 5 },
  { id: 11, customer_id: 2, ordered_at: at('2026-05-03T10:00:00.000Z', kind), total: 6 },
  { id: 12, customer_id: 3, ordered_at: at('2026-05-04T23:59:59.000Z', kind), total: 7 },
  { id: 13, customer_id: 4, ordered_at: at('2026-04-01T10:00:00.000Z', kind), total: 8 },
  { id: 14, customer_id: 5, ordered_at: at('2026-05-06T00:00:00.000Z', kind), total: 9 },
  { id: 15, customer_id: 6, ordered_at: at('2026-03-01T10:00:00.000Z', kind), total: 9 },
]

for (const [kind, url, reason] of servers)
  describe(`incident scope through the connectors and the audit ledger (shop on ${kind})`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn)
    const clock = { now: new Date('2026-05-03T12:00:00Z') }
    let db: RealDatabase
    let t: TestApp
    let owner: SignedIn
    before(async () => {
      if (skip) return
      db = await createDatabaseWith(kind, url, ddl[kind], [
        ['customers', customers],
        ['orders', orders(kind)],
      ])
      const loaded = await loadDemoManifest()
      const manifest = structuredClone(loaded.manifest)
      manifest.jurisdictions = ['kw', 'eu-gdpr']
      manifest.systems = {
        shop_db: {
          kind,
          connection: { env: 'SHOP_DB_URL' },
          country: 'KW',
          tables: {
            customers: { key: 'id', identity: ['email', 'phone'], country: 'country', language: 'lang' },
            orders: { key: 'id', references: { customer_id: 'customers.id' } },
          },
        },
      } as never
      t = await createTestApp({
        manifest: { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) },
        env: { SHOP_DB_URL: db.url },
        now: () => new Date(clock.now),
      })
    })
    after(async () => {
      await t?.close()
      await db?.drop()
    })

    test('lists the window’s people from the table, the processor’s hand-overs and the account’s reads, with the reasoning and each placement', async () => {
      const disclose = (subjectId: string, iso: string) => {
        clock.now = new Date(iso)
        return t.services.audit.append({
          actor: { type: 'api-key', id: 'key_shop' },
          action: 'disclosure.sent',
          subjectId,
          target: 'processor:couriers',
          details: {
            processor: 'couriers',
            fields: ['first_name', 'phone'],
            categories: ['identity', 'contact'],
          },
        })
      }
      await disclose('customer:4', '2026-05-02T08:00:00Z')
      await disclose('customer:6', '2026-04-20T08:00:00Z')
      await disclose('customer:999', '2026-05-02T09:00:00Z')
      clock.now = new Date('2026-05-03T09:00:00Z')
      await t.services.audit.append({
        actor: { type: 'staff', id: 'stf_leaked' },
        action: 'personal-data.read',
        subjectId: 'customer:5',
        target: 'token:email',
      })
      // Another account's read is not in scope.
      await t.services.audit.append({
        actor: { type: 'staff', id: 'stf_other' },
        action: 'personal-data.read',
        subjectId: 'customer:6',
        target: 'token:email',
      })
      clock.now = new Date('2026-05-06T12:00:00Z')
      // A session signed in now (the clock moved three days).
      const member = await addMember(t, 'owner')
      owner = await signIn(t, member.email, member.password)
      const call = (method: 'GET' | 'POST', path: string, payload?: object) =>
        t.app.inject({ method, url: path, headers: asStaff(owner), ...(payload ? { payload } : {}) })
      const opened = await call('POST', '/v1/incidents', {
        discoveredAt: '2026-05-06T08:00:00Z',
        summary: 'Courier portal and a staff login leaked',
        systems: ['shop_db'],
      })
      assert.equal(opened.statusCode, 201, opened.body)
      const id = opened.json().id as string
      const refused = await call('POST', `/v1/incidents/${id}/scope`, {
        processors: ['nobody'],
        from: '2026-05-01T00:00:00Z',
        to: '2026-05-05T00:00:00Z',
      })
      assert.equal(refused.statusCode, 400)
      assert.equal(refused.json().error.details[0].field, 'processors[0]')
      const scoped = await call('POST', `/v1/incidents/${id}/scope`, {
        tables: [{ system: 'shop_db', table: 'orders', timeColumn: 'ordered_at' }],
        processors: ['couriers'],
        accounts: ['stf_leaked'],
        from: '2026-05-01T00:00:00Z',
        to: '2026-05-05T00:00:00Z',
      })
      assert.equal(scoped.statusCode, 200, scoped.body)
      const v = scoped.json()
      type Person = {
        ref: string
        jurisdiction: string
        country: string | null
        locale: string | null
        placedBy: string
        localeBy: string
        guessed: boolean
        groups: string[]
        placedText: { en: string; ar: string }
      }
      const people = v.people as Person[]
      assert.deepEqual(
        people.map((p) => [p.ref, p.jurisdiction, p.country, p.placedBy, p.locale, p.localeBy, p.groups]),
        [
          ['ledger:subject:customer:999', 'kw', null, 'home-guess', null, 'none', ['processor:couriers']],
          [
            'shop_db:customers:1',
            'kw',
            'KW',
            'declared-country',
            'ar',
            'declared-language',
            ['table:shop_db.orders'],
          ],
          [
            'shop_db:customers:2',
            'eu-gdpr',
            'DE',
            'phone-guess',
            'en',
            'name-guess',
            ['table:shop_db.orders'],
          ],
          [
            'shop_db:customers:3',
            'eu-gdpr',
            'DE',
            'declared-country',
            'ar',
            'declared-language',
            ['table:shop_db.orders'],
          ],
          [
            'shop_db:customers:4',
            'kw',
            'KW',
            'declared-country',
            'en',
            'declared-language',
            ['processor:couriers'],
          ],
          [
            'shop_db:customers:5',
            'kw',
            'KW',
            'declared-country',
            'ar',
            'declared-language',
            ['account:stf_leaked'],
          ],
        ],
      )
      const anna = people.find((p) => p.ref === 'shop_db:customers:2')
      assert.equal(anna?.guessed, true)
      assert.match(anna?.placedText.en ?? '', /^guess: from the phone number/)
      assert.match(anna?.placedText.ar ?? '', /^تخمين/)
      assert.equal(people.find((p) => p.ref === 'shop_db:customers:1')?.guessed, false)
      const groups = v.groups as {
        id: string
        people: number
        entries: number
        text: { en: string; ar: string }
      }[]
      assert.deepEqual(
        groups.map((g) => [g.id, g.people, g.entries]),
        [
          ['table:shop_db.orders', 3, 0],
          ['processor:couriers', 2, 2],
          ['account:stf_leaked', 1, 1],
        ],
      )
      assert.equal(
        groups[0]?.text.en,
        '3 people: the rows of shop_db.orders whose ordered_at falls in the window, and the person each belongs to',
      )
      assert.match(groups[1]?.text.en ?? '', /handed to couriers in the window \(2 hand-overs\)/)
      assert.match(groups[2]?.text.ar ?? '', /stf_leaked/)
      // The courier's hand-over names identity and contact: those are the person's categories.
      assert.deepEqual(people.find((p) => p.ref === 'shop_db:customers:4') && v.people[4].categories, [
        'identity',
        'contact',
      ])
      // Clocks: Kuwait and the EU both run.
      assert.deepEqual(
        [...new Set((v.clocks as { jurisdiction: string }[]).map((c) => c.jurisdiction))].sort(),
        ['eu-gdpr', 'kw'],
      )
    })
  })
