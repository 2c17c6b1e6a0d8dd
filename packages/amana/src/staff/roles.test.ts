import assert from 'node:assert/strict'
import { test } from 'node:test'
import { scopeLabels } from '@amana/web'
import { permissions } from '../platform/http/index.ts'
import {
  apiKeyScopes,
  canManageRole,
  capabilitiesOf,
  checkRoleChange,
  roles,
  ungrantableScopes,
} from './domain/roles.ts'

test('the owner holds every capability; the privacy officer too, but cannot reach owners', () => {
  for (const p of permissions.filter((x) => x !== 'public')) assert.ok(capabilitiesOf('owner').has(p), p)
  assert.equal(canManageRole('privacy-officer', 'owner'), false)
  assert.equal(canManageRole('privacy-officer', 'support-agent'), true)
  assert.equal(canManageRole('owner', 'owner'), true)
})

test('roles without staff:manage manage nobody', () => {
  for (const actor of ['support-agent', 'viewer', 'developer'] as const) {
    for (const role of roles) assert.equal(canManageRole(actor, role), false, `${actor} → ${role}`)
  }
})

test('a role reaching above itself is refused: no self-raise, no owner by a privacy officer, no last-owner demotion', () => {
  const base = { actorId: 'a', targetId: 'b', ownerCount: 2 }
  assert.deepEqual(checkRoleChange({ ...base, actorRole: 'privacy-officer', from: 'viewer', to: 'owner' }), {
    ok: false,
    reason: 'above-actor',
  })
  assert.deepEqual(checkRoleChange({ ...base, actorRole: 'privacy-officer', from: 'owner', to: 'viewer' }), {
    ok: false,
    reason: 'above-actor',
  })
  assert.deepEqual(
    checkRoleChange({
      ...base,
      targetId: 'a',
      actorRole: 'privacy-officer',
      from: 'privacy-officer',
      to: 'owner',
    }),
    { ok: false, reason: 'self' },
  )
  assert.deepEqual(
    checkRoleChange({ ...base, ownerCount: 1, actorRole: 'owner', from: 'owner', to: 'viewer' }),
    { ok: false, reason: 'last-owner' },
  )
  assert.deepEqual(checkRoleChange({ ...base, actorRole: 'owner', from: 'viewer', to: 'owner' }), {
    ok: true,
  })
})

test('an API key cannot carry a scope its creator lacks', () => {
  // A developer may issue tokenisation keys for the shop backend, but not keys that read values back.
  assert.deepEqual(
    ungrantableScopes(capabilitiesOf('developer'), ['decisions:read', 'vault:tokenise', 'vault:detokenise']),
    ['vault:detokenise'],
  )
  assert.deepEqual(ungrantableScopes(capabilitiesOf('owner'), [...apiKeyScopes]), [])
})

test('every API key scope the console offers has a readable label in English and Arabic', () => {
  for (const locale of ['en', 'ar'] as const) {
    const unlabelled = apiKeyScopes.filter((scope) => !scopeLabels[locale][scope]?.trim())
    assert.deepEqual(unlabelled, [], `${locale}: scopes shown as their raw names`)
  }
  // The Arabic label is Arabic, not the English copied.
  for (const scope of apiKeyScopes) assert.match(scopeLabels.ar[scope] ?? '', /[\u0600-\u06FF]/, scope)
})
