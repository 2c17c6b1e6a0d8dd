import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test as nodeTest } from 'node:test'
import {
  createPlantedDatabase,
  plantedManifestYaml,
} from '../../../../../test/fixtures/planted-schema/planted-schema.ts'
import type { RealDatabase, RealKind } from '../../../../../test/fixtures/real-schema/real-schema.ts'
import { startDemoShop } from '../../demo/index.ts'
import { parseManifest } from '../../manifest/index.ts'
import { captureCliIo } from '../../testing/cli-io.ts'
import { runCli } from '../run-cli.ts'

type Finding = { severity: string; table?: string; column?: string; message: string }

/** `amana check <file> --live --json` as a developer runs it: exit code, findings, everything printed. */
const checkLive = async (yaml: string, env: Record<string, string>) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-planted-'))
  try {
    const file = join(dir, 'amana.yaml')
    await writeFile(file, yaml)
    const { out, err, io } = captureCliIo(env)
    const code = await runCli(['check', file, '--live', '--json'], io)
    const printed = [...out, ...err].join('\n')
    const live = (JSON.parse(out.join('\n')) as { live: Finding[] }).live
    return { code, live, printed }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const one = (findings: Finding[], severity: string, table: string, column: string, message: RegExp) => {
  const hits = findings.filter(
    (f) => f.severity === severity && f.table === table && f.column === column && message.test(f.message),
  )
  assert.equal(
    hits.length,
    1,
    `expected one ${severity} on ${table}.${column} matching ${message}; got:\n${findings.map((f) => `${f.severity} ${f.table}.${f.column}: ${f.message}`).join('\n')}`,
  )
}

const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, ''],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]

for (const [kind, url, reason] of servers)
  describe(`${kind}: amana check --live on a schema with planted problems`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn)
    let db: RealDatabase
    before(async () => {
      if (!skip) db = await createPlantedDatabase(kind, url)
    })
    after(async () => {
      if (!skip) await db?.drop()
    })

    test('a declared column that does not exist is an error naming it', async () => {
      const { code, live } = await checkLive(plantedManifestYaml(kind, { misspelt: true }), {
        PLANTED_DB_URL: db.url,
      })
      assert.equal(code, 1)
      one(live, 'error', 'customers', 'middle_name', /table "customers" has no column "middle_name"/)
    })

    test('every planted problem is found, with its fix, and no value is printed', async () => {
      const { code, live, printed } = await checkLive(plantedManifestYaml(kind), { PLANTED_DB_URL: db.url })
      assert.ok(!live.some((f) => /visits_20\d\d/.test(f.message)), 'partitions are not reported apart')
      assert.equal(code, 1, 'errors make the exit code non-zero')
      // Foreign keys: an undeclared table holding customers back with ON DELETE RESTRICT.
      one(
        live,
        'error',
        'loyalty',
        'customer_id',
        /erasure would fail: "loyalty" refers to "customers".*RESTRICT.*Fix:/,
      )
      // Sensitive categories in clear (the tokenised and hashed rows are not counted).
      one(
        live,
        'error',
        'customers',
        'national_id',
        /category "civil_id" in clear \(2 of 3 sampled values are not vault tokens\).*Fix: store the vault token/,
      )
      one(
        live,
        'error',
        'customers',
        'recovery_answer',
        /category "recovery" in clear \(2 of 3 sampled values.*bcrypt\/argon2\/scrypt.*Fix:/,
      )
      assert.ok(!live.some((f) => f.column === 'password_hash'), 'bcrypt hashes are not in clear')
      // Types an erasure cannot write.
      if (kind === 'mysql')
        one(live, 'error', 'orders', 'tier', /erasure would fail: orders.tier is an enum\/set column.*Fix:/)
      else one(live, 'warning', 'orders', 'tier', /would be left as it is on erasure.*Fix:/)
      one(live, 'warning', 'orders', 'coupon', /holds only 4 characters.*likely to collide.*Fix: widen/)
      if (kind === 'postgres')
        // Declared once on the partitioned parent, found once — not once per partition.
        one(
          live,
          'error',
          'visits',
          'customer_id',
          /erasure would fail: "visits" refers to "customers" \(constraint "visits_customer_fk".*RESTRICT/,
        )
      // CHECK constraints the anonymised placeholder breaks: a list of values, a length.
      one(
        live,
        'error',
        'orders',
        'status',
        /erasure would fail: orders.status would be anonymised to "erased-<hash>".*CHECK constraint "[^"]+" \(.*new.*paid.*\) refuses.*Fix:/,
      )
      one(
        live,
        'error',
        'orders',
        'gift_code',
        /erasure would fail: orders.gift_code .*CHECK constraint "orders_gift_code_length" \(.*char_length.*gift_code.*8.*\) refuses.*Fix:/,
      )
      one(live, 'warning', 'orders', 'loyalty_no', /left as it is on erasure \(numeric unique column.*Fix:/)
      // Identity lookups: case-sensitive email, phone compared by digits, neither indexed.
      one(live, 'warning', 'customers', 'email', /case-sensitive.*has no index.*Fix:/)
      one(live, 'warning', 'customers', 'phone', /compared by its digits.*has no index.*Fix:/)
      // Personal data declared nowhere: by name, and by sampled values.
      one(
        live,
        'warning',
        'customers',
        'birth_date',
        /looks like personal data \(date of birth, by its name\).*Fix:/,
      )
      one(
        live,
        'warning',
        'customers',
        'notes',
        /looks like personal data \(email address, by 20 sampled values/,
      )
      one(
        live,
        'warning',
        'customers',
        'payment_ref',
        /looks like personal data \(card number, by 20 sampled values/,
      )
      // A partitioned table pointing at customers without a foreign key.
      one(
        live,
        'warning',
        'clicks',
        'customer_id',
        /looks like a reference to customers.id.*"clicks" is partitioned.*Fix: declare/,
      )
      if (kind === 'postgres')
        assert.ok(
          live.some(
            (f) =>
              f.table === 'clicks_2026' &&
              /is a partition of "clicks".*Fix: declare "clicks"/.test(f.message),
          ),
          'a declared partition is reported',
        )
      for (const value of [
        '287010112345',
        'Fluffy',
        'Salmiya',
        'jane.alt@example.com',
        '4111',
        '5555555555554444',
      ])
        assert.ok(!printed.includes(value), `the value ${value} is never printed`)
    })

    test('a request stops before its first step on what the check calls an error', async () => {
      // The same pre-flight every request runs: the errors above, not the warnings.
      const { createPostgresConnector, createMysqlConnector } = await import('../../connectors/index.ts')
      const { planFromManifest } = await import('../../requests/index.ts')
      const parsed = parseManifest(plantedManifestYaml(kind))
      assert.ok(parsed.ok)
      const planned = planFromManifest(parsed.value.manifest, { PLANTED_DB_URL: db.url })
      assert.ok(planned.ok)
      const tables = planned.plan.tables.filter((t) => t.system === 'shop_db')
      const c =
        kind === 'postgres'
          ? createPostgresConnector({ system: 'shop_db', connection: { url: db.url }, tables })
          : createMysqlConnector({ system: 'shop_db', connection: { url: db.url }, tables })
      try {
        const result = await c.preflight()
        assert.equal(result.ok, false)
        const messages = result.ok ? [] : result.issues.map((i) => i.message)
        assert.ok(messages.some((m) => /"loyalty" refers to "customers"/.test(m)))
        if (kind === 'mysql') assert.ok(messages.some((m) => /orders.tier is an enum/.test(m)))
        assert.ok(messages.some((m) => /orders.status .*CHECK constraint/.test(m)))
        assert.ok(messages.some((m) => /orders.gift_code .*"orders_gift_code_length"/.test(m)))
        // The dry run (what the console shows) stops on the same findings, naming the constraint.
        await assert.rejects(
          c.erase(
            { identifiers: [{ kind: 'email', value: 'omar@example.com' }] },
            { now: new Date(), dryRun: true },
          ),
          (e: Error & { code?: string }) =>
            e.code === 'CONNECTOR_SCHEMA_MISMATCH' && /orders_gift_code_length/.test(e.message),
        )
        await assert.rejects(
          c.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now: new Date() }),
          (e: Error & { code?: string }) => e.code === 'CONNECTOR_SCHEMA_MISMATCH',
        )
        const [kept] = await db.query('select count(*) as n from customers')
        assert.equal(Number(kept?.n), 3, 'nothing was erased')
      } finally {
        await c.close()
      }
    })
  })

nodeTest(
  'amana check --live on the reference shop (RUMROM, its schema and seed on PGlite) reports no errors',
  async (t) => {
    const example = join(import.meta.dirname, '../../../../../examples/rumrom-bakery')
    const dir = await mkdtemp(join(tmpdir(), 'amana-rumrom-'))
    const yaml = await readFile(join(example, 'amana.yaml'), 'utf8')
    const parsed = parseManifest(yaml)
    assert.ok(parsed.ok)
    const shop = await startDemoShop({ dir, source: join(example, 'shop'), manifest: parsed.value.manifest })
    t.after(async () => {
      await shop.close()
      await rm(dir, { recursive: true, force: true })
    })
    const { code, live } = await checkLive(yaml, { ...shop.env })
    const errors = live.filter((f) => f.severity === 'error')
    assert.deepEqual(errors, [], errors.map((f) => f.message).join('\n'))
    assert.equal(code, 0)
    t.diagnostic(`warnings: ${live.map((f) => f.message).join(' | ')}`)
  },
)
