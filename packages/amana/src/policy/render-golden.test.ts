import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { goldenDir, isGoldenFile, renderGoldenFiles } from './golden/cases.ts'

// The rendered policies of every example manifest, in both languages and every format, byte for
// byte. A failure after a refactor is a change of behaviour; after an intended change of the text,
// rewrite them with golden/write-golden.ts and review the diff.
describe('golden policies', () => {
  const files = renderGoldenFiles()

  it('are exactly the files in golden/ (none missing, none left over)', () => {
    const stored = readdirSync(goldenDir).filter(isGoldenFile)
    assert.deepEqual(stored.sort(), [...files.keys()].sort())
  })

  for (const [name, content] of files) {
    it(name, () => {
      assert.equal(content, readFileSync(new URL(name, goldenDir), 'utf8'))
    })
  }
})
