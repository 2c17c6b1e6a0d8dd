import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { type Document, parseDocument } from 'yaml'
import { packsFor } from '../jurisdictions/index.ts'
import { type Manifest, parseManifest } from '../manifest/index.ts'
import {
  diffPolicies,
  manifestHash,
  type PolicyDocument,
  renderPolicy,
  type SectionId,
  sectionIds,
  statementsOf,
  toHtml,
  toJson,
  toMarkdown,
} from './index.ts'

const rumromText = readFileSync(
  new URL('../../../../examples/rumrom-bakery/amana.yaml', import.meta.url),
  'utf8',
)

const manifestOf = (text: string): Manifest => {
  const parsed = parseManifest(text)
  if (!parsed.ok) assert.fail(parsed.issues.map((issue) => issue.message).join('\n'))
  return parsed.value.manifest
}

const rumrom = (edit?: (doc: Document) => void): Manifest => {
  const doc = parseDocument(rumromText)
  edit?.(doc)
  return manifestOf(doc.toString())
}

const render = (manifest: Manifest, locale: 'en' | 'ar' = 'en'): PolicyDocument =>
  renderPolicy(manifest, packsFor(manifest.jurisdictions), { locale, version: '2026-01' })

const allText = (document: PolicyDocument): string =>
  statementsOf(document)
    .map((statement) => ('text' in statement ? statement.text : statement.cells.join(' ')))
    .join('\n')

const resolves = (manifest: Manifest, path: string): boolean => {
  let current: unknown = manifest
  for (const segment of path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '')) {
    if (current === null || typeof current !== 'object' || !(segment in current)) return false
    current = (current as Record<string, unknown>)[segment]
  }
  return true
}

// The RUMROM checklist (shared/seeds/rumrom-privacy-en.txt), section by section.
const checklist: readonly SectionId[] = [
  'collected',
  'uses',
  'protection',
  'sharing',
  'transfers',
  'retention',
  'rights',
  'cookies',
  'breaches',
  'children',
  'complaints',
  'changes',
  'contact',
]

describe('renderPolicy', () => {
  for (const locale of ['en', 'ar'] as const) {
    it(`covers every RUMROM checklist section in ${locale}`, () => {
      const document = render(rumrom(), locale)
      const present = document.sections.map((section) => section.id)
      for (const id of checklist) assert.ok(present.includes(id), `missing section ${id}`)
      assert.deepEqual(
        present,
        sectionIds.filter((id) => present.includes(id)),
      )
      assert.equal(document.dir, locale === 'ar' ? 'rtl' : 'ltr')
    })
  }

  it('writes the Arabic policy in the terms of the RUMROM Arabic policy', () => {
    const document = render(rumrom(), 'ar')
    const titles = document.sections.map((section) => section.title)
    for (const term of [
      'المعلومات التي نجمعها',
      'كيف نستخدم معلوماتك',
      'كيف نحمي معلوماتك',
      'مشاركة معلوماتك',
      'الاحتفاظ بالبيانات وحذفها',
      'ملفات تعريف الارتباط وتقنيات التتبع',
      'حل النزاعات والشكاوى',
      'اتصل بنا',
    ]) {
      assert.ok(titles.includes(term), term)
    }
    const text = allText(document)
    assert.match(text, /الشروط التعاقدية القياسية/)
    assert.match(text, /إلغاء الاشتراك/)
    assert.doesNotMatch(text, /\b(the|and|your)\b/)
    assert.equal(document.title, 'سياسة الخصوصية لرمروم بيكري')
  })

  it('traces every statement to manifest paths that exist', () => {
    const manifest = rumrom()
    for (const statement of statementsOf(render(manifest))) {
      assert.ok(statement.sourcePaths.length > 0, `${statement.id} has no source`)
      // `pack:` entries name the law pack's entries; trace.test.ts resolves those in the packs.
      for (const path of statement.sourcePaths.filter((p) => !p.startsWith('pack:')))
        assert.ok(resolves(manifest, path), `${statement.id}: ${path} does not exist`)
    }
  })

  it('drops a processor’s statements when the processor is removed', () => {
    assert.match(allText(render(rumrom())), /Mailchimp/)
    const without = render(
      rumrom((doc) => {
        doc.deleteIn(['processors', 'mailchimp'])
        doc.deleteIn(['purposes', 'marketing', 'shares'])
      }),
    )
    assert.doesNotMatch(allText(without), /Mailchimp|intuit\.com/)
    assert.ok(
      statementsOf(without).every((statement) =>
        statement.sourcePaths.every((path) => !path.startsWith('processors.mailchimp')),
      ),
    )
  })

  it('drops a cookie’s row when the cookie is removed', () => {
    const without = render(rumrom((doc) => doc.deleteIn(['cookies', 'trackers', '_fbp'])))
    assert.doesNotMatch(allText(without), /_fbp/)
    assert.match(allText(without), /_ga/)
  })

  it('drops a category’s statements when the category is removed', () => {
    const before = render(rumrom())
    assert.match(allText(before), /custom cake design/)
    const without = render(
      rumrom((doc) => {
        doc.deleteIn(['categories', 'cake_designs'])
        const categories = doc.getIn(['purposes', 'orders', 'categories']) as { items: { value: string }[] }
        categories.items = categories.items.filter((item) => item.value !== 'cake_designs')
      }),
    )
    assert.doesNotMatch(allText(without), /custom cake design|Customisation information/)
  })

  it('drops a whole section when the manifest declares nothing for it', () => {
    const without = render(rumrom((doc) => doc.deleteIn(['children'])))
    assert.ok(!without.sections.some((section) => section.id === 'children'))
  })

  it('says so when nothing leaves the home country', () => {
    const local = render(
      rumrom((doc) => {
        for (const id of ['google_analytics', 'mailchimp', 'meta'])
          doc.setIn(['processors', id, 'countries'], doc.createNode(['KW']))
      }),
    )
    assert.match(allText(local), /we do not transfer it to other countries/)
  })

  it('escapes everything in HTML and sets no page-level direction itself', () => {
    const html = toHtml(
      render(rumrom((doc) => doc.setIn(['organisation', 'tradingName'], '<script>alert(1)</script>'))),
    )
    assert.doesNotMatch(html, /<script>/)
    assert.match(html, /&lt;script&gt;/)
    assert.match(html, /<table id="sharing\.processors">/)
    assert.match(html, /<table id="cookies\.trackers">/)
    assert.match(html, /<table id="retention\.periods">/)
    assert.match(html, /<a href="mailto:hello@rumrom\.com">hello@rumrom\.com<\/a>/)
    assert.doesNotMatch(html, /\bdir=|\blang=/)
  })

  it('renders Markdown with tables and JSON with source paths', () => {
    const document = render(rumrom())
    const markdown = toMarkdown(document)
    assert.match(markdown, /^# RUMROM Bakery Privacy Policy/)
    assert.match(markdown, /\| Provider \| Service \|/)
    const json = JSON.parse(toJson(document)) as PolicyDocument
    assert.equal(json.sections.length, document.sections.length)
  })
})

describe('diffPolicies', () => {
  it('finds nothing between a manifest and itself', () => {
    assert.deepEqual(diffPolicies(rumrom(), rumrom()), [])
  })

  it('reports exactly the material changes made', () => {
    const before = rumrom()
    const after = rumrom((doc) => {
      doc.setIn(
        ['purposes', 'loyalty'],
        doc.createNode({
          kind: 'marketing',
          title: { en: 'Loyalty points', ar: 'نقاط الولاء' },
          legalBasis: 'consent',
          consent: { required: true, toggleable: true, withdraw: ['preference-centre'] },
          categories: ['order_history', 'birthday'],
        }),
      )
      doc.setIn(
        ['categories', 'birthday'],
        doc.createNode({
          kind: 'identity',
          retention: { keep: 'P1Y', after: 'account-closed', action: 'delete' },
        }),
      )
      doc.setIn(
        ['processors', 'sms'],
        doc.createNode({
          name: 'Gulf SMS',
          service: 'messaging',
          categories: { contact: ['phone'] },
          countries: ['AE'],
          transfer: { mechanism: 'consent' },
        }),
      )
      doc.setIn(['purposes', 'marketing', 'shares', 'sms'], doc.createNode(['contact']))
      doc.setIn(['categories', 'usage', 'retention', 'keep'], 'P25M')
      doc.setIn(['categories', 'device', 'retention', 'keep'], 'P6M')
    })
    const changes = diffPolicies(before, after)
    assert.deepEqual(
      changes.map((change) => [change.kind, change.path, [...change.purposes].sort()]),
      [
        ['purpose-added', 'purposes.loyalty', ['loyalty']],
        ['retention-extended', 'categories.usage.retention', ['advertising', 'analytics']],
        ['category-added', 'categories.birthday', ['loyalty']],
        ['processor-added', 'processors.sms', ['marketing']],
        ['transfer-added', 'processors.sms.countries', ['marketing']],
      ],
    )
  })

  it('reports a new country for an existing processor as a transfer', () => {
    const after = rumrom((doc) => doc.addIn(['processors', 'couriers', 'countries'], 'SA'))
    assert.deepEqual(
      diffPolicies(rumrom(), after).map((change) => [change.kind, change.path]),
      [['transfer-added', 'processors.couriers.countries']],
    )
  })
})

describe('manifestHash', () => {
  it('ignores key order and changes with content', () => {
    const manifest = rumrom()
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as Manifest
    assert.equal(manifestHash(manifest), manifestHash(reordered))
    assert.notEqual(
      manifestHash(manifest),
      manifestHash(rumrom((doc) => doc.setIn(['organisation', 'effectiveDate'], '2026-02-01'))),
    )
  })
})
