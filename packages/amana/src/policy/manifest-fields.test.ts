import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseDocument } from 'yaml'
import { purposeRule } from '../consent/domain/purpose-rules.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { checkManifest, type Manifest, parseManifest, transferRoutes } from '../manifest/index.ts'
import { recordOfProcessing } from '../records/index.ts'
import { type PolicyDocument, statementsOf } from './document.ts'
import { escalationLines } from './escalation.ts'
import { renderPolicy } from './render-policy.ts'

// The manifest fields issue 17 added, each read by the policy in both languages and, where it is a
// promise, by the code that keeps it: bases per jurisdiction (the consent engine), transfers from
// where each system's data lives (the records register), roles per subject group, bilingual names.

const examples = new URL('../../../../examples/', import.meta.url)
const text = (name: string): string => readFileSync(new URL(`${name}/amana.yaml`, examples), 'utf8')

const parse = (yaml: string): Manifest => {
  const parsed = parseManifest(yaml)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return parsed.value.manifest
}

const render = (manifest: Manifest, locale: 'en' | 'ar'): PolicyDocument =>
  renderPolicy(manifest, packsFor(manifest.jurisdictions), { locale, version: 'test' })

const statement = (document: PolicyDocument, id: string): string => {
  const found = statementsOf(document).find((s) => s.id === id)
  assert.ok(found, `${id} is rendered`)
  return 'text' in found ? found.text : found.cells.join(' | ')
}

describe('several legal bases per purpose, per jurisdiction', () => {
  const lumen = parse(text('lumen-web-shop'))

  it('the consent engine asks for consent in the EEA, where consent is the basis, and not in California', () => {
    assert.equal(purposeRule(lumen, 'analytics', 'eu-gdpr')?.consentBased, true)
    assert.equal(purposeRule(lumen, 'analytics', 'us-ca')?.consentBased, false)
    assert.equal(purposeRule(lumen, 'analytics', 'us-ca')?.basis, 'legitimate-interest')
  })

  it('the policy states each jurisdiction its bases, and consent only where it is the basis (EN and AR)', () => {
    const en = statement(render(lumen, 'en'), 'uses.purpose-analytics')
    assert.match(en, /your consent \(European Union \/ EEA\); our legitimate interests \(California/)
    assert.match(en, /Where consent is the legal basis \(European Union \/ EEA\), we ask for it first/)
    const ar = statement(render(lumen, 'ar'), 'uses.purpose-analytics')
    assert.match(ar, /حيث تكون الموافقة هي الأساس القانوني \(الاتحاد الأوروبي/)
  })

  it('several bases together are all stated', () => {
    assert.match(
      statement(render(lumen, 'en'), 'uses.purpose-orders'),
      /Legal basis: performing our contract with you and a legal obligation\./,
    )
  })

  it('an unknown basis in a list is refused, naming the field', () => {
    const doc = parseDocument(text('lumen-web-shop'))
    doc.setIn(['purposes', 'orders', 'legalBasis'], doc.createNode(['contract', 'tax']))
    const parsed = parseManifest(doc.toString())
    assert.equal(parsed.ok, false)
    assert.ok(!parsed.ok && parsed.issues.some((i) => i.path.startsWith('purposes.orders.legalBasis')))
  })
})

describe('transfers judged from where each system and processor keeps the data', () => {
  const lumen = parse(text('lumen-web-shop'))

  it("a US shop's US cloud is a transfer for EEA customers, on its declared SCCs, and none for Californians", () => {
    const aws = transferRoutes(lumen).find((route) => route.id === 'aws')
    assert.deepEqual(aws?.jurisdictions, ['eu-gdpr'])
    assert.equal(aws?.mechanism, 'standard-contractual-clauses')
    const en = statement(render(lumen, 'en'), 'transfers.processor-aws')
    assert.match(
      en,
      /Amazon Web Services: United States — standard contractual clauses .*for people in European Union/,
    )
    assert.match(
      statement(render(lumen, 'ar'), 'transfers.processor-aws'),
      /أمازون ويب سيرفيسز: الولايات المتحدة/,
    )
  })

  it('a system abroad with no host is judged by its own country and its own safeguard', () => {
    const doc = parseDocument(text('lumen-web-shop'))
    doc.setIn(
      ['systems', 'archive'],
      doc.createNode({
        kind: 'manual',
        country: 'IN',
        transfer: { mechanism: 'standard-contractual-clauses' },
      }),
    )
    const routes = transferRoutes(parse(doc.toString()))
    const archive = routes.find((route) => route.id === 'archive')
    assert.deepEqual(archive?.jurisdictions, ['eu-gdpr', 'us-ca'])
    assert.equal(archive?.mechanismPath, 'systems.archive.transfer')
  })

  it('the record of processing lists the same transfers as the policy', () => {
    const register = recordOfProcessing(lumen, 'en').transfers
    assert.deepEqual(
      register.map((t) => t.recipient),
      transferRoutes(lumen).map((route) => (route.id === 'aws' ? 'Amazon Web Services' : 'Google Analytics')),
    )
    assert.ok(register.every((t) => t.mechanism === 'standard-contractual-clauses'))
  })
})

describe('roles per subject group', () => {
  const kenya = parse(text('kenya-outsourcing'))

  it("the outsourcing firm's clients' customers get the client as controller and no legal basis of ours", () => {
    const en = statement(render(kenya, 'en'), 'uses.purpose-client_services')
    assert.doesNotMatch(en, /Legal basis/)
    assert.match(en, /on behalf of the client company whose customer you are/)
    assert.match(
      statement(render(kenya, 'en'), 'contact.processor-for-client_customer'),
      /we act as a processor/,
    )
    assert.match(
      statement(render(kenya, 'ar'), 'contact.processor-for-client_customer'),
      /بصفتنا معالجًا للبيانات/,
    )
    assert.match(
      statement(render(kenya, 'en'), 'uses.purpose-recruitment'),
      /Legal basis: performing our contract/,
    )
  })

  it('a processor-role group without its controller is refused with the fix', () => {
    const doc = parseDocument(text('kenya-outsourcing'))
    doc.deleteIn(['subjects', 'client_customer', 'controller'])
    const parsed = parseManifest(doc.toString())
    assert.equal(parsed.ok, false)
    const issue = !parsed.ok ? parsed.issues.find((i) => i.path.includes('client_customer')) : undefined
    assert.match(issue?.message ?? '', /controller: \{ name:/)
  })
})

describe('bilingual provider names', () => {
  it("the processor table names each provider in the reader's language", () => {
    const lumen = parse(text('lumen-web-shop'))
    assert.match(statement(render(lumen, 'en'), 'sharing.processor-aws'), /^Amazon Web Services \|/)
    assert.match(statement(render(lumen, 'ar'), 'sharing.processor-aws'), /^أمازون ويب سيرفيسز \|/)
  })
})

describe('Arabic ages', () => {
  it('a minimum age of 3–10 reads with "أعوام", 11 and over with "عامًا"', () => {
    const doc = parseDocument(text('lumen-web-shop'))
    doc.setIn(['children', 'minimumAge'], 8)
    assert.match(statement(render(parse(doc.toString()), 'ar'), 'children.age'), /عن 8 أعوام لاستخدام/)
    const lumen = parse(text('lumen-web-shop'))
    assert.match(statement(render(lumen, 'ar'), 'children.age'), /عن 16 عامًا لاستخدام/)
    assert.match(statement(render(lumen, 'en'), 'children.age'), /You must be 16 or older/)
  })
})

describe('sources, escalation, Art. 27, CCPA, Kenya registration, Oman consent', () => {
  const lumen = parse(text('lumen-web-shop'))
  const kenya = parse(text('kenya-outsourcing'))

  it('a category with several sources is listed under the first and names the others (EN and AR)', () => {
    const doc = parseDocument(text('lumen-web-shop'))
    doc.setIn(['categories', 'contact', 'source'], doc.createNode(['subject', 'third-party']))
    const manifest = parse(doc.toString())
    assert.match(
      statement(render(manifest, 'en'), 'collected.category-contact'),
      /We may also receive it from other people or organisations\./,
    )
    assert.match(
      statement(render(manifest, 'ar'), 'collected.category-contact'),
      /وقد نحصل عليها أيضًا من أشخاص أو جهات أخرى\./,
    )
  })

  it('escalation routes are in the policy and in escalationLines, which the complaint acknowledgement states', () => {
    const lines = escalationLines(kenya, 'en')
    assert.deepEqual(
      lines.map((l) => l.kind),
      ['authority'],
    )
    assert.match(
      lines[0]?.text ?? '',
      /Office of the Data Protection Commissioner \(ODPC\) \(supervisory authority\): https:\/\/www\.odpc\.go\.ke/,
    )
    assert.equal(statement(render(kenya, 'en'), 'complaints.escalation-0'), lines[0]?.text)
    assert.match(
      escalationLines(lumen, 'ar')[1]?.text ?? '',
      /المدعي العام لولاية كاليفورنيا \(حماية المستهلك\)/,
    )
  })

  it('an escalation route with no way to reach it is refused with the fix', () => {
    const doc = parseDocument(text('kenya-outsourcing'))
    doc.setIn(['complaints', 'escalation'], doc.createNode([{ kind: 'mediation', name: 'a mediator' }]))
    const parsed = parseManifest(doc.toString())
    assert.equal(parsed.ok, false)
    assert.ok(
      !parsed.ok &&
        parsed.issues.some((i) => /add one of email, phone, postal, form or website/.test(i.message)),
    )
  })

  it('the Art. 27 representative and the ODPC registration are stated (EN and AR)', () => {
    assert.match(
      statement(render(lumen, 'en'), 'contact.representative-eu-gdpr'),
      /Our representative in European Union \/ EEA \(GDPR Art\. 27\): EU-Rep Services/,
    )
    assert.match(
      statement(render(lumen, 'ar'), 'contact.representative-eu-gdpr'),
      /ممثلنا في الاتحاد الأوروبي/,
    )
    assert.match(
      statement(render(kenya, 'en'), 'contact.registration-ke'),
      /registration number ODPC\/DC\/2026\/000123/,
    )
    assert.match(statement(render(kenya, 'ar'), 'contact.registration-ke'), /برقم التسجيل/)
  })

  it('the CCPA items follow the manifest: nothing sold, non-discrimination, agents, GPC; a right to limit only when declared', () => {
    const en = render(lumen, 'en')
    assert.match(statement(en, 'rights.ccpa.not-sold'), /In the last 12 months we have not sold or shared/)
    assert.match(statement(en, 'rights.ccpa.agents'), /agent you authorise/)
    assert.match(statement(en, 'rights.ccpa.gpc'), /Global Privacy Control/)
    assert.ok(statementsOf(en).every((s) => s.id !== 'rights.ccpa.sensitive'))
    assert.ok(statementsOf(render(kenya, 'en')).every((s) => !s.id.startsWith('rights.ccpa')))
    const doc = parseDocument(text('lumen-web-shop'))
    doc.setIn(['categories', 'identity', 'sensitivity'], 'sensitive')
    doc.setIn(['commitments', 'sensitiveUseLimited'], false)
    assert.match(
      statement(render(parse(doc.toString()), 'ar'), 'rights.ccpa.sensitive'),
      /تقييد استخدام معلوماتك الشخصية الحساسة/,
    )
  })

  it('the CCPA categories collected, their sources and those disclosed are stated from the manifest (EN and AR)', () => {
    const en = render(lumen, 'en')
    const collected = statementsOf(en).find((s) => s.id === 'rights.ccpa.collected')
    assert.ok(collected && 'text' in collected)
    assert.equal(
      collected.text,
      'In the last 12 months we have collected these categories of personal information: Identity, Contact details, Order history and Usage information.',
    )
    assert.deepEqual(collected.sourcePaths, [
      'categories.identity',
      'categories.contact',
      'categories.order_history',
      'categories.usage',
    ])
    assert.match(
      statement(en, 'rights.ccpa.sources'),
      /from these sources: you \(Identity, Contact details and Order history\) and your use of our services \(Usage information\)\./,
    )
    const disclosed = statementsOf(en).find((s) => s.id === 'rights.ccpa.disclosed')
    assert.ok(disclosed && 'text' in disclosed)
    assert.deepEqual(disclosed.sourcePaths, [
      'processors.aws.categories',
      'processors.google_analytics.categories',
    ])
    const ar = render(lumen, 'ar')
    assert.match(
      statement(ar, 'rights.ccpa.collected'),
      /جمعنا خلال الاثني عشر شهرًا الماضية فئات المعلومات الشخصية التالية: بيانات الهوية/,
    )
    assert.match(
      statement(ar, 'rights.ccpa.sources'),
      /منك مباشرة \(وهي بيانات الهوية وبيانات الاتصال وسجل الطلبات\)/,
    )
    assert.match(statement(ar, 'rights.ccpa.disclosed'), /لمزودي الخدمات لدينا/)
    // Only for a shop serving California; nothing sold means no "sold" list.
    assert.ok(statementsOf(render(kenya, 'ar')).every((s) => !s.id.startsWith('rights.ccpa')))
    assert.ok(statementsOf(en).every((s) => s.id !== 'rights.ccpa.sold'))
  })

  it('a source the manifest does not declare is not stated, and check says so; sold categories come from advertising purposes', () => {
    const doc = parseDocument(text('lumen-web-shop'))
    doc.deleteIn(['categories', 'usage', 'source'])
    doc.setIn(['commitments', 'sellsPersonalData'], true)
    doc.setIn(['purposes', 'analytics', 'kind'], 'advertising')
    const manifest = parse(doc.toString())
    const en = render(manifest, 'en')
    assert.doesNotMatch(statement(en, 'rights.ccpa.sources'), /Usage information/)
    assert.equal(
      statement(en, 'rights.ccpa.sold'),
      'In the last 12 months we have sold or shared these categories of personal information: Usage information.',
    )
    assert.match(
      statement(render(manifest, 'ar'), 'rights.ccpa.sold'),
      /بعنا أو شاركنا .*: معلومات الاستخدام\./,
    )
    const parsed = parseManifest(doc.toString())
    assert.ok(parsed.ok)
    const findings = checkManifest(
      parsed.value.manifest,
      packsFor(manifest.jurisdictions),
      parsed.value.sourceMap,
    )
    const finding = findings.find((f) => f.rule === 'ccpa.source-undeclared')
    assert.ok(finding, 'check warns about the undeclared source')
    assert.equal(finding.path, 'categories.usage')
    assert.match(finding.fix, /Add "source: subject" .* to categories\.usage/)
    // Selling with no advertising purpose to say what is sold: no list in the policy, and check says so.
    const unbacked = parseDocument(text('lumen-web-shop'))
    unbacked.setIn(['commitments', 'sellsPersonalData'], true)
    const loose = parseManifest(unbacked.toString())
    assert.ok(loose.ok)
    assert.ok(statementsOf(render(loose.value.manifest, 'en')).every((s) => s.id !== 'rights.ccpa.sold'))
    const sold = checkManifest(
      loose.value.manifest,
      packsFor(['eu-gdpr', 'us-ca']),
      loose.value.sourceMap,
    ).find((f) => f.rule === 'ccpa.sold-categories-undeclared')
    assert.equal(sold?.path, 'commitments.sellsPersonalData')
  })

  it("Oman's explicit consent is stated where a purpose rests on consent there", () => {
    const oman = parse(text('omani-sweets'))
    assert.match(statement(render(oman, 'en'), 'uses.om-explicit-consent'), /we ask for it explicitly/)
    assert.match(statement(render(oman, 'ar'), 'uses.om-explicit-consent'), /نطلبها صراحةً/)
  })
})

describe('Kenya DPA s.29 notice items', () => {
  it('the Kenyan policy states each item s.29 lists, traced to the manifest or the ke pack', () => {
    const kenya = parse(text('kenya-outsourcing'))
    const ids = new Set(statementsOf(render(kenya, 'en')).map((s) => s.id))
    const items: Record<string, string> = {
      '(a) rights': 'rights.ke.access',
      '(b) that data is collected': 'collected.source-subject',
      '(c) purposes': 'uses.purpose-recruitment',
      '(d) third parties and transfer safeguards': 'transfers.processor-hiretrack',
      '(e) contacts of the controller': 'contact.controller',
      '(f) security measures': 'protection.intro',
      '(g)-(h) voluntary or mandatory, and the consequence': 'collected.category-applicant_identity',
      'ODPC registration': 'contact.registration-ke',
    }
    for (const [item, id] of Object.entries(items))
      assert.ok(ids.has(id), `s.29 ${item}: ${id} is not rendered`)
    assert.match(
      statement(render(kenya, 'en'), 'collected.category-applicant_identity'),
      /You must give it; without it we cannot consider your application\./,
    )
  })
})
