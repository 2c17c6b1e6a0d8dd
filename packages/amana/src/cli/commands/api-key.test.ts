import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { openConfiguredDatabase } from '../../app/start.ts'
import { createLogger } from '../../platform/logging/index.ts'
import { createLogAuditSink, createStaffAccess, deriveStaffKeys } from '../../staff/index.ts'
import { captureCliIo as capture } from '../../testing/cli-io.ts'
import { configFor } from '../load.ts'
import { runCli } from '../run-cli.ts'

/** What the HTTP server would make of a key: its principal, and the audit entries about keys. */
const inspect = async (dir: string, key: string) => {
  const io = capture().io
  const config = configFor({ demo: true, 'data-dir': dir }, io)
  const database = await openConfiguredDatabase(config)
  try {
    const access = createStaffAccess({
      db: database.db,
      keys: deriveStaffKeys(config.secrets),
      audit: createLogAuditSink(createLogger({ level: 'silent' })),
      now: () => new Date(),
      publicUrl: config.http.publicUrl,
      issuer: 'Amana',
    })
    const principal = await access.authenticateApiKey(key, { ip: '127.0.0.1' })
    const audited = await database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_type', 'body'])
      .where('action', 'like', 'api-key.%')
      .orderBy('seq')
      .execute()
    return { principal, audited }
  } finally {
    await database.close()
  }
}

test('amana api-key create|list|revoke: the key is printed once, works, is listed without its secret, audited, and revoked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-api-key-'))
  const db = ['--demo', '--data-dir', dir]
  try {
    const noOwner = capture()
    assert.equal(
      await runCli(
        ['api-key', 'create', '--name', 'backend', '--scope', 'system:metrics', ...db],
        noOwner.io,
      ),
      2,
    )
    assert.match(noOwner.err.join('\n'), /--created-by.*staff create --owner/)

    assert.equal(
      await runCli(['staff', 'create', '--owner', '--email', 'owner@shop.example', ...db], capture().io),
      0,
    )
    assert.equal(
      await runCli(
        ['staff', 'create', '--role', 'support-agent', '--email', 'agent@shop.example', ...db],
        capture().io,
      ),
      0,
    )

    const badScope = capture()
    assert.equal(
      await runCli(['api-key', 'create', '--name', 'x', '--scope', 'everything', ...db], badScope.io),
      2,
    )
    assert.match(badScope.err.join('\n'), /unknown scope everything\. Valid scopes: .*system:metrics/)

    const agent = capture()
    const asAgent = [
      'api-key',
      'create',
      '--name',
      'x',
      '--scope',
      'consent:read',
      '--created-by',
      'agent@shop.example',
    ]
    assert.equal(await runCli([...asAgent, ...db], agent.io), 2)
    assert.match(agent.err.join('\n'), /agent@shop\.example \(support-agent\) may not manage API keys/)

    const created = capture()
    const create = [
      'api-key',
      'create',
      '--name',
      'prometheus',
      '--scope',
      'system:metrics',
      '--scope',
      'decisions:read',
    ]
    assert.equal(await runCli([...create, ...db], created.io), 0, created.err.join('\n'))
    const printed = created.out.join('\n')
    const key = printed.match(/^ {2}(\S+)$/m)?.[1]
    const id = printed.match(/Created API key (\S+)/)?.[1]
    assert.ok(key && id, printed)
    assert.match(printed, /by owner@shop\.example/)

    const listed = capture()
    assert.equal(await runCli(['api-key', 'list', ...db], listed.io), 0)
    const line = listed.out.find((l) => l.startsWith(id))
    assert.ok(line, listed.out.join('\n'))
    assert.match(line, /active.*"prometheus".*system:metrics decisions:read/)
    assert.doesNotMatch(listed.out.join('\n'), new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))

    const live = await inspect(dir, key)
    assert.ok(live.principal?.permissions.has('system:metrics'), 'the key authenticates with its scope')
    assert.equal(live.principal?.permissions.has('audit:read'), false)

    const revoked = capture()
    assert.equal(await runCli(['api-key', 'revoke', id, ...db], revoked.io), 0, revoked.err.join('\n'))
    const after = capture()
    assert.equal(await runCli(['api-key', 'list', ...db], after.io), 0)
    assert.match(after.out.find((l) => l.startsWith(id)) ?? '', /revoked \d{4}-/)
    assert.doesNotMatch(after.out.find((l) => l.startsWith(id)) ?? '', /active/)

    const dead = await inspect(dir, key)
    assert.equal(dead.principal, undefined, 'a revoked key is refused')
    // As the HTTP route records them: by the staff member, naming the key.
    assert.deepEqual(
      dead.audited.map((a) => [a.action, a.actor_type, a.body.includes(id)]),
      [
        ['api-key.created', 'staff', true],
        ['api-key.revoked', 'staff', true],
      ],
    )

    const unknown = capture()
    assert.equal(
      await runCli(['api-key', 'revoke', '00000000-0000-4000-8000-000000000000', ...db], unknown.io),
      1,
    )
    assert.match(unknown.err.join('\n'), /no API key .*api-key list/)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
