import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Document, parseDocument } from 'yaml'
import { runCli } from '../cli/run-cli.ts'
import { getJurisdiction, packsFor } from '../jurisdictions/index.ts'
import { type Manifest, parseManifest } from '../manifest/index.ts'
import { captureCliIo } from '../testing/cli-io.ts'
import { type PolicyDocument, statementsOf } from './document.ts'
import { goldenCases } from './golden/cases.ts'
import { renderPolicy } from './render-policy.ts'

// Every rendered statement carries its trace — the manifest paths and the `pack:` entries it rests
// on — and every path in it exists; the sentences the issue found without support are not rendered.

const exists = (root: unknown, path: string): boolean => {
  let current = root
  for (const segment of path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '')) {
    if (current === null || typeof current !== 'object' || !(segment in current)) return false
    current = (current as Record<string, unknown>)[segment]
  }
  return current !== undefined
}

const resolves = (manifest: Manifest, path: string): boolean => {
  if (!path.startsWith('pack:')) return exists(manifest, path)
  const [id = '', ...entry] = path.slice('pack:'.length).split('.')
  const pack = getJurisdiction(id)
  return pack !== undefined && manifest.jurisdictions.includes(id as never) && exists(pack, entry.join('.'))
}

const render = (manifest: Manifest, locale: 'en' | 'ar' = 'en'): PolicyDocument =>
  renderPolicy(manifest, packsFor(manifest.jurisdictions), { locale, version: 'test' })

const textOf = (document: PolicyDocument): string =>
  statementsOf(document)
    .map((s) => ('text' in s ? s.text : s.cells.join(' | ')))
    .join('\n')

const idsOf = (document: PolicyDocument): string[] => statementsOf(document).map((s) => s.id)

describe('every rendered statement has a trace', () => {
  for (const { name, manifest } of goldenCases())
    for (const locale of ['en', 'ar'] as const)
      it(`${name} (${locale})`, () => {
        for (const statement of statementsOf(render(manifest, locale))) {
          assert.ok(statement.sourcePaths.length > 0, `${statement.id} has no trace`)
          for (const path of statement.sourcePaths)
            assert.ok(
              resolves(manifest, path),
              `${statement.id}: ${path} is not in the manifest or a served pack`,
            )
        }
      })

  it('names the pack entries a law-derived statement rests on', () => {
    const kenya = goldenCases().find((c) => c.name === 'kenya-outsourcing')?.manifest
    assert.ok(kenya)
    const byId = new Map(statementsOf(render(kenya)).map((s) => [s.id, s.sourcePaths]))
    assert.ok(byId.get('rights.ke.access')?.includes('pack:ke.rights.access'))
    assert.ok(byId.get('rights.timeline')?.includes('pack:ke.requestDeadline'))
    assert.ok(byId.get('complaints.ke.authority')?.includes('pack:ke.authority'))
  })
})

const rumrom = (edit: (doc: Document) => void): Manifest => {
  const text = goldenCases().find((c) => c.name === 'rumrom-bakery')
  assert.ok(text)
  const doc = parseDocument(JSON.stringify(text.manifest))
  edit(doc)
  const parsed = parseManifest(doc.toString())
  if (!parsed.ok) assert.fail(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return parsed.value.manifest
}

describe('a sentence the manifest does not back is not rendered', () => {
  it('breach: with only the hours declared, the clocks and nothing about a response team or its steps', () => {
    const document = render(
      rumrom((doc) => {
        doc.deleteIn(['breach', 'team'])
        doc.deleteIn(['breach', 'guidance'])
      }),
    )
    const ids = idsOf(document).filter((id) => id.startsWith('breaches.'))
    assert.deepEqual(ids, ['breaches.notify-you', 'breaches.notify-authority'])
    assert.ok(idsOf(render(rumrom(() => {}))).includes('breaches.steps'))
  })

  it('transfers and security: no "technical and organisational measures", no "role-based permissions"', () => {
    for (const locale of ['en', 'ar'] as const) {
      const text = textOf(
        render(
          rumrom(() => {}),
          locale,
        ),
      )
      assert.doesNotMatch(text, /technical and organisational|تقنية وتنظيمية/)
      assert.doesNotMatch(text, /role-based|القائمة على الأدوار/)
    }
  })

  it('fee: "free of charge" only when the manifest declares fee: free', () => {
    assert.ok(!idsOf(render(rumrom(() => {}))).includes('rights.fee'))
    const free = render(rumrom((doc) => doc.setIn(['requests', 'fee'], 'free')))
    assert.match(textOf(free), /Making a request is free of charge\./)
  })

  it('providers: "using the details in the table" only when a provider has a policy URL or contact', () => {
    const bare = rumrom((doc) => {
      for (const id of ['payments', 'couriers', 'google_analytics', 'mailchimp', 'meta']) {
        doc.deleteIn(['processors', id, 'policyUrl'])
        doc.deleteIn(['processors', id, 'contact'])
      }
    })
    assert.ok(!idsOf(render(bare)).includes('sharing.contact-providers'))
    assert.ok(idsOf(render(rumrom(() => {}))).includes('sharing.contact-providers'))
  })
})

describe('amana policy explain', () => {
  it('prints each statement of a section with its trace, in the language asked', async () => {
    const { out, err, io } = captureCliIo()
    const code = await runCli(
      ['policy', 'explain', 'examples/kenya-outsourcing/amana.yaml', '--section', 'rights', '--lang', 'ar'],
      io,
    )
    assert.equal(code, 0, err.join('\n'))
    const text = out.join('\n')
    assert.match(text, /^# rights: /m)
    assert.match(text, /rights\.timeline {2}.*7 أيام/)
    assert.match(text, /← jurisdictions, commitments\.requestDeadlineDays, pack:ke\.requestDeadline/)
    assert.doesNotMatch(text, /^# (contact|cookies)/m)
  })

  it('marks a pack value the reference leaves unverified with ⚠ and the pack’s note (Kuwait’s 24 hours)', async () => {
    const { out, err, io } = captureCliIo()
    const code = await runCli(
      ['policy', 'explain', 'examples/rumrom-bakery/amana.yaml', '--section', 'breaches'],
      io,
    )
    assert.equal(code, 0, err.join('\n'))
    const text = out.join('\n')
    assert.match(text, /← .*pack:kw\.breach\.regulator ⚠/)
    assert.match(
      text,
      /^ {2}⚠ pack:kw\.breach\.regulator: not verified\. Some secondary sources .* say 72 hours\.$/m,
    )
    // A verified value carries no mark.
    assert.doesNotMatch(text, /pack:[a-z-]+\.law ⚠/)
  })

  it('refuses an unknown section, naming the valid ones', async () => {
    const { err, io } = captureCliIo()
    const code = await runCli(
      ['policy', 'explain', 'examples/kenya-outsourcing/amana.yaml', '--section', 'nope'],
      io,
    )
    assert.notEqual(code, 0)
    assert.match(err.join('\n'), /--section must be one of key-points, introduction, collected/)
  })
})

describe('rights the shop promises beyond its law', () => {
  it('lists RUMROM’s portability, which the Kuwait pack does not grant, in both languages, on the same clock', () => {
    const manifest = goldenCases().find((c) => c.name === 'rumrom-bakery')?.manifest
    assert.ok(manifest)
    assert.ok(manifest.commitments?.promisedRights?.includes('port'))
    const en = render(manifest)
    const promised = statementsOf(en).find((s) => s.id === 'rights.promised.port')
    assert.ok(promised && 'text' in promised)
    assert.match(promised.text, /portable, machine-readable/)
    assert.deepEqual(promised.sourcePaths, ['commitments.promisedRights[0]'])
    const timeline = statementsOf(en).find((s) => s.id === 'rights.timeline')
    assert.ok(timeline && 'figures' in timeline)
    assert.ok(timeline.figures?.some((f) => f.right === 'port' && f.value === 30))
    assert.match(textOf(render(manifest, 'ar')), /نمنحك أيضًا الحق في/)
  })

  it('lists nothing extra when every law served already grants the right', () => {
    const manifest = rumrom((doc) => doc.setIn(['commitments', 'promisedRights'], ['access']))
    assert.ok(!idsOf(render(manifest)).some((id) => id.startsWith('rights.promised')))
  })
})

describe('a minimum age per jurisdiction', () => {
  it('states the other age with the jurisdiction it holds in, in both languages, traced to minimumAgeBy', () => {
    const manifest = rumrom((doc) => {
      doc.setIn(['jurisdictions'], doc.createNode(['eu-gdpr', 'us-ca']))
      doc.setIn(['children', 'minimumAge'], 16)
      doc.setIn(['children', 'minimumAgeBy'], doc.createNode({ 'us-ca': 13 }))
    })
    const en = statementsOf(render(manifest)).find((s) => s.id === 'children.age-by-jurisdiction')
    assert.ok(en && 'text' in en)
    assert.equal(en.text, 'Where you live changes this age: 13 in California (United States).')
    assert.deepEqual(en.sourcePaths, ['children.minimumAgeBy.us-ca'])
    assert.match(textOf(render(manifest, 'ar')), /13 عامًا في ولاية كاليفورنيا/)
    const same = rumrom((doc) => doc.setIn(['children', 'minimumAgeBy'], doc.createNode({ kw: 18 })))
    assert.ok(!idsOf(render(same)).includes('children.age-by-jurisdiction'))
  })
})

describe('policy-change notices and cooperation with authorities', () => {
  it('says notices go out for significant changes, by text message too, and that we cooperate with the authority', () => {
    const manifest = rumrom((doc) => {
      doc.setIn(['changes', 'notify'], doc.createNode(['website', 'sms']))
      doc.setIn(['changes', 'significantOnly'], true)
      doc.setIn(['commitments', 'cooperatesWithAuthorities'], true)
    })
    const en = textOf(render(manifest))
    assert.match(en, /posting the new policy on our website and sending you a text message/)
    assert.match(en, /We send these notices for significant changes;/)
    assert.match(en, /We cooperate with Communication and Information Technology Regulatory Authority/)
    const ar = textOf(render(manifest, 'ar'))
    assert.match(ar, /إرسال رسالة نصية إليك/)
    assert.match(ar, /التغييرات الجوهرية/)
    assert.match(ar, /نتعاون مع هيئة الاتصالات وتقنية المعلومات/)
    assert.ok(!idsOf(render(rumrom(() => {}))).includes('changes.significant'))
    assert.ok(!idsOf(render(rumrom(() => {}))).includes('complaints.cooperation'))
  })
})

describe('whether information must be given (GDPR Art. 13(2)(e))', () => {
  it('says so per category, with what happens without it, in both languages', () => {
    const manifest = rumrom((doc) => {
      doc.setIn(
        ['categories', 'delivery_address', 'provision'],
        doc.createNode({
          required: true,
          consequence: { en: 'we cannot deliver your order', ar: 'لا يمكننا توصيل طلبك' },
        }),
      )
      doc.setIn(['categories', 'communications', 'provision'], doc.createNode({ required: false }))
    })
    const en = textOf(render(manifest))
    assert.match(en, /You must give it; without it we cannot deliver your order\./)
    assert.match(en, /Giving it is up to you\./)
    assert.match(textOf(render(manifest, 'ar')), /يلزم تقديمها، وبدونها لا يمكننا توصيل طلبك\./)
    assert.doesNotMatch(textOf(render(rumrom(() => {}))), /You must give it|up to you/)
  })
})
