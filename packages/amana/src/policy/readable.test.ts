import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { packsFor } from '../jurisdictions/index.ts'
import { type PolicyDocument, statementsOf } from './document.ts'
import { goldenCases } from './golden/cases.ts'
import { renderPolicy } from './render-policy.ts'
import { toHtml } from './to-html.ts'
import { toMarkdown } from './to-markdown.ts'

// Readable: a table of contents, the key points first, no sentence said twice, and RUMROM's policy
// no longer than 1.3 times the policy it replaces (shared/seeds), in both languages. That every
// section of the seed's checklist is still there is policy.test.ts's "covers every RUMROM checklist section".

const rumrom = goldenCases().find((c) => c.name === 'rumrom-bakery')?.manifest
// RUMROM's published policy before Amana, as the shop gave it (shared/seeds), kept beside the golden inputs.
const seeds = new URL('./golden/inputs/', import.meta.url)

const render = (locale: 'en' | 'ar'): PolicyDocument => {
  assert.ok(rumrom)
  return renderPolicy(rumrom, packsFor(rumrom.jurisdictions), { locale, version: 'test' })
}

/** What a reader reads: the title, the contents (each title again), every statement and table cell. */
const readerText = (document: PolicyDocument): string =>
  [
    document.title,
    ...document.sections.map((section) => section.title),
    ...document.sections.map((section) => section.title),
    ...statementsOf(document).map((s) => ('text' in s ? s.text : s.cells.join(' '))),
  ].join('\n')

for (const locale of ['en', 'ar'] as const) {
  describe(`RUMROM's policy in ${locale} is readable`, () => {
    const document = render(locale)

    it('is no longer than 1.3× the policy it replaces', () => {
      const seed = readFileSync(new URL(`rumrom-privacy-${locale}.txt`, seeds), 'utf8')
      const length = readerText(document).length
      assert.ok(length <= 1.3 * seed.length, `${length} characters against the seed's ${seed.length}`)
    })

    it('opens with the key points, then a table of contents linking every section', () => {
      assert.equal(document.sections[0]?.id, 'key-points')
      assert.ok((document.sections[0]?.blocks.length ?? 0) >= 4)
      const html = toHtml(document)
      const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'))
      for (const section of document.sections) assert.ok(nav.includes(`href="#${section.id}"`), section.id)
      assert.ok(html.indexOf('</nav>') < html.indexOf('<section id="key-points"'))
      const markdown = toMarkdown(document)
      assert.match(markdown, locale === 'en' ? /^## Contents$/m : /^## المحتويات$/m)
    })

    it('says no sentence twice', () => {
      const texts = statementsOf(document).flatMap((s) => ('text' in s ? [s.text] : []))
      const repeated = texts.filter((text, index) => texts.indexOf(text) !== index)
      assert.deepEqual(repeated, [])
    })
  })
}
