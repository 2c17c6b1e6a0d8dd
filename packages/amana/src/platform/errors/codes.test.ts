import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { errorCodes } from './codes.ts'

const docs = readFileSync(new URL('../../../../../docs/errors.md', import.meta.url), 'utf8')

test('docs/errors.md documents every error code with its HTTP status', () => {
  const missing = Object.entries(errorCodes).filter(
    ([code, { status }]) => !new RegExp(`\\| \`${code}\` \\| ${status} \\|`).test(docs),
  )
  assert.deepEqual(
    missing.map(([code]) => code),
    [],
    'add a row "| `CODE` | status | meaning | fix |" to docs/errors.md',
  )
})

test('docs/errors.md lists no code that does not exist', () => {
  const documented = [...docs.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1])
  assert.deepEqual(
    documented.filter((c) => !(c! in errorCodes)),
    [],
  )
})
