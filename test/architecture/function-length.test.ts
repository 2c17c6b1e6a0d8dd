/**
 * No function over MAX_LINES lines without a reason (issue 14, STYLE.md "rooms not halls"). The
 * first tests plant a long function with and without a reason, so the check provably bites; the
 * last one runs it over the real sources.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { longFunctions, longFunctionsIn, MAX_LINES } from './function-length.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i}`).join('\n')

describe('function length', () => {
  it('finds a long function without a reason, whatever its form', () => {
    const forms = [
      `export const f = () => {\n${body(MAX_LINES)}\n}\n`,
      `export function f() {\n${body(MAX_LINES)}\n}\n`,
      `export const routes = (a: number) => async (b: number) => {\n${body(MAX_LINES)}\n}\n`,
      `const o = {\n  m() {\n${body(MAX_LINES)}\n  },\n}\n`,
    ]
    for (const text of forms) {
      const found = longFunctions('planted.ts', text)
      assert.equal(found.length, 1, text.slice(0, 60))
      assert.equal(found[0]?.reason, false)
    }
  })

  it('accepts a long function that says why, and any function of MAX_LINES lines', () => {
    const reasoned = `/** A store. long-function: one short query per method. */\nexport const f = () => {\n${body(MAX_LINES)}\n}\n`
    assert.deepEqual(
      longFunctions('planted.ts', reasoned).map((f) => f.reason),
      [true],
    )
    assert.deepEqual(longFunctions('planted.ts', `const f = () => {\n${body(MAX_LINES - 2)}\n}\n`), [])
  })

  it(`every function in packages/*/src over ${MAX_LINES} lines says why`, () => {
    const unexplained = longFunctionsIn(root).filter((f) => !f.reason)
    assert.deepEqual(
      unexplained.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`),
      [],
      `Split these into smaller functions (STYLE.md "rooms not halls"), or say why not in a comment on the declaration: // long-function: <reason>`,
    )
  })
})
