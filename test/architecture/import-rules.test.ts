/**
 * ARCHITECTURE.md "Dependency rules", enforced: every import in packages/amana/src, packages/web/src
 * and packages/widget/src is judged. The first tests plant each kind of violation in a synthetic
 * graph, so the check provably bites; the last one runs it over the real sources.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findViolations, readImportGraph, type SourceFile } from './import-rules.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const S = 'packages/amana/src/'
const file = (path: string, imports: string[], readsEnv = false): SourceFile => ({ path, imports, readsEnv })
const rulesBroken = (files: SourceFile[]) => findViolations(files).map((v) => v.rule)

/**
 * Violations known and not yet fixed, each with its reason. A listed violation that no longer
 * occurs fails the test too, so this list only shrinks.
 */
const KNOWN: ReadonlyArray<{ file: string; detail: string; reason: string }> = []

describe('import rules (synthetic graphs)', () => {
  it('platform/ importing a feature or app/ is refused', () => {
    assert.deepEqual(rulesBroken([file(`${S}platform/db/schema.ts`, [`${S}audit/schema.ts`])]), [
      'platform/ imports no feature and not app/',
    ])
    assert.deepEqual(rulesBroken([file(`${S}platform/http/x.ts`, [`${S}app/app-context.ts`])]), [
      'platform/ imports no feature and not app/',
    ])
  })

  it("a feature reaching into another feature's files is refused; its index.ts is fine", () => {
    assert.deepEqual(rulesBroken([file(`${S}requests/a.ts`, [`${S}policy/labels.ts`])]), [
      'another feature is imported only through its index.ts',
    ])
    assert.deepEqual(
      rulesBroken([file(`${S}requests/a.ts`, [`${S}policy/index.ts`, `${S}requests/b.ts`])]),
      [],
    )
    assert.deepEqual(rulesBroken([file(`${S}app/build-app.ts`, [`${S}site/routes.ts`])]), [
      'another feature is imported only through its index.ts',
    ])
  })

  it('a feature importing app/ is refused; app/ and cli/ may', () => {
    assert.deepEqual(rulesBroken([file(`${S}consent/routes.ts`, [`${S}app/app-context.ts`])]), [
      'only app/ and cli/ import app/',
    ])
    assert.deepEqual(
      rulesBroken([
        file(`${S}cli/commands/start.ts`, [`${S}app/start.ts`]),
        file(`${S}app/start.ts`, [`${S}app/services.ts`, `${S}platform/db/index.ts`]),
      ]),
      [],
    )
  })

  it('the browser packages importing server code are refused', () => {
    assert.deepEqual(rulesBroken([file('packages/web/src/page.ts', [`${S}platform/errors/index.ts`])]), [
      'browser packages import no server code',
    ])
    assert.deepEqual(rulesBroken([file('packages/widget/src/banner.ts', ['@amana/server'])]), [
      'browser packages import no server code',
    ])
  })

  it('process.env outside platform/config and the CLI entry is refused', () => {
    assert.deepEqual(rulesBroken([file(`${S}cli/commands/check.ts`, [], true)]), [
      'only platform/config reads process.env',
    ])
    assert.deepEqual(
      rulesBroken([file(`${S}platform/config/load-config.ts`, [], true), file(`${S}cli/main.ts`, [], true)]),
      [],
    )
  })

  it('tests and testing/ are exempt', () => {
    assert.deepEqual(
      rulesBroken([
        file(`${S}consent/routes.test.ts`, [`${S}app/app-context.ts`], true),
        file(`${S}testing/test-app.ts`, [`${S}app/build-app.ts`, `${S}staff/store.ts`], true),
      ]),
      [],
    )
  })
})

describe('import rules (the real sources)', () => {
  it('the packages keep the dependency rules of ARCHITECTURE.md', () => {
    const graph = readImportGraph(root)
    assert.ok(graph.length > 100, `read only ${graph.length} files`)
    const found = findViolations(graph)
    const isKnown = (v: { file: string; detail: string }) =>
      KNOWN.some((k) => k.file === v.file && k.detail === v.detail)
    const unexpected = found.filter((v) => !isKnown(v))
    assert.deepEqual(
      unexpected.map((v) => `${v.file} → ${v.detail}: ${v.rule}`),
      [],
      'these imports break ARCHITECTURE.md "Dependency rules"',
    )
    const stale = KNOWN.filter((k) => !found.some((v) => v.file === k.file && v.detail === k.detail))
    assert.deepEqual(stale, [], 'fixed: remove these from KNOWN')
  })
})
