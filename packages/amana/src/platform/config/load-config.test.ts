import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { demoManifestPath, formatConfigIssues, loadConfig, manifestPathFromEnv } from './load-config.ts'

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

const productionOnPostgres = (env: Record<string, string>) =>
  loadConfig({
    AMANA_MODE: 'production',
    AMANA_DATA_DIR: tmp(),
    AMANA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    AMANA_SESSION_SECRET: 's'.repeat(48),
    AMANA_MANIFEST: './amana.yaml',
    AMANA_DATABASE_URL: 'postgres://amana@db.internal:5432/amana',
    ...env,
  })

test('production on PostgreSQL without AMANA_KEYSTORE_URL is refused, with the other problems and an example', () => {
  const result = loadConfig({
    AMANA_MODE: 'production',
    AMANA_DATA_DIR: tmp(),
    AMANA_DATABASE_URL: 'postgres://amana@db.internal:5432/amana',
  })
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.deepEqual(result.issues.map((i) => i.variable).sort(), [
    'AMANA_KEYSTORE_URL',
    'AMANA_MANIFEST',
    'AMANA_MASTER_KEY',
    'AMANA_SESSION_SECRET',
  ])
  const issue = result.issues.find((i) => i.variable === 'AMANA_KEYSTORE_URL')
  assert.ok(issue)
  assert.match(issue.message, /required in production on PostgreSQL/)
  assert.match(issue.message, /backups/)
  assert.match(issue.example, /^postgres:\/\/.+\/\w+/)
  assert.match(formatConfigIssues(result.issues), /Example: AMANA_KEYSTORE_URL=postgres:\/\//)
})

test('the key store may be another database on the same server, never the main database itself', () => {
  const separate = productionOnPostgres({ AMANA_KEYSTORE_URL: 'postgres://keys@db.internal:5432/amana_keys' })
  assert.ok(separate.ok)
  assert.deepEqual(separate.ok && separate.config.keyStore, {
    kind: 'postgres',
    url: 'postgres://keys@db.internal:5432/amana_keys',
  })
  for (const same of [
    'postgres://amana@db.internal:5432/amana',
    'postgresql://other:pw@DB.internal/amana?options=-c%20search_path%3Dkeys',
  ]) {
    const result = productionOnPostgres({ AMANA_KEYSTORE_URL: same })
    assert.equal(result.ok, false, same)
    if (result.ok) continue
    assert.equal(result.issues[0]?.variable, 'AMANA_KEYSTORE_URL')
    const message = String(result.issues[0]?.message)
    assert.match(message, /same database as AMANA_DATABASE_URL/)
    assert.doesNotMatch(message, /pw/, 'no password in the message')
  }
})

test('the demo on PostgreSQL may keep its embedded key store in the data dir', () => {
  const dir = tmp()
  const demo = loadConfig({
    AMANA_MODE: 'demo',
    AMANA_DATA_DIR: dir,
    AMANA_DATABASE_URL: 'postgres://a@db.internal:5432/amana',
  })
  assert.ok(demo.ok && demo.config.keyStore.kind === 'pglite' && demo.config.keyStore.dataDir.startsWith(dir))
})

test('audit anchors: the demo anchors into its data dir, production names a directory or file:// URL', () => {
  const dir = tmp()
  const demo = loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir })
  assert.ok(demo.ok)
  assert.deepEqual(demo.config.audit, {
    anchorDir: join(dir, 'audit-anchors'),
    anchorWebhookUrl: undefined,
    checkpointEvery: 10_000,
  })
  const production = {
    AMANA_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    AMANA_SESSION_SECRET: 'x'.repeat(48),
    AMANA_MANIFEST: 'amana.yaml',
  }
  const unset = loadConfig(production, {}, '/srv')
  assert.ok(unset.ok && unset.config.audit.anchorDir === undefined)
  const named = loadConfig(
    { ...production, AMANA_AUDIT_ANCHOR: 'file:///var/lib/anchors', AMANA_AUDIT_CHECKPOINT_EVERY: '500' },
    {},
    '/srv',
  )
  assert.ok(named.ok)
  assert.equal(named.config.audit.anchorDir, '/var/lib/anchors')
  assert.equal(named.config.audit.checkpointEvery, 500)
  const wrong = loadConfig(
    { ...production, AMANA_AUDIT_ANCHOR: 's3://bucket/x', AMANA_AUDIT_ANCHOR_WEBHOOK_URL: 'ftp://x' },
    {},
    '/srv',
  )
  assert.ok(!wrong.ok)
  assert.match(formatConfigIssues(wrong.issues), /AMANA_AUDIT_ANCHOR: must be a directory path or a file:/)
  assert.match(formatConfigIssues(wrong.issues), /AMANA_AUDIT_ANCHOR_WEBHOOK_URL: must be an http/)
})

test('amana check finds its manifest through the config: AMANA_MANIFEST when set, else the demo', () => {
  assert.equal(manifestPathFromEnv({ AMANA_MANIFEST: 'shop/amana.yaml' }), 'shop/amana.yaml')
  assert.equal(manifestPathFromEnv({}), demoManifestPath)
  assert.equal(manifestPathFromEnv({ AMANA_MANIFEST: '' }), demoManifestPath, 'empty is unset')
})

test('AMANA_ALLOWED_ORIGINS takes comma-separated origins; one with a path is refused naming the variable, with an example', () => {
  const base = { AMANA_MODE: 'demo', AMANA_DATA_DIR: tmp() }
  const unset = loadConfig(base)
  assert.ok(unset.ok)
  if (unset.ok) assert.deepEqual(unset.config.http.allowedOrigins, [])
  const ok = loadConfig({
    ...base,
    AMANA_ALLOWED_ORIGINS: 'https://staging.shop.example, http://localhost:8080/',
  })
  assert.ok(ok.ok)
  if (ok.ok)
    assert.deepEqual(ok.config.http.allowedOrigins, ['https://staging.shop.example', 'http://localhost:8080'])
  for (const bad of ['https://shop.example/cart', 'staging.shop.example', 'ftp://shop.example']) {
    const result = loadConfig({ ...base, AMANA_ALLOWED_ORIGINS: bad })
    assert.equal(result.ok, false, bad)
    if (result.ok) continue
    const text = formatConfigIssues(result.issues)
    assert.match(text, /AMANA_ALLOWED_ORIGINS: must be comma-separated origins/)
    assert.match(text, /Example: AMANA_ALLOWED_ORIGINS=https:\/\/staging\.shop\.example/)
  }
})
