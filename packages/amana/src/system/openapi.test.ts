import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { errorCodes } from '../platform/errors/index.ts'
import { isPermission } from '../platform/http/index.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { apiDocs } from './api-docs.ts'

type Json = Record<string, unknown>
interface Operation {
  summary?: string
  description?: string
  'x-amana-permission'?: string
  parameters?: { in: string; name: string }[]
  requestBody?: unknown
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; example?: unknown }> }>
}

// The calls a shop's backend makes most: each shows an example request.
const common = [
  'GET /v1/decisions',
  'POST /v1/decisions',
  'POST /v1/consent/records',
  'POST /v1/consent/preference-links',
  'POST /v1/requests',
  'POST /v1/tokens',
  'POST /v1/tokens/detokenise',
  'POST /v1/events',
  'POST /v1/api-keys',
]

describe('the OpenAPI document is a complete contract', () => {
  let t: TestApp
  let doc: Json & { paths: Record<string, Record<string, Operation>>; components: Json }
  const operations: [string, Operation][] = []
  before(async () => {
    t = await createTestApp()
    doc = (await t.app.inject('/api/openapi.json')).json()
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods))
        operations.push([`${method.toUpperCase()} ${path}`, op])
  })
  after(() => t.close())

  test('it validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    assert.deepEqual(result.errors, undefined)
    assert.equal(result.valid, true)
    assert.equal(validator.version, '3.1')
  })

  test('every operation has a summary and a description of its own, besides its permission', () => {
    const lacking = operations
      .filter(([, op]) => !op.summary || !op.description || /^Permission: /.test(op.description))
      .map(([key]) => key)
    assert.deepEqual(lacking, [], 'add schema.description to the route, or an entry in system/api-docs.ts')
  })

  test('every operation names its permission, in x-amana-permission and its description', () => {
    for (const [key, op] of operations) {
      const permission = op['x-amana-permission']
      assert.ok(isPermission(permission), `${key}: no x-amana-permission`)
      assert.ok(
        op.description?.includes(`Permission: \`${permission}\``),
        `${key}: permission not in the description`,
      )
    }
    assert.equal(doc.paths['/v1/decisions']?.get?.['x-amana-permission'], 'decisions:read')
    assert.equal(doc.paths['/v1/consent']?.post?.['x-amana-permission'], 'public')
  })

  test('every error answer is documented with the error-code schema', () => {
    const schema = (doc.components.schemas as Json).Error as {
      properties: { error: { properties: { code: { enum: string[] } } } }
    }
    assert.deepEqual(schema.properties.error.properties.code.enum, Object.keys(errorCodes))
    for (const [key, op] of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status))
      const statuses = errors.map(([status]) => status)
      assert.ok(statuses.includes('500') && statuses.includes('503'), `${key}: no 500/503`)
      if (op['x-amana-permission'] !== 'public')
        assert.ok(statuses.includes('401') && statuses.includes('403'), `${key}: no 401/403`)
      if (op.requestBody || op.parameters?.length) assert.ok(statuses.includes('400'), `${key}: no 400`)
      for (const [status, response] of errors)
        assert.equal(
          response.content?.['application/json']?.schema?.$ref,
          '#/components/schemas/Error',
          `${key} ${status}: not the error-code schema`,
        )
    }
    assert.ok(
      doc.paths['/v1/consent']?.post?.responses['429'],
      'the rate-limited banner record documents 429',
    )
  })

  test('the common calls carry examples', () => {
    for (const key of common) {
      const op = operations.find(([k]) => k === key)?.[1]
      assert.ok(op, `${key} is not in the document`)
      const body = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)
        ?.content
      const example =
        body?.['application/json']?.example ??
        op.parameters?.find((p) => p.in === 'query' && (p as { example?: unknown }).example !== undefined)
      assert.ok(example, `${key}: no example request`)
    }
  })

  test('api-docs.ts names no operation that is gone', () => {
    const present = new Set(operations.map(([key]) => key))
    assert.deepEqual(
      Object.keys(apiDocs).filter((key) => !present.has(key)),
      [],
    )
  })
})
