import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, test } from 'node:test'
import {
  createShapesDatabase,
  shapesManifestYaml,
} from '../../../../test/fixtures/live-shapes/live-shapes.ts'
import {
  createPlantedDatabase,
  plantedManifestYaml,
} from '../../../../test/fixtures/planted-schema/planted-schema.ts'
import type { RealDatabase, RealKind } from '../../../../test/fixtures/real-schema/real-schema.ts'
import { type LiveFindingKey, liveFindingText, openConnectors } from '../connectors/index.ts'
import { en } from '../connectors/sql/copy/en.ts'
import { parseManifest } from '../manifest/index.ts'
import { type LiveFinding, planFindings } from './plan-findings.ts'
import { planFromManifest } from './plan-from-manifest.ts'

const now = new Date('2026-06-01T00:00:00Z')

/** What `amana check --live` and the dry-run page find for a manifest over a database. */
const findingsOf = async (yaml: string, env: Record<string, string>): Promise<LiveFinding[]> => {
  const parsed = parseManifest(yaml)
  assert.ok(parsed.ok)
  const planned = planFromManifest(parsed.value.manifest, env)
  assert.ok(planned.ok)
  const opened = openConnectors(planned.plan, { newId: randomUUID, now: () => now, connectTimeoutMs: 3000 })
  try {
    return await planFindings(parsed.value.manifest, planned.plan, opened, now)
  } finally {
    await opened.close()
  }
}

/** Latin words left in Arabic once every isolated value (FSI … PDI) is taken out. */
const latinOutsideValues = (text: string) =>
  text.replace(/\u2068[^\u2069]*\u2069/g, '').match(/[A-Za-z]+/g) ?? []

/**
 * Every finding carries a catalogue key; its English is the message the CLI prints (so the
 * CLI's text is the catalogue's, asserted byte for byte here); its Arabic has no English
 * outside the isolated values and no parameter left unfilled.
 */
const assertWords = (findings: readonly LiveFinding[]) => {
  for (const f of findings) {
    const where = `${f.system}.${f.table}.${f.column}: ${f.message}`
    assert.ok(f.copy, `no catalogue key: ${where}`)
    assert.equal(liveFindingText('en', f.copy), f.message, where)
    const arabic = liveFindingText('ar', f.copy, (value) => `\u2068${value}\u2069`)
    assert.deepEqual(latinOutsideValues(arabic), [], `${where}\n${arabic}`)
    assert.doesNotMatch(arabic, /\{\w+\}/, where)
    assert.match(arabic, /[\u0600-\u06FF]/, where)
  }
}

/** Shapes no database here can produce; their words are still checked against the English below. */
const unreachable: Partial<Record<LiveFindingKey, string>> = {
  'schema.table-missing.bare': 'a plan from a manifest always says where a table is declared',
  'schema.column-missing.role': 'a plan from a manifest always says where a column is declared',
  'schema.column-missing.bare': 'a plan from a manifest always says where a reference is declared',
  'connection.lost': 'needs a server that drops the connection mid-read',
  'connection.server': 'needs a server refusing connections for load or shutdown (SQLSTATE 08/57P/53300)',
  'connection.refused': 'a catalog read refused for another reason than unavailability (privileges)',
}

const servers: [RealKind, string | undefined, string | false][] = [
  ['postgres', process.env.TEST_DATABASE_URL, false],
  ['mysql', process.env.TEST_MYSQL_URL, process.env.TEST_MYSQL_URL ? false : 'set TEST_MYSQL_URL'],
]

for (const [kind, url, skip] of servers)
  describe(`live findings in Arabic (${kind})`, () => {
    test('every shape the planted shops produce has catalogue words; English unchanged, Arabic in Arabic', {
      skip,
    }, async () => {
      const fired = new Set<string>()
      const run = async (db: RealDatabase, yamls: string[], variable: string) => {
        try {
          for (const yaml of yamls) {
            const findings = await findingsOf(yaml, { [variable]: db.url })
            assert.ok(findings.length > 0)
            assertWords(findings)
            for (const f of findings) if (f.copy) fired.add(f.copy.key)
          }
        } finally {
          await db.drop()
        }
      }
      await run(
        await createPlantedDatabase(kind, url),
        [plantedManifestYaml(kind), plantedManifestYaml(kind, { misspelt: true })],
        'PLANTED_DB_URL',
      )
      const shapes = await createShapesDatabase(kind, url)
      const missingDb = new URL(shapes.url)
      missingDb.pathname = '/amana_no_such_database'
      await run(shapes, [shapesManifestYaml(kind), shapesManifestYaml(kind, 'broken')], 'SHAPES_DB_URL')
      const unavailable = async (connection: string) => {
        const findings = await findingsOf(shapesManifestYaml(kind), { SHAPES_DB_URL: connection })
        assert.equal(findings.length, 1)
        assertWords(findings)
        for (const f of findings) if (f.copy) fired.add(f.copy.key)
      }
      await unavailable(`${kind}://root@127.0.0.1:1/none`)
      await unavailable(missingDb.href)
      if (kind === 'postgres' && url) {
        const stranger = new URL(url)
        stranger.username = 'amana_no_such_role'
        await unavailable(stranger.href)
      }
      // Dialect-specific: an enum column refuses the placeholder only on MySQL/MariaDB (PostgreSQL's
      // enum has no neutral value: left as it is); a partition is declared apart only on PostgreSQL.
      const elsewhere: Partial<Record<LiveFindingKey, RealKind | 'none'>> = {
        'writable.enum': 'mysql',
        'index.case-sensitive': 'postgres',
        partition: 'postgres',
        'dangling.partitioned': kind,
        'writable.kept': kind,
        'index.reference': kind,
        // The embedded server has one database and no roles; a PostgreSQL or MariaDB server has both.
        'connection.authentication': url && kind === 'postgres' ? kind : 'none',
        'connection.no-database': url ? kind : 'none',
      }
      const expected = (Object.keys(en) as LiveFindingKey[]).filter(
        (key) => !(key in unreachable) && (elsewhere[key] ?? kind) === kind,
      )
      assert.deepEqual(
        expected.filter((key) => !fired.has(key)),
        [],
        'every reachable shape is planted',
      )
      for (const key of Object.keys(unreachable)) assert.ok(!fired.has(key), `${key} is reached now`)
    })
  })

test('the Arabic catalogue has every key, with the English parameters and no English words of its own', async () => {
  const { ar } = await import('../connectors/sql/copy/ar.ts')
  const params = (t: string) => [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort())
  for (const key of Object.keys(en) as LiveFindingKey[]) {
    assert.deepEqual(params(ar[key]), params(en[key]), key)
    assert.deepEqual(latinOutsideValues(ar[key].replace(/\{\w+\}/g, '')), [], key)
  }
})
