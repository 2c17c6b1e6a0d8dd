import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ConsentState } from '../src/config-types.ts'
import {
  defaultSignals,
  effectiveGrants,
  gpcConflict,
  needsGpcRecord,
  shouldAsk,
  signalsFor,
  staleGrants,
} from '../src/consent-rules.ts'
import { shopConfig } from './support/test-shop.ts'

const config = (over: Partial<Parameters<typeof shopConfig>[0]> = {}) =>
  shopConfig({
    lang: 'en',
    jurisdiction: 'opt-in',
    policyVersion: '2',
    reaskPurposes: undefined,
    gpcHeader: false,
    ...over,
  })

const choice = (granted: string[], over: Partial<ConsentState> = {}): ConsentState => ({
  deviceId: 'd',
  decided: true,
  granted,
  refused: [],
  policyVersion: '2',
  method: 'banner-custom',
  gpc: false,
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
})

test('opt-in: nothing optional is granted before a choice; opt-out: everything but what GPC covers', () => {
  assert.deepEqual(effectiveGrants(config(), null, false), [])
  assert.deepEqual(effectiveGrants(config({ jurisdiction: 'opt-out' }), null, false), [
    'functional',
    'analytics',
    'marketing',
  ])
  assert.deepEqual(effectiveGrants(config({ jurisdiction: 'opt-out' }), null, true), [
    'functional',
    'analytics',
  ])
})

test('GPC denies the ad signals even when the server defaults grant them', () => {
  const s = defaultSignals({ ad_storage: 'granted', analytics_storage: 'granted' }, true)
  assert.equal(s.ad_storage, 'denied')
  assert.equal(s.analytics_storage, 'granted')
  assert.equal(s.security_storage, 'granted')
})

test('categories map onto all seven Consent Mode signals', () => {
  assert.deepEqual(signalsFor(config().categories, ['analytics']), {
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'granted',
    functionality_storage: 'denied',
    personalization_storage: 'denied',
    security_storage: 'granted',
  })
})

test('a policy change re-asks only when it touches a granted category (purposes resolve to their category)', () => {
  const old = choice(['analytics', 'marketing'], { policyVersion: '1' })
  assert.deepEqual(staleGrants(config({ reaskPurposes: ['remarketing'] }), old), ['marketing'])
  assert.equal(shouldAsk(config({ reaskPurposes: ['functional'] }), old), false)
  assert.equal(shouldAsk(config({ reaskPurposes: undefined }), old), true, 'unknown changes re-ask')
  assert.equal(shouldAsk(config({ reaskPurposes: [] }), old), false)
  assert.deepEqual(effectiveGrants(config({ reaskPurposes: ['remarketing'] }), old, false), ['analytics'])
})

test('GPC is recorded once, and again only when it overrides an opt-in', () => {
  assert.equal(needsGpcRecord(config(), null, true), true)
  assert.equal(needsGpcRecord(config(), choice([], { gpc: true, decided: false }), true), false)
  const optedIn = choice(['marketing'], { gpc: true })
  assert.equal(gpcConflict(config(), optedIn, true), true)
  assert.equal(needsGpcRecord(config(), optedIn, true), true)
  assert.equal(needsGpcRecord(config(), null, false), false)
})
