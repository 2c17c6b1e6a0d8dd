import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { isAmanaError } from '../../platform/errors/index.ts'
import { createLocalFileStore, resolveInStore } from './file-store.ts'

const rejected = (e: unknown) => isAmanaError(e) && e.code === 'FILE_PATH_REJECTED'

test('references that escape the store root are refused', () => {
  for (const ref of [
    '../etc/passwd',
    'designs/../../secret',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    '',
    'a\u0000b',
    '..',
  ])
    assert.throws(() => resolveInStore('designs', '/srv/uploads', ref), rejected, JSON.stringify(ref))
  assert.equal(
    resolveInStore('designs', '/srv/uploads', 'designs/c-1/rose.png'),
    '/srv/uploads/designs/c-1/rose.png',
  )
})

test('a local store copies out, removes, and reports a file already gone', async () => {
  const root = await mkdtemp(join(tmpdir(), 'amana-store-'))
  try {
    await writeFile(join(root, 'rose.png'), 'png')
    const store = createLocalFileStore('designs', root)
    assert.equal(await store.copyTo('rose.png', join(root, 'out', 'copy.png')), true)
    assert.equal(await readFile(join(root, 'out', 'copy.png'), 'utf8'), 'png')
    assert.equal(await store.remove('rose.png'), 'removed')
    assert.equal(await store.remove('rose.png'), 'absent')
    assert.equal(await store.read('rose.png'), null)
    await assert.rejects(store.remove('../outside.png'), rejected)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})
