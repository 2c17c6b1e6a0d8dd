import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { openConfiguredDatabase } from '../../app/start.ts'
import { captureCliIo as capture } from '../../testing/cli-io.ts'
import { configFor } from '../load.ts'
import { runCli } from '../run-cli.ts'

test('amana staff create --language: the member reads Amana mail in Arabic; another language is refused naming the flag', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-staff-cli-'))
  const db = ['--demo', '--data-dir', dir]
  try {
    const made = capture()
    assert.equal(
      await runCli(
        ['staff', 'create', '--owner', '--email', 'owner@shop.example', '--language', 'ar', ...db],
        made.io,
      ),
      0,
    )
    assert.match(made.out.join('\n'), /Created owner owner@shop\.example/)
    assert.equal(
      await runCli(
        ['staff', 'create', '--role', 'viewer', '--email', 'viewer@shop.example', ...db],
        capture().io,
      ),
      0,
    )
    const refused = capture()
    assert.equal(
      await runCli(
        ['staff', 'create', '--role', 'viewer', '--email', 'x@shop.example', '--language', 'fr', ...db],
        refused.io,
      ),
      2,
    )
    assert.match(refused.err.join('\n'), /--language is en or ar/)

    const database = await openConfiguredDatabase(configFor({ demo: true, 'data-dir': dir }, capture().io))
    try {
      const rows = await database.db
        .selectFrom('staff_member')
        .select(['email', 'language'])
        .orderBy('email')
        .execute()
      assert.deepEqual(rows, [
        { email: 'owner@shop.example', language: 'ar' },
        { email: 'viewer@shop.example', language: 'en' },
      ])
    } finally {
      await database.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
