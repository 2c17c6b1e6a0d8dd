import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { lockDirectory } from '../platform/db/dir-lock.ts'
import { lazyKeyStore } from './lazy-key-store.ts'

test('a key store another process holds is refused on use, and opens on the next use once it is free', async () => {
  const dataDir = join(mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'lazy-')), 'keystore')
  const other = await lockDirectory(dataDir)
  const keys = lazyKeyStore({ kind: 'pglite', dataDir })
  try {
    await assert.rejects(keys.keyStore.find('s-1'), /is open in another Amana process/)
    await other.release()
    assert.deepEqual(await keys.keyStore.find('s-1'), { kind: 'none' }, 'not stuck on the first failure')
  } finally {
    await other.release()
    await keys.close()
  }
})
