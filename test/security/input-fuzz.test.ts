import assert from 'node:assert/strict'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { test } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

/** The error of a JSON error answer; undefined for anything else (a page, a success). */
const jsonError = (response: LightMyRequestResponse) =>
  String(response.headers['content-type']).startsWith('application/json')
    ? (response.json() as { error?: { code?: string; details?: { field?: string }[] } }).error
    : undefined

/**
 * Text no database column can hold — a NUL (PostgreSQL refuses U+0000 in text and jsonb) or an
 * unpaired surrogate — sent to every route that takes a body, as the owner (who passes every
 * permission check, so the input reaches the route): the answer is a 400 naming the field, never a
 * 500. Routes are collected as Fastify registers them, as in route-matrix.test.ts.
 */
test('a NUL or an unpaired surrogate in any string of any body, and a NUL in any query or path, is a 400 naming the field', async () => {
  const routes: RouteOptions[] = []
  const onInit = (message: unknown) => {
    ;(message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
      routes.push(route)
    })
  }
  subscribe('fastify.initialization', onInit)
  const t = await createTestApp().finally(() => unsubscribe('fastify.initialization', onInit))
  try {
    const owner = await addMember(t, 'owner')
    let session = await signIn(t, owner.email, owner.password)
    const endpoints = routes.flatMap((r) =>
      [r.method].flat().map((method) => ({ method: String(method), url: r.url, schema: r.schema })),
    )
    const withBody = endpoints.filter((e) => ['POST', 'PUT', 'PATCH'].includes(e.method))
    assert.ok(withBody.length > 15, `found ${withBody.length} routes taking a body`)
    const urlOf = (pattern: string) => pattern.replace(/:\w+/g, 'x').replace(/\*$/, 'x')

    const problems: string[] = []
    for (const endpoint of withBody) {
      const shape = (endpoint.schema?.body as { shape?: Record<string, unknown> } | undefined)?.shape
      const fields = shape && Object.keys(shape).length > 0 ? Object.keys(shape) : ['note']
      for (const [name, bad] of [
        ['NUL', 'before\u0000after'],
        ['unpaired surrogate', 'before\ud800after'],
      ] as const) {
        const response = await t.app.inject({
          method: endpoint.method as 'POST',
          url: urlOf(endpoint.url),
          headers: { ...asStaff(session), 'content-type': 'application/json' },
          payload: JSON.stringify(Object.fromEntries(fields.map((f) => [f, bad]))),
        })
        const error = jsonError(response)
        if (error?.code !== 'VALIDATION_FAILED' || error.details?.[0]?.field !== `body.${fields[0]}`)
          problems.push(
            `${endpoint.method} ${endpoint.url} with a ${name}: ${response.statusCode} ${response.body.slice(0, 160)}`,
          )
        if (response.cookies.some((c) => c.name === 'amana_session'))
          session = await signIn(t, owner.email, owner.password)
      }
    }
    for (const endpoint of endpoints.filter((e) => e.method === 'GET')) {
      for (const url of [
        `${urlOf(endpoint.url)}?q=a%00b`,
        urlOf(endpoint.url.replace(/(:\w+|\*)$/, '%00')),
      ]) {
        if (!url.includes('%00')) continue
        const response = await t.app.inject({ url, headers: asStaff(session) })
        if (response.statusCode !== 400 || jsonError(response)?.code !== 'VALIDATION_FAILED')
          problems.push(`GET ${url}: ${response.statusCode}`)
      }
    }
    assert.deepEqual(problems, [])
  } finally {
    await t.close()
  }
})
