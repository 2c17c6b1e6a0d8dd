import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify'
import { isPermission, type Permission } from '../../packages/amana/src/platform/http/index.ts'
import { apiKeyScopes, type Role, roleCapabilities, roles } from '../../packages/amana/src/staff/index.ts'
import { addMember, signIn, staffAccessFor } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

/**
 * Every route the application registers × every role, two API keys and an anonymous caller: the
 * callers let through must be exactly those whose capabilities include the route's declared
 * permission. Routes are collected as Fastify registers them (its `fastify.initialization`
 * diagnostics channel), so a route added tomorrow is in this matrix without anyone editing it.
 */

interface Caller {
  readonly name: string
  readonly permissions: ReadonlySet<Permission>
  headers(): Record<string, string>
}

const isRefused = (response: LightMyRequestResponse): boolean => {
  if (response.statusCode === 303) return /[?&]m=session\b/.test(String(response.headers.location))
  if (response.statusCode === 401) return true
  if (response.statusCode !== 403) return false
  if (String(response.headers['content-type']).startsWith('text/html'))
    return /data-refusal="forbidden"/.test(response.body)
  const error = (response.json() as { error?: { code?: string; details?: { permission?: string } } }).error
  return error?.code === 'FORBIDDEN' && typeof error.details?.permission === 'string'
}

test('every route lets through exactly the roles and keys its declared permission names', async () => {
  const routes: RouteOptions[] = []
  const onInit = (message: unknown) => {
    ;(message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
      routes.push(route)
    })
  }
  subscribe('fastify.initialization', onInit)
  const t = await createTestApp().finally(() => unsubscribe('fastify.initialization', onInit))
  try {
    const endpoints = routes
      .flatMap((r) =>
        [r.method]
          .flat()
          .map((method) => ({ method: String(method), url: r.url, permission: r.config?.permission })),
      )
      .filter((e) => e.method !== 'HEAD')
    assert.ok(endpoints.length > 30, `found ${endpoints.length} routes`)
    for (const e of endpoints)
      assert.ok(isPermission(e.permission), `${e.method} ${e.url} declares a permission`)
    // Route names, traffic and error rates map the service for an attacker: metrics are not public.
    assert.equal(
      endpoints.find((e) => `${e.method} ${e.url}` === 'GET /metrics')?.permission,
      'system:metrics',
    )
    for (const known of [
      'POST /v1/session',
      'GET /v1/staff',
      'POST /v1/api-keys',
      'GET /admin/audit',
      'GET /healthz',
    ]) {
      assert.ok(
        endpoints.some((e) => `${e.method} ${e.url}` === known),
        `${known} is enumerated`,
      )
    }

    const access = staffAccessFor(t)
    const members = new Map<
      Role,
      { email: string; password: string; session: { cookie: string; csrf: string } }
    >()
    for (const role of roles) {
      const m = await addMember(t, role)
      members.set(role, { ...m, session: await signIn(t, m.email, m.password) })
    }
    const owner = members.get('owner')
    assert.ok(owner)
    const ownerActor = {
      id: (await access.listStaff()).find((s) => s.role === 'owner')?.id ?? '',
      role: 'owner' as const,
      permissions: new Set(roleCapabilities.owner),
    }
    const fullKey = await access.createApiKey(ownerActor, { name: 'all scopes', scopes: [...apiKeyScopes] })
    const narrowKey = await access.createApiKey(ownerActor, {
      name: 'decisions only',
      scopes: ['decisions:read'],
    })
    assert.ok(fullKey.ok && narrowKey.ok)

    const callers: Caller[] = [
      { name: 'anonymous', permissions: new Set(), headers: () => ({}) },
      {
        name: 'api-key (all scopes)',
        permissions: new Set(apiKeyScopes),
        headers: () => ({ authorization: `Bearer ${fullKey.key}` }),
      },
      {
        name: 'api-key (decisions:read)',
        permissions: new Set(['decisions:read']),
        headers: () => ({ authorization: `Bearer ${narrowKey.key}` }),
      },
      ...roles.map((role) => ({
        name: role,
        permissions: new Set(roleCapabilities[role]),
        headers: () => {
          const s = members.get(role)?.session
          return s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}
        },
      })),
    ]

    const mismatches: string[] = []
    let exercised = 0
    for (const endpoint of endpoints) {
      const url = endpoint.url.replace(/:\w+/g, randomUUID()).replace(/\*$/, 'x')
      const permission = endpoint.permission as Permission
      for (const caller of callers) {
        const response = await t.app.inject({
          method: endpoint.method as 'GET',
          url,
          headers: caller.headers(),
          ...(endpoint.method === 'GET' ? {} : { payload: {} }),
        })
        exercised++
        const expected = permission === 'public' || caller.permissions.has(permission)
        const allowed = !isRefused(response)
        if (allowed !== expected)
          mismatches.push(
            `${endpoint.method} ${endpoint.url} (${permission}) as ${caller.name}: ${allowed ? 'allowed' : 'refused'} (${response.statusCode}), expected ${expected ? 'allowed' : 'refused'}`,
          )
        // A route that signed the caller out (sign-out, password change): sign in again.
        const role = caller.name as Role
        if (members.has(role) && response.cookies.some((c) => c.name === 'amana_session')) {
          const m = members.get(role)
          if (m) members.set(role, { ...m, session: await signIn(t, m.email, m.password) })
        }
      }
    }
    assert.deepEqual(mismatches, [])
    assert.equal(exercised, endpoints.length * callers.length)
  } finally {
    await t.close()
  }
})
