import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { loadConfig } from './load-config.ts'

const tmp = () => mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'cfg-'))

test('every invalid variable is reported at once, each with an example value', () => {
  const result = loadConfig({
    AMANA_PORT: 'eighty',
    AMANA_HOST: '',
    AMANA_DATABASE_URL: 'mysql://x',
    AMANA_LOG_LEVEL: 'loud',
  })
  assert.equal(result.ok, false)
  if (result.ok) return
  const variables = result.issues.map((i) => i.variable).sort()
  assert.deepEqual(variables, ['AMANA_DATABASE_URL', 'AMANA_LOG_LEVEL', 'AMANA_PORT'])
  for (const issue of result.issues) assert.ok(issue.example.length > 0, `${issue.variable} has an example`)
  assert.match(result.issues.find((i) => i.variable === 'AMANA_PORT')!.message, /eighty/)
})

test('production refuses to start without the master key, session secret and manifest', () => {
  const result = loadConfig({ AMANA_MODE: 'production', AMANA_DATA_DIR: tmp() })
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.deepEqual(result.issues.map((i) => i.variable).sort(), [
    'AMANA_MANIFEST',
    'AMANA_MASTER_KEY',
    'AMANA_SESSION_SECRET',
  ])
})

test('the demo generates its secrets once, stores them with mode 0600, and says so', () => {
  const dir = tmp()
  const first = loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir })
  assert.ok(first.ok)
  if (!first.ok) return
  assert.equal(statSync(join(dir, 'secrets.json')).mode & 0o777, 0o600)
  assert.match(first.config.notices.join('\n'), /Generated demo secrets/)
  const second = loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir })
  assert.ok(second.ok)
  if (!second.ok) return
  assert.ok(second.config.secrets.masterKey.equals(first.config.secrets.masterKey), 'same key on restart')
})

test('unset database URL means the embedded database in the data dir; a postgres URL means PostgreSQL', () => {
  const dir = tmp()
  const embedded = loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir })
  assert.ok(
    embedded.ok &&
      embedded.config.database.kind === 'pglite' &&
      embedded.config.database.dataDir.startsWith(dir),
  )
  const server = loadConfig({
    AMANA_MODE: 'demo',
    AMANA_DATA_DIR: dir,
    AMANA_DATABASE_URL: 'postgres://a@db.internal:5432/amana',
  })
  assert.ok(server.ok && server.config.database.kind === 'postgres')
  assert.ok(embedded.ok && embedded.config.http.port === 3000 && embedded.config.http.host === '127.0.0.1')
})

test('a read-only data dir is reported naming AMANA_DATA_DIR', {
  skip: process.getuid?.() === 0 ? 'root ignores file modes' : false,
}, () => {
  const dir = tmp()
  chmodSync(dir, 0o500)
  const result = loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: join(dir, 'sub') })
  assert.equal(result.ok, false)
  if (!result.ok) assert.equal(result.issues[0]?.variable, 'AMANA_DATA_DIR')
})
