import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import {
  deriveAuditSigningKey,
  readAnchorFile,
  verifyLedgerAgainstAnchors,
} from '../../packages/amana/src/audit/index.ts'
import { createTestApp, createTestConfig } from '../../packages/amana/src/testing/test-app.ts'

test('a running Amana anchors its audit checkpoints where AMANA_AUDIT_ANCHOR says, every AMANA_AUDIT_CHECKPOINT_EVERY entries', async () => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'anchors-'))
  const config = createTestConfig({ AMANA_AUDIT_ANCHOR: `file://${dir}`, AMANA_AUDIT_CHECKPOINT_EVERY: '5' })
  const t = await createTestApp({ config, worker: true })
  try {
    for (let i = 0; i < 12; i++)
      await t.services.audit.append({
        actor: { type: 'staff', id: 'stf_1' },
        action: 'personal-data.read',
        subjectId: `sub_${i}`,
      })
    await t.services.audit.flush()
    const anchors = await readAnchorFile(dir)
    assert.deepEqual(
      anchors.anchors.map((a) => a.checkpoint.seq),
      [5, 10],
    )
    const key = deriveAuditSigningKey(config.secrets.rootKey)
    const result = await verifyLedgerAgainstAnchors({ db: t.database.db, publicKeys: [key], anchors })
    assert.equal(result.ok, true)

    // Entries 6–12 and the checkpoint on 10 removed, the head moved back: the anchor on 10 remembers.
    await t.database.db.deleteFrom('audit_entry').where('seq', '>', '5').execute()
    await t.database.db.deleteFrom('audit_checkpoint').where('seq', '>', '5').execute()
    const five = anchors.anchors[0]?.checkpoint
    assert.ok(five)
    await t.database.db.updateTable('audit_head').set({ seq: 5, hash: five.hash }).execute()
    const cut = await verifyLedgerAgainstAnchors({ db: t.database.db, publicKeys: [key], anchors })
    assert.equal(cut.ledger.ok, true, 'the database alone cannot tell')
    assert.equal(cut.ok, false)
    assert.match(
      cut.anchors.findings[0]?.message ?? '',
      /the ledger ends at entry 5 but an anchor .* records entry 10/,
    )
  } finally {
    await t.close()
  }
})

test('a clean stop signs and anchors the newest audit entries, so a cut while stopped is caught', async () => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'anchors-'))
  const config = createTestConfig({ AMANA_AUDIT_ANCHOR: dir })
  const t = await createTestApp({ config })
  let closed = false
  try {
    for (let i = 0; i < 3; i++)
      await t.services.audit.append({ actor: { type: 'system', id: 'test' }, action: 'config.changed' })
    await t.close()
    closed = true
  } finally {
    if (!closed) await t.close()
  }
  const anchors = await readAnchorFile(dir)
  assert.deepEqual(
    anchors.anchors.map((a) => a.checkpoint.seq),
    [3],
  )
})
