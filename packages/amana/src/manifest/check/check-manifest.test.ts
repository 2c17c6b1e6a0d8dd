import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { type Document, parseDocument } from 'yaml'
import { packsFor } from '../../jurisdictions/index.ts'
import {
  checkManifest,
  type Finding,
  findingsToJson,
  formatFindings,
  parseManifest,
  type RuleId,
} from '../index.ts'

const examples = {
  rumrom: 'rumrom-bakery',
  omani: 'omani-sweets',
  kenya: 'kenya-outsourcing',
} as const
type Example = keyof typeof examples

const exampleText = (example: Example): string =>
  readFileSync(new URL(`../../../../../examples/${examples[example]}/amana.yaml`, import.meta.url), 'utf8')

const check = (text: string): Finding[] => {
  const parsed = parseManifest(text, 'amana.yaml')
  if (!parsed.ok)
    assert.fail(
      parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.path} ${issue.message}`).join('\n'),
    )
  return checkManifest(
    parsed.value.manifest,
    packsFor(parsed.value.manifest.jurisdictions),
    parsed.value.sourceMap,
  )
}

const mutate = (example: Example, edit: (doc: Document) => void): string => {
  const doc = parseDocument(exampleText(example))
  edit(doc)
  return doc.toString()
}

/** 1-based line and column of `needle`, searching from the first `anchor` (each a literal string). */
const position = (
  text: string,
  anchors: readonly string[],
  needle: string,
): { line: number; column: number } => {
  let from = 0
  for (const anchor of anchors) {
    const at = text.indexOf(anchor, from)
    assert.ok(at >= 0, `anchor ${anchor} not found`)
    from = at + anchor.length
  }
  const offset = text.indexOf(needle, from)
  assert.ok(offset >= 0, `${needle} not found`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

interface Case {
  readonly rule: RuleId
  readonly example: Example
  readonly edit: (doc: Document) => void
  readonly path: string
  readonly anchors: readonly string[]
  readonly needle: string
}

const cases: readonly Case[] = [
  {
    rule: 'retention.missing',
    example: 'rumrom',
    edit: (doc) => doc.deleteIn(['categories', 'order_history', 'retention']),
    path: 'categories.order_history.retention',
    anchors: ['\ncategories:'],
    needle: 'order_history:',
  },
  {
    rule: 'consent.not-toggleable',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['purposes', 'marketing', 'consent', 'toggleable'], false),
    path: 'purposes.marketing.consent.toggleable',
    anchors: ['\npurposes:', '  marketing:'],
    needle: 'toggleable',
  },
  {
    rule: 'consent.basis-mismatch',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['purposes', 'analytics', 'consent', 'required'], false),
    path: 'purposes.analytics.consent',
    anchors: ['\npurposes:', '  analytics:'],
    needle: 'consent:',
  },
  {
    rule: 'cookies.consent-required',
    example: 'rumrom',
    edit: (doc) => {
      doc.setIn(['purposes', 'analytics', 'legalBasis'], 'legitimate-interest')
      doc.deleteIn(['purposes', 'analytics', 'consent'])
    },
    path: 'cookies.trackers._ga.purpose',
    anchors: ['\ncookies:', '    _ga:'],
    needle: 'purpose:',
  },
  {
    rule: 'processor.undeclared-category',
    example: 'rumrom',
    edit: (doc) => doc.addIn(['purposes', 'orders', 'shares', 'couriers'], 'order_history'),
    path: 'purposes.orders.shares.couriers[3]',
    anchors: ['\npurposes:', '      couriers:'],
    needle: 'order_history',
  },
  {
    rule: 'transfer.no-mechanism',
    example: 'rumrom',
    edit: (doc) => doc.deleteIn(['processors', 'mailchimp', 'transfer']),
    path: 'processors.mailchimp.countries',
    anchors: ['\nprocessors:', '  mailchimp:'],
    needle: 'countries:',
  },
  {
    rule: 'children.targeted-ads',
    example: 'rumrom',
    edit: (doc) => {
      doc.setIn(['subjects', 'kid'], doc.createNode({ kind: 'child' }))
      doc.addIn(['purposes', 'advertising', 'subjects'], 'kid')
    },
    path: 'purposes.advertising.subjects[2]',
    anchors: ['\npurposes:', '  advertising:', 'subjects:'],
    needle: 'kid',
  },
  {
    rule: 'children.age-below-law',
    example: 'rumrom',
    edit: (doc) => {
      doc.setIn(['children', 'parentalConsent'], false)
      doc.setIn(['children', 'minimumAge'], 13)
    },
    path: 'children.minimumAge',
    anchors: ['\nchildren:'],
    needle: 'minimumAge:',
  },
  {
    rule: 'children.age-below-law',
    example: 'rumrom',
    edit: (doc) => {
      doc.setIn(['children', 'parentalConsent'], false)
      doc.setIn(['children', 'minimumAgeBy'], doc.createNode({ kw: 13 }))
    },
    path: 'children.minimumAgeBy.kw',
    anchors: ['\nchildren:', 'minimumAgeBy:'],
    needle: 'kw:',
  },
  {
    rule: 'rights.promise-redundant',
    example: 'rumrom',
    edit: (doc) =>
      doc.setIn(['commitments', 'promisedRights'], doc.createNode(['port', 'access'], { flow: true })),
    path: 'commitments.promisedRights[1]',
    anchors: ['\ncommitments:', 'promisedRights:'],
    needle: 'access',
  },
  {
    rule: 'disclosure.missing',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['organisation', 'languages'], doc.createNode(['en'], { flow: true })),
    path: 'organisation.languages',
    anchors: ['\norganisation:'],
    needle: 'languages:',
  },
  {
    rule: 'sensitive.basis-not-allowed',
    example: 'omani',
    edit: (doc) => doc.setIn(['purposes', 'allergies', 'legalBasis'], 'contract'),
    path: 'purposes.allergies.legalBasis',
    anchors: ['\npurposes:', '  allergies:'],
    needle: 'legalBasis:',
  },
  {
    rule: 'sensitive.permit-missing',
    example: 'omani',
    edit: (doc) => doc.deleteIn(['categories', 'allergies', 'permit']),
    path: 'categories.allergies.permit',
    anchors: ['\ncategories:'],
    needle: 'allergies:',
  },
  {
    rule: 'legal-basis.missing',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['purposes', 'orders', 'legalBasis'], doc.createNode({ om: 'contract' })),
    path: 'purposes.orders.legalBasis',
    anchors: ['\npurposes:', '  orders:'],
    needle: 'legalBasis:',
  },
  {
    rule: 'breach.window-too-long',
    example: 'omani',
    edit: (doc) => doc.setIn(['breach', 'notifyRegulatorHours'], 96),
    path: 'breach.notifyRegulatorHours',
    anchors: ['\nbreach:'],
    needle: 'notifyRegulatorHours:',
  },
  {
    rule: 'system.no-connection',
    example: 'kenya',
    edit: (doc) => doc.deleteIn(['systems', 'id_scans', 'connection']),
    path: 'systems.id_scans.connection',
    anchors: ['\nsystems:'],
    needle: 'id_scans:',
  },
  {
    rule: 'reference.undeclared-category',
    example: 'kenya',
    edit: (doc) => doc.addIn(['purposes', 'recruitment', 'categories'], 'salary'),
    path: 'purposes.recruitment.categories[4]',
    anchors: ['\npurposes:', '  recruitment:'],
    needle: 'salary',
  },
  {
    rule: 'reference.undeclared-system',
    example: 'rumrom',
    edit: (doc) =>
      doc.setIn(['categories', 'identity', 'storage', 'crm'], doc.createNode({ contacts: ['name'] })),
    path: 'categories.identity.storage.crm',
    anchors: ['\ncategories:', '  identity:'],
    needle: 'crm:',
  },
  {
    rule: 'reference.undeclared-table',
    example: 'rumrom',
    edit: (doc) =>
      doc.setIn(['categories', 'identity', 'storage', 'shop_db', 'customer'], doc.createNode(['nickname'])),
    path: 'categories.identity.storage.shop_db.customer',
    anchors: ['\ncategories:', '  identity:', 'customers:'],
    needle: 'customer:',
  },
  {
    rule: 'reference.undeclared-system',
    example: 'rumrom',
    edit: (doc) =>
      doc.setIn(
        ['systems', 'shop_db', 'tables', 'sessions', 'references', 'customer_id'],
        'crm.customers.id',
      ),
    path: 'systems.shop_db.tables.sessions.references.customer_id',
    anchors: ['\nsystems:', '      sessions:'],
    needle: 'customer_id',
  },
  {
    rule: 'reference.across-systems',
    example: 'rumrom',
    edit: (doc) => {
      doc.setIn(['systems', 'support_inbox', 'tables'], doc.createNode({ threads: { key: 'id' } }))
      doc.setIn(
        ['systems', 'shop_db', 'tables', 'sessions', 'references', 'customer_id'],
        'support_inbox.threads.id',
      )
    },
    path: 'systems.shop_db.tables.sessions.references.customer_id',
    anchors: ['\nsystems:', '      sessions:'],
    needle: 'customer_id',
  },
  {
    rule: 'table.key-repeated',
    example: 'rumrom',
    edit: (doc) =>
      doc.setIn(['systems', 'shop_db', 'tables', 'customers', 'key'], doc.createNode(['id', 'id'])),
    path: 'systems.shop_db.tables.customers.key',
    anchors: ['\nsystems:', '      customers:'],
    needle: 'key:',
  },
  {
    rule: 'reference.undeclared-processor',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['purposes', 'orders', 'shares', 'dhl'], doc.createNode(['contact'])),
    path: 'purposes.orders.shares.dhl',
    anchors: ['\npurposes:', '  orders:'],
    needle: 'dhl:',
  },
  {
    rule: 'reference.undeclared-purpose',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['cookies', 'trackers', '_ga', 'purpose'], 'stats'),
    path: 'cookies.trackers._ga.purpose',
    anchors: ['\ncookies:', '    _ga:'],
    needle: 'purpose:',
  },
  {
    rule: 'reference.undeclared-subject',
    example: 'kenya',
    edit: (doc) => doc.addIn(['categories', 'cv', 'subjects'], 'intern'),
    path: 'categories.cv.subjects[1]',
    anchors: ['\ncategories:', '  cv:'],
    needle: 'intern',
  },
  {
    rule: 'category.unused',
    example: 'kenya',
    edit: (doc) =>
      doc.setIn(
        ['categories', 'photos'],
        doc.createNode({ kind: 'other', retention: { keep: 'P1Y', after: 'collection', action: 'delete' } }),
      ),
    path: 'categories.photos',
    anchors: ['\ncategories:'],
    needle: 'photos:',
  },
  {
    rule: 'text.untranslated',
    example: 'rumrom',
    edit: (doc) => doc.setIn(['organisation', 'services'], doc.createNode({ en: 'our website' })),
    path: 'organisation.services',
    anchors: ['\norganisation:'],
    needle: 'services:',
  },
]

describe('amana check', () => {
  for (const example of Object.keys(examples) as Example[]) {
    it(`passes the ${examples[example]} example with zero errors and no warnings but its placeholders`, () => {
      assert.deepEqual(
        check(exampleText(example)).filter((f) => f.rule !== 'text.placeholder'),
        [],
      )
    })
  }

  it('flags the providers RUMROM has not named yet, and nothing else there, as placeholders', () => {
    const text = exampleText('rumrom')
    const found = check(text).filter((f) => f.rule === 'text.placeholder')
    assert.deepEqual(
      found.map((f) => [f.severity, f.path]),
      [
        ['warning', 'processors.payments.name'],
        ['warning', 'processors.couriers.name'],
      ],
    )
    assert.deepEqual(
      { line: found[0]?.line, column: found[0]?.column },
      position(text, ['\nprocessors:', 'payments:'], 'name:'),
    )
    assert.match(
      found[0]?.message ?? '',
      /"A payment processor in Kuwait \(not yet named\)" is a placeholder/,
    )
    assert.match(found[0]?.fix ?? '', /legal name/)
  })

  it('flags an invented "(example)" provider, example.com links and addresses, and lorem ipsum', () => {
    const text = mutate('rumrom', (doc) => {
      doc.setIn(['processors', 'payments', 'name'], 'Tasdeed Payments (example)')
      doc.setIn(['processors', 'payments', 'policyUrl'], 'https://payments.example.com/privacy')
      doc.setIn(
        ['processors', 'couriers', 'contact'],
        doc.createNode({ email: 'privacy@couriers.example.org' }),
      )
      doc.setIn(['security', 'description'], doc.createNode({ en: 'Lorem ipsum dolor sit amet', ar: 'نص' }))
      doc.setIn(['organisation', 'website'], 'https://shop.test')
    })
    const found = check(text).filter((f) => f.rule === 'text.placeholder')
    assert.deepEqual(found.map((f) => f.path).sort(), [
      'organisation.website',
      'processors.couriers.contact.email',
      'processors.couriers.name',
      'processors.payments.name',
      'processors.payments.policyUrl',
      'security.description.en',
    ])
    assert.ok(found.every((f) => f.severity === 'warning'))
    const url = found.find((f) => f.path === 'processors.payments.policyUrl')
    assert.match(url?.message ?? '', /payments\.example\.com.*reserved for examples/)
    // Real domains that merely contain the word are not flagged.
    const fine = mutate('rumrom', (doc) => {
      doc.setIn(['processors', 'payments', 'policyUrl'], 'https://www.example-bank.com.kw/privacy')
      doc.setIn(['organisation', 'website'], 'https://examples.com')
    })
    assert.deepEqual(
      check(fine)
        .filter((f) => f.rule === 'text.placeholder')
        .map((f) => f.path),
      ['processors.payments.name', 'processors.couriers.name'],
    )
  })

  for (const testCase of cases) {
    it(`reports ${testCase.rule} at file:line:column when ${testCase.example} breaks it`, () => {
      const text = mutate(testCase.example, testCase.edit)
      const findings = check(text)
      const finding = findings.find(
        (candidate) => candidate.rule === testCase.rule && candidate.path === testCase.path,
      )
      assert.ok(finding, `expected ${testCase.rule} at ${testCase.path}, got:\n${formatFindings(findings)}`)
      const expected = position(text, testCase.anchors, testCase.needle)
      assert.deepEqual(
        { file: finding.file, line: finding.line, column: finding.column },
        { file: 'amana.yaml', ...expected },
      )
      assert.ok(finding.fix.length > 0)
    })
  }

  it('accepts a composite key and a reference into another database system, and refuses follow: up across them', () => {
    const withCrm = (follow: boolean) =>
      mutate('rumrom', (doc) => {
        doc.setIn(
          ['systems', 'crm'],
          doc.createNode({
            kind: 'mysql',
            connection: { env: 'CRM_URL' },
            country: 'KW',
            tables: { contacts: { key: 'id', identity: ['email'] } },
          }),
        )
        doc.setIn(
          ['systems', 'shop_db', 'tables', 'order_items', 'key'],
          doc.createNode(['order_id', 'line_no']),
        )
        doc.setIn(
          ['systems', 'shop_db', 'tables', 'sessions', 'references', 'contact_id'],
          follow ? doc.createNode({ to: 'crm.contacts.id', follow: 'up' }) : 'crm.contacts.id',
        )
      })
    assert.deepEqual(
      check(withCrm(false)).filter((f) => f.severity === 'error'),
      [],
    )
    const refused = check(withCrm(true)).find((f) => f.rule === 'reference.across-systems')
    assert.equal(refused?.path, 'systems.shop_db.tables.sessions.references.contact_id')
    assert.match(refused?.message ?? '', /"follow: up" needs "contacts" in the same system as "sessions"/)
  })

  it('reports a missing required disclosure section by name', () => {
    const findings = check(mutate('rumrom', (doc) => doc.deleteIn(['changes'])))
    const finding = findings.find((candidate) => candidate.rule === 'disclosure.missing')
    assert.equal(finding?.path, 'changes')
    assert.match(finding?.message ?? '', /Kuwait \(kw\)/)
  })

  it('formats findings for people and for machines', () => {
    const findings = check(
      mutate('rumrom', (doc) => doc.deleteIn(['categories', 'order_history', 'retention'])),
    )
    const text = formatFindings(findings)
    assert.match(
      text,
      /^amana\.yaml:\d+:3 error retention\.missing categories\.order_history\.retention: missing\. Add e\.g\. "retention: \{ keep: P7Y/,
    )
    // RUMROM's two providers not yet named are the warnings.
    assert.match(text, /1 error, 2 warnings$/)
    assert.deepEqual(findingsToJson(findings).errors, 1)
  })

  // Its speed is measured in bench/manifest.ts; here only that a large manifest checks clean.
  it('checks a 500-category manifest without false findings', () => {
    const lines = [exampleText('kenya').replace(/\ncategories:\n/, '\ncategories:\n__GENERATED__\n')]
    const generated: string[] = []
    for (let index = 0; index < 500; index++) {
      generated.push(
        `  gen_${index}:\n    kind: other\n    storage: { recruitment_db: { applicants: [field_${index}] } }\n    retention: { keep: P1Y, after: collection, action: delete, criteria: kept one year }`,
      )
    }
    const text = (lines[0] ?? '').replace('__GENERATED__', generated.join('\n'))
    const parsed = parseManifest(
      text.replace(
        'categories: [applicant_identity,',
        `categories: [${Array.from({ length: 500 }, (_, index) => `gen_${index}`).join(', ')}, applicant_identity,`,
      ),
    )
    assert.ok(parsed.ok)
    const packs = packsFor(parsed.value.manifest.jurisdictions)
    const findings = checkManifest(parsed.value.manifest, packs, parsed.value.sourceMap)
    assert.equal(findings.filter((finding) => finding.severity === 'error').length, 0)
  })
})
