import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { openConfiguredDatabase } from '../../app/start.ts'
import { createAuditLedger, deriveAuditSigningKey } from '../../audit/index.ts'
import { loadConfig, requireConfig } from '../../platform/config/index.ts'
import { runCli } from '../run-cli.ts'

const run = async (args: string[]) => {
  const out: string[] = []
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    env: {},
    cwd: process.cwd(),
  })
  return { code, text: out.join('\n') }
}

test('amana audit verify passes an intact ledger and names the seq of an edited entry', async () => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'audit-cli-'))
  const config = requireConfig(loadConfig({ AMANA_MODE: 'demo', AMANA_DATA_DIR: dir }))
  const database = await openConfiguredDatabase(config)
  const ledger = createAuditLedger({
    db: database.db,
    signingKey: deriveAuditSigningKey(config.secrets.rootKey),
  })
  for (let i = 0; i < 5; i++)
    await ledger.append({
      actor: { type: 'staff', id: 'staff-1' },
      action: 'personal-data.read',
      subjectId: `subject-${i}`,
    })
  await ledger.flush()
  await database.close()

  const intact = await run(['audit', 'verify', '--demo', '--data-dir', dir])
  assert.equal(intact.code, 0, intact.text)
  assert.match(intact.text, /intact: 5 entries/)

  const again = await openConfiguredDatabase(config)
  await sql`update audit_entry set body = replace(body, 'subject-2', 'subject-9') where seq = 3`.execute(
    again.db,
  )
  await again.close()
  const broken = await run(['audit', 'verify', '--demo', '--data-dir', dir])
  assert.equal(broken.code, 1)
  assert.match(broken.text, /BROKEN/)
  assert.match(broken.text, /seq 3/)
})
