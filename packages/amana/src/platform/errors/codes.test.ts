import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { errorCodes } from './codes.ts'

const docs = readFileSync(new URL('../../../../../docs/errors.md', import.meta.url), 'utf8')

/** The rows of the table: code → HTTP status, however the columns are padded. */
const documented = new Map(
  docs
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => /^`[A-Z_]+`$/.test(cells[1] ?? ''))
    .map((cells) => [cells[1]!.slice(1, -1), Number(cells[2])]),
)

test('docs/errors.md documents every error code with its HTTP status', () => {
  const missing = Object.entries(errorCodes).filter(([code, { status }]) => documented.get(code) !== status)
  assert.deepEqual(
    missing.map(([code]) => code),
    [],
    'add a row "| `CODE` | status | meaning | fix |" to docs/errors.md',
  )
})

test('docs/errors.md lists no code that does not exist', () => {
  assert.deepEqual(
    [...documented.keys()].filter((c) => !(c in errorCodes)),
    [],
  )
})
