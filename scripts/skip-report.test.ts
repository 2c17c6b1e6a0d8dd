import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { type AllowedSkip, judgeSkips } from './skip-allowlist.ts'
import type { SkipRecord } from './skip-reporter.ts'

const suite = `import { describe, test } from 'node:test'
describe('outer', () => {
  test('runs', () => {})
  test('skipped', { skip: 'no server' }, () => {})
  test('skipped inside', (t) => t.skip('found no server'))
  test('later', { todo: 'not written' }, () => {})
  describe('hidden', { skip: 'whole suite' }, () => {
    test('never seen', () => {})
  })
})
`

/** Runs node's test runner on a file with the skip reporter, as scripts/test.ts does. */
const reportOf = (source: string): SkipRecord[] => {
  const dir = mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'skip-report-'))
  try {
    writeFileSync(join(dir, 'example.test.mjs'), source)
    const out = join(dir, 'skips.jsonl')
    spawnSync(
      process.execPath,
      [
        '--test',
        `--test-reporter=${join(import.meta.dirname, 'skip-reporter.ts')}`,
        `--test-reporter-destination=${out}`,
        'example.test.mjs',
      ],
      // Without NODE_TEST_CONTEXT, or the inner runner reports to this one instead of its reporter.
      { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
    )
    return readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => ({ ...(JSON.parse(l) as SkipRecord), file: 'example.test.mjs' }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('every test that did not run is reported with its suites, kind and reason, and a skipped suite as a suite', () => {
  assert.deepEqual(
    reportOf(suite).map(({ name, kind, reason, suite }) => ({ name, kind, reason, suite })),
    [
      { name: 'outer > skipped', kind: 'skip', reason: 'no server', suite: false },
      { name: 'outer > skipped inside', kind: 'skip', reason: 'found no server', suite: false },
      { name: 'outer > later', kind: 'todo', reason: 'not written', suite: false },
      { name: 'outer > hidden', kind: 'skip', reason: 'whole suite', suite: true },
    ],
  )
})

const skip = (name: string, suite = false): SkipRecord => ({
  file: 'example.test.mjs',
  name,
  kind: 'skip',
  reason: 'no server',
  suite,
})
const allow = (test: string, when: AllowedSkip['when']): AllowedSkip => ({
  file: 'example.test.mjs',
  test,
  when,
  reason: 'runs in the other pass',
})

test('a skip is allowed only by a listed entry whose condition holds; a skipped suite never', () => {
  const allowlist = [allow('outer > skipped', 'pglite'), allow('mysql > .*', 'no-mysql')]
  const verdicts = judgeSkips(
    [
      skip('outer > skipped'),
      skip('mysql > one'),
      skip('outer > skipped inside'),
      skip('outer > hidden', true),
    ],
    allowlist,
    new Set(['postgres', 'no-mysql']),
  )
  assert.deepEqual(
    verdicts.map((v) => (v.ok ? 'allowed' : v.problem)),
    [
      'allowed only when pglite, which does not hold in this run',
      'allowed',
      'not in test/skip-allowlist.json',
      'a skipped describe hides how many tests it holds: pass { skip } to the tests inside it instead',
    ],
  )
  assert.equal(judgeSkips([skip('outer > skipped')], allowlist, new Set(['pglite']))[0]?.ok, true)
  assert.equal(
    judgeSkips([skip('outer > skipped and more')], allowlist, new Set(['pglite']))[0]?.ok,
    false,
    'the pattern matches the whole name',
  )
})
