import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadDemoManifest } from '../../testing/test-app.ts'
import type { LedgerRecord, RecordItem } from './consent-record.ts'
import { type ConsentState, emptyState, projectState } from './consent-state.ts'
import { type DecisionContext, decide } from './decide.ts'
import { type PurposeRule, purposeRule } from './purpose-rules.ts'

const { manifest } = await loadDemoManifest()
const rule = (id: string, jurisdiction: 'kw' | 'eu-gdpr' | 'us-ca' = 'kw'): PurposeRule => {
  const r = purposeRule(manifest, id, jurisdiction)
  assert.ok(r, `purpose ${id}`)
  return r
}
// Under CCPA the shop relies on notice, not consent, for advertising: the opt-out model applies.
const ccpa = (id: string): PurposeRule => ({
  ...rule(id, 'us-ca'),
  basis: 'legitimate-interest',
  consentBased: false,
})

let seq = 0
const record = (items: RecordItem[], extra: Partial<LedgerRecord> = {}): LedgerRecord => ({
  seq: String(++seq),
  id: `r${seq}`,
  subjectHash: 'h',
  subjectKind: 'device',
  method: 'banner-custom',
  items,
  policyVersion: 'v1',
  notice: 'banner:en',
  locale: 'en',
  jurisdiction: 'kw',
  source: 'https://shop.example/',
  gpc: false,
  conflict: false,
  child: false,
  recordedAt: new Date('2026-01-01T00:00:00Z'),
  ...extra,
})
const category = (id: string, granted: boolean): RecordItem => ({
  target: 'category',
  id,
  channel: '*',
  granted,
})
const purpose = (id: string, granted: boolean, channel: RecordItem['channel'] = '*'): RecordItem => ({
  target: 'purpose',
  id,
  channel,
  granted,
})
const state = (...records: LedgerRecord[]): ConsentState => projectState(records)

const cases: {
  name: string
  state: ConsentState
  rule: PurposeRule
  context?: DecisionContext
  allow: boolean
  reason: string
}[] = [
  {
    name: 'a banner grant of the analytics category allows analytics',
    state: state(record([category('analytics', true)])),
    rule: rule('analytics'),
    allow: true,
    reason: 'consent-given',
  },
  {
    name: 'a refusal denies',
    state: state(record([category('analytics', false)], { method: 'banner-reject-all' })),
    rule: rule('analytics'),
    allow: false,
    reason: 'consent-refused',
  },
  {
    name: 'nothing recorded in an opt-in jurisdiction denies',
    state: emptyState,
    rule: rule('advertising'),
    allow: false,
    reason: 'consent-absent',
  },
  {
    name: 'a contract purpose needs no consent',
    state: emptyState,
    rule: rule('orders'),
    allow: true,
    reason: 'legal-basis-not-consent',
  },
  {
    name: 'the later record wins (grant then withdrawal)',
    state: state(record([category('marketing', true)]), record([category('marketing', false)])),
    rule: rule('advertising'),
    allow: false,
    reason: 'consent-refused',
  },
  {
    name: 'a purpose refusal overrides an earlier category grant',
    state: state(
      record([category('marketing', true)]),
      record([purpose('advertising', false)], { method: 'preferences-page' }),
    ),
    rule: rule('advertising'),
    allow: false,
    reason: 'consent-refused',
  },
  {
    name: 'a cookie banner never grants marketing email (no trackers)',
    state: state(record([category('marketing', true)], { method: 'banner-accept-all' })),
    rule: rule('marketing'),
    allow: false,
    reason: 'consent-absent',
  },
  {
    name: 'a per-channel grant allows that channel',
    state: state(record([purpose('marketing', true, 'email')], { method: 'preferences-page' })),
    rule: rule('marketing'),
    context: { channel: 'email' },
    allow: true,
    reason: 'consent-given',
  },
  {
    name: 'a per-channel grant does not allow another channel',
    state: state(record([purpose('marketing', true, 'email')], { method: 'preferences-page' })),
    rule: rule('marketing'),
    context: { channel: 'sms' },
    allow: false,
    reason: 'consent-absent',
  },
  {
    name: 'an email unsubscribe after a whole-purpose grant denies email',
    state: state(
      record([purpose('marketing', true)]),
      record([purpose('marketing', false, 'email')], { method: 'email-unsubscribe' }),
    ),
    rule: rule('marketing'),
    context: { channel: 'email' },
    allow: false,
    reason: 'consent-refused',
  },
  {
    name: 'a restriction overrides consent',
    state: { ...state(record([category('analytics', true)])), restricted: ['*'] },
    rule: rule('analytics'),
    allow: false,
    reason: 'restricted',
  },
  {
    name: 'a restriction of one purpose leaves others',
    state: { ...state(record([category('analytics', true)])), restricted: ['advertising'] },
    rule: rule('analytics'),
    allow: true,
    reason: 'consent-given',
  },
  {
    name: 'a restriction does not stop a legal obligation',
    state: { ...emptyState, restricted: ['*'] },
    rule: rule('legal'),
    allow: true,
    reason: 'legal-basis-not-consent',
  },
  {
    name: "a child's data is never used for targeted advertising, whatever was clicked",
    state: state(record([category('marketing', true)], { method: 'banner-accept-all', child: true })),
    rule: rule('advertising'),
    allow: false,
    reason: 'child',
  },
  {
    name: 'the shop can say the subject is a child',
    state: state(record([category('marketing', true)])),
    rule: rule('advertising'),
    context: { child: true },
    allow: false,
    reason: 'child',
  },
  {
    name: "the manifest's neverUsedFor: profiling also stops analytics on a child's data",
    state: state(record([category('analytics', true)], { child: true })),
    rule: rule('analytics'),
    allow: false,
    reason: 'child',
  },
  {
    name: 'a child may still get the newsletter a parent agreed to (marketing is not in neverUsedFor)',
    state: state(record([purpose('marketing', true)], { child: true, method: 'parent' })),
    rule: rule('marketing'),
    allow: true,
    reason: 'consent-given',
  },
  {
    name: 'a GPC refusal is reported as GPC',
    state: state(record([category('marketing', false)], { method: 'gpc', gpc: true })),
    rule: rule('advertising'),
    allow: false,
    reason: 'gpc',
  },
  {
    name: 'GPC on the request denies targeted advertising even after a grant',
    state: state(record([category('marketing', true)])),
    rule: rule('advertising'),
    context: { gpc: true },
    allow: false,
    reason: 'gpc',
  },
  {
    name: 'GPC does not restrict first-party analytics',
    state: state(record([category('analytics', true)], { gpc: true })),
    rule: rule('analytics'),
    context: { gpc: true },
    allow: true,
    reason: 'consent-given',
  },
  {
    name: 'CCPA: sale/sharing is allowed until the consumer opts out',
    state: emptyState,
    rule: ccpa('advertising'),
    allow: true,
    reason: 'opt-out-default',
  },
  {
    name: 'CCPA: an opt-out denies',
    state: state(record([category('marketing', false)], { jurisdiction: 'us-ca' })),
    rule: ccpa('advertising'),
    allow: false,
    reason: 'consent-refused',
  },
  {
    name: 'CCPA: GPC is an opt-out of sale and sharing',
    state: state(record([], { gpc: true, method: 'gpc' })),
    rule: ccpa('advertising'),
    allow: false,
    reason: 'gpc',
  },
  {
    name: 'CCPA: GPC on the request alone opts out',
    state: emptyState,
    rule: ccpa('advertising'),
    context: { gpc: true },
    allow: false,
    reason: 'gpc',
  },
]

describe('decide()', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(decide(c.state, c.rule, c.context), { allow: c.allow, reason: c.reason })
    })
  }
})

describe('jurisdiction defaults', () => {
  test('Kuwait and the GDPR are opt-in for consent purposes; CCPA is opt-out for sale and sharing', () => {
    assert.equal(rule('advertising', 'kw').consentModel, 'opt-in')
    assert.equal(rule('advertising', 'eu-gdpr').consentModel, 'opt-in')
    assert.equal(rule('advertising', 'us-ca').consentModel, 'opt-out')
    assert.deepEqual(decide(emptyState, rule('advertising', 'kw')), {
      allow: false,
      reason: 'consent-absent',
    })
    assert.deepEqual(decide(emptyState, rule('advertising', 'eu-gdpr')), {
      allow: false,
      reason: 'consent-absent',
    })
    assert.deepEqual(decide(emptyState, { ...rule('advertising', 'us-ca'), consentBased: false }), {
      allow: true,
      reason: 'opt-out-default',
    })
  })

  test('under CCPA a purpose that is not sale or sharing still follows its consent basis', () => {
    assert.deepEqual(decide(emptyState, rule('analytics', 'us-ca')), {
      allow: false,
      reason: 'consent-absent',
    })
  })

  test('purposes map to the banner category of their trackers', () => {
    assert.equal(rule('analytics').bannerCategory, 'analytics')
    assert.equal(rule('advertising').bannerCategory, 'marketing')
    assert.equal(rule('marketing').bannerCategory, undefined)
    assert.equal(purposeRule(manifest, 'nope', 'kw'), undefined)
  })
})
