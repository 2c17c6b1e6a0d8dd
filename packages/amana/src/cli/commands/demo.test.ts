import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { lockDirectory } from '../../platform/db/dir-lock.ts'
import { captureCliIo as capture } from '../../testing/cli-io.ts'
import { runCli } from '../run-cli.ts'

test('amana demo reset: refused without --yes when no one can confirm, refused while a start holds the data, else deletes it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-reset-'))
  try {
    await mkdir(join(dir, 'shop', 'uploads'), { recursive: true })
    await writeFile(join(dir, 'shop', 'uploads', 'design.png'), 'x')

    const unconfirmed = capture()
    if (!process.stdin.isTTY) {
      assert.equal(await runCli(['demo', 'reset', '--data-dir', dir], unconfirmed.io), 2)
      assert.match(unconfirmed.err.join('\n'), /add --yes/)
      assert.ok(existsSync(join(dir, 'shop', 'uploads', 'design.png')), 'nothing deleted')
    }

    const held = await lockDirectory(join(dir, 'shop', 'pgdata'))
    try {
      const refused = capture()
      assert.equal(await runCli(['demo', 'reset', '--yes', '--data-dir', dir], refused.io), 1)
      assert.match(refused.err.join('\n'), /shop/)
      assert.ok(existsSync(join(dir, 'shop', 'uploads', 'design.png')), 'nothing deleted while held')
    } finally {
      await held.release()
    }

    const reset = capture()
    assert.equal(await runCli(['demo', 'reset', '--yes', '--data-dir', dir], reset.io), 0)
    assert.equal(existsSync(dir), false)
    assert.match(reset.out.join('\n'), /seeds the demo again/)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
