// The API contract's parts no route schema states: each operation's permission, the errors it can
// answer with (all in the one error shape, docs/errors.md), and the prose and examples kept for it.
import { errorCodes } from '../errors/index.ts'
import type { Permission } from './permissions.ts'

/** What the shell knows of a documented route when it is registered. */
export interface RouteFacts {
  readonly permission: Permission
  /** The route validates a body, query or path parameters: a 400 can answer it. */
  readonly validates: boolean
  readonly hasBody: boolean
  readonly rateLimited: boolean
}

/** Prose and examples for one operation, where the route's schema has none of its own. */
export interface OperationDoc {
  readonly summary?: string
  readonly description: string
  /** An example request body (JSON). */
  readonly body?: unknown
  /** Example query parameters, by name. */
  readonly query?: Readonly<Record<string, string>>
  /** An example of the success answer. */
  readonly answer?: unknown
}

/** `GET /v1/consent/{id}/receipt` — the key both the route registry and the catalogue use. */
export const operationKey = (method: string, openapiPath: string) => `${method.toUpperCase()} ${openapiPath}`

/** Fastify's `/v1/consent/:id/receipt` as OpenAPI writes it. */
export const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCodes), description: 'Stable: see docs/errors.md' },
        message: { type: 'string', description: 'Safe to show; says how to fix the problem' },
        requestId: { type: 'string', description: 'Names the server log lines of this request' },
        details: { description: 'For VALIDATION_FAILED, one { field, message } per problem' },
      },
    },
  },
} as const

const codesWithStatus = (status: number) =>
  Object.entries(errorCodes)
    .filter(([code, c]) => c.status === status && code !== 'CLI_USAGE')
    .map(([code]) => code)

const errorResponse = (status: number, why: string, example?: unknown) => ({
  description: `${why} Codes: ${codesWithStatus(status).join(', ')}.`,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      ...(example ? { example } : {}),
    },
  },
})

/** The error answers an operation can give, from what the shell knows of its route. */
export const errorResponses = (facts: RouteFacts, path: string): Record<string, unknown> => ({
  ...(facts.validates
    ? {
        400: errorResponse(400, 'The input did not match the schema; `details` names each field.', {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Invalid request. body.subject: Required',
            requestId: '3f9c0a7d1e2b4c58-1a',
            details: [{ field: 'body.subject', message: 'Required' }],
          },
        }),
      }
    : {}),
  ...(facts.permission === 'public'
    ? {}
    : {
        401: errorResponse(401, 'No session and no API key.'),
        403: errorResponse(
          403,
          `The caller does not hold "${facts.permission}" (or a CSRF token is missing).`,
        ),
      }),
  ...(path.includes('{') ? { 404: errorResponse(404, 'Nothing exists at this address.') } : {}),
  ...(facts.hasBody ? { 413: errorResponse(413, 'The body is larger than AMANA_BODY_LIMIT.') } : {}),
  ...(facts.rateLimited ? { 429: errorResponse(429, 'Too many requests; wait for Retry-After.') } : {}),
  500: errorResponse(500, 'An unexpected error; quote the requestId.'),
  503: errorResponse(503, 'The database is briefly unavailable; retry after Retry-After.'),
})

const permissionNote = (permission: Permission) =>
  permission === 'public'
    ? 'Permission: `public` (no session or API key needed).'
    : `Permission: \`${permission}\` (an API key with this scope, or a signed-in staff role that has it).`

type Json = Record<string, unknown>
type Operation = Json & { description?: string; summary?: string; responses?: Json; parameters?: Json[] }

const addExamples = (op: Operation, doc: OperationDoc) => {
  const content = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content
  if (doc.body !== undefined && content?.['application/json']) content['application/json'].example = doc.body
  for (const p of op.parameters ?? [])
    if (p.in === 'query' && doc.query?.[p.name as string] !== undefined)
      p.example = doc.query[p.name as string]
  const ok = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1] as
    | { content?: Record<string, Json> }
    | undefined
  if (doc.answer !== undefined) {
    if (ok?.content?.['application/json']) ok.content['application/json'].example = doc.answer
    else if (ok) ok.content = { 'application/json': { example: doc.answer } }
  }
}

/**
 * The document with every operation's permission (`x-amana-permission`, also said in its description and
 * `security`), its error answers in the shape of `#/components/schemas/Error`, and the catalogue's prose and
 * examples where the route gave none. An operation without facts (none should exist) is left as it is.
 */
export const completeOpenApi = (
  document: Json,
  facts: ReadonlyMap<string, RouteFacts>,
  docs: ReadonlyMap<string, OperationDoc>,
): Json => {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const key = operationKey(method, path)
      const fact = facts.get(key)
      const doc = docs.get(key)
      if (doc?.summary && !op.summary) op.summary = doc.summary
      const description = op.description ?? doc?.description
      if (!fact) continue
      op.description = description
        ? `${description}\n\n${permissionNote(fact.permission)}`
        : permissionNote(fact.permission)
      op['x-amana-permission'] = fact.permission
      op.security = fact.permission === 'public' ? [] : [{ apiKey: [] }, { session: [] }]
      op.responses = { ...op.responses, ...errorResponses(fact, path) }
      if (doc) addExamples(op, doc)
    }
  }
  const components = (document.components ?? {}) as Json
  document.components = {
    ...components,
    schemas: { ...((components.schemas as Json | undefined) ?? {}), Error: errorSchema },
  }
  return document
}
