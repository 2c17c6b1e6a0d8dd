import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { test } from 'node:test'
import { renderErrorPage } from '@amana/web'
import { z } from 'zod'
import { createTestLogger } from '../../testing/test-app.ts'
import { createLogger } from '../logging/index.ts'
import { createServer } from './create-server.ts'

const server = (options: Partial<Parameters<typeof createServer>[0]> = {}) =>
  createServer({
    logger: createTestLogger(),
    bodyLimit: 2048,
    trustProxy: false,
    publicUrl: 'http://127.0.0.1:3000',
    version: 'test',
    ...options,
  })

test('a route that declares no permission stops the start with a message naming it', async () => {
  const app = await server()
  await assert.rejects(async () => {
    app.get('/v1/forgotten', async () => 'x')
    await app.ready()
  }, /GET \/v1\/forgotten declares no permission/)
})

test('invalid input is answered 400 naming the field; the body limit with 413; internals never leak', async () => {
  const app = await server()
  app.post(
    '/v1/echo',
    { schema: { body: z.object({ email: z.email() }) }, config: { permission: 'public' } },
    async (request) => request.body,
  )
  app.get('/v1/boom', { config: { permission: 'public' } }, async () => {
    throw new Error('password=hunter2 at db.internal')
  })
  await app.ready()
  const invalid = await app.inject({ method: 'POST', url: '/v1/echo', payload: { email: 'not-an-email' } })
  assert.equal(invalid.statusCode, 400)
  assert.equal(invalid.json().error.code, 'VALIDATION_FAILED')
  assert.match(invalid.json().error.message, /email/)
  const big = await app.inject({
    method: 'POST',
    url: '/v1/echo',
    payload: { email: `${'a'.repeat(4000)}@x.com` },
  })
  assert.equal(big.statusCode, 413)
  assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE')
  const boom = await app.inject({ method: 'GET', url: '/v1/boom' })
  assert.equal(boom.statusCode, 500)
  assert.doesNotMatch(boom.body, /hunter2|db\.internal|at /)
  assert.equal(boom.json().error.requestId, boom.headers['x-request-id'])
  await app.close()
})

test('every response carries a request id and security headers', async () => {
  const app = await server()
  app.get('/v1/ping', { config: { permission: 'public' } }, async () => ({ ok: true }))
  await app.ready()
  const response = await app.inject({
    method: 'GET',
    url: '/v1/ping',
    headers: { 'x-request-id': 'trace-123' },
  })
  assert.equal(response.headers['x-request-id'], 'trace-123')
  // A JSON API route: the short OWASP REST set, nothing renders, nothing is cached.
  assert.equal(response.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'")
  assert.equal(response.headers['x-content-type-options'], 'nosniff')
  assert.equal(response.headers['x-frame-options'], 'DENY')
  assert.equal(response.headers['cache-control'], 'no-store')
  // Without the caller's id, each request gets its own, and two servers never hand out the same one.
  const other = await server()
  other.get('/v1/ping', { config: { permission: 'public' } }, async () => ({ ok: true }))
  await other.ready()
  const ids = new Set<string>()
  for (const s of [app, other, app, other]) {
    const id = (await s.inject({ method: 'GET', url: '/v1/ping' })).headers['x-request-id']
    assert.match(String(id), /^[0-9a-f]{16}-[0-9a-z]+$/)
    ids.add(String(id))
  }
  assert.equal(ids.size, 4)
  await other.close()
  await app.close()
})

test("a header the route sets itself wins over the shell's", async () => {
  const app = await server()
  app.get('/v1/cacheable', { config: { permission: 'public' } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=60').send({ ok: true }),
  )
  await app.ready()
  const response = await app.inject({ url: '/v1/cacheable' })
  assert.equal(response.headers['cache-control'], 'public, max-age=60')
  assert.equal(response.headers['x-content-type-options'], 'nosniff')
  await app.close()
})

test("pages get helmet's set, errors too; a route can choose the API set or opt out", async () => {
  const app = await server()
  app.get('/privacy/page', { config: { permission: 'public' } }, async (_request, reply) =>
    reply.type('text/html').send('<p>hi</p>'),
  )
  app.get('/v1/page', { config: { permission: 'public', securityHeaders: 'page' } }, async () => 'x')
  app.get('/v1/probe', { config: { permission: 'public', securityHeaders: false } }, async () => ({
    ok: true,
  }))
  app.get('/admin/secret', { config: { permission: 'consent:read' } }, async () => ({ ok: true }))
  await app.ready()
  for (const url of ['/privacy/page', '/v1/page', '/privacy/missing', '/admin/secret']) {
    const response = await app.inject({ method: 'GET', url })
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/, url)
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/, url)
    assert.equal(response.headers['x-frame-options'], 'DENY', url)
    assert.equal(response.headers['x-content-type-options'], 'nosniff', url)
    assert.ok(response.headers['x-request-id'], url)
  }
  const refused = await app.inject({ method: 'GET', url: '/v1/missing' })
  assert.equal(refused.statusCode, 404)
  assert.equal(refused.headers['referrer-policy'], 'no-referrer', 'an unmatched URL has no route: page set')
  assert.equal(refused.headers['x-frame-options'], 'DENY')
  const probe = await app.inject({ method: 'GET', url: '/v1/probe' })
  assert.equal(probe.statusCode, 200)
  assert.equal(probe.headers['content-security-policy'], undefined)
  assert.ok(probe.headers['x-request-id'])
  await app.close()
})

test('HEAD twins of GET routes are guarded like the GET, and each check runs once', async () => {
  let refusals = 0
  let checks = 0
  const app = await server({
    authenticate: async () => {
      checks++
      return undefined
    },
    onRefused: async () => void refusals++,
  })
  app.get('/v1/guarded', { config: { permission: 'consent:read' } }, async () => ({ ok: true }))
  await app.ready()
  for (const method of ['GET', 'HEAD'] as const) {
    const response = await app.inject({ method, url: '/v1/guarded' })
    assert.equal(response.statusCode, 401, method)
    assert.equal(response.headers['x-frame-options'], 'DENY', method)
    assert.ok(response.headers['x-request-id'], method)
  }
  assert.equal(checks, 2, 'one identity check per request')
  assert.equal(refusals, 2, 'one refusal per request')
  const metrics = await app.metrics.registry.getSingleMetricAsString('amana_http_request_duration_seconds')
  assert.match(metrics, /_count\{method="HEAD",route="\/v1\/guarded",status="401"\} 1$/m)
  assert.match(metrics, /_count\{method="GET",route="\/v1\/guarded",status="401"\} 1$/m)
  // No route: counted once under "unmatched", never under the URL asked for.
  assert.equal((await app.inject({ url: '/v1/no-such-thing?email=a@b.c' })).statusCode, 404)
  const after = await app.metrics.registry.getSingleMetricAsString('amana_http_request_duration_seconds')
  assert.match(after, /_count\{method="GET",route="unmatched",status="404"\} 1$/m)
  assert.doesNotMatch(after, /no-such-thing/)
  await app.close()
})

test('a GET is refused before its query is validated: a stranger learns nothing about the schema', async () => {
  const app = await server({ authenticate: () => undefined })
  app.get(
    '/v1/typed',
    { config: { permission: 'consent:read' }, schema: { querystring: z.object({ n: z.coerce.number() }) } },
    async () => ({ ok: true }),
  )
  await app.ready()
  const response = await app.inject({ url: '/v1/typed?n=not-a-number' })
  assert.equal(response.statusCode, 401)
  assert.doesNotMatch(response.body, /querystring|\bn\b/)
  await app.close()
})

test('a quiet route shares one logger yet its failures are logged under the request id', async () => {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  })
  const app = await server({ logger })
  const loggers = new Set<unknown>()
  app.get('/v1/quiet', { config: { permission: 'public' }, logLevel: 'warn' }, async (request) => {
    loggers.add(request.log)
    request.log.info('not written: the route logs warnings and above')
    throw new Error('boom')
  })
  await app.ready()
  const ids: string[] = []
  for (let i = 0; i < 2; i++) {
    const response = await app.inject({ url: '/v1/quiet' })
    assert.equal(response.statusCode, 500)
    ids.push(response.json().error.requestId)
  }
  assert.equal(loggers.size, 1, 'one logger for the route, not a child per request')
  const failures = lines.filter((l) => l.msg === 'request failed')
  assert.deepEqual(
    failures.map((l) => l.reqId),
    ids,
  )
  assert.ok(!lines.some((l) => l.msg === 'request completed' || String(l.msg).startsWith('not written')))
  await app.close()
})

/** One raw HTTP/1.1 request, so the path reaches the server exactly as written (inject normalises `..`). */
const rawGet = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    )
    let text = ''
    socket.on('data', (chunk) => {
      text += chunk
    })
    socket.on('error', reject)
    socket.on('end', () =>
      resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) }),
    )
  })

test('paths the docs’ static files refuse are a plain 404: no 500, no error line, no stack', async () => {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  })
  const app = await server({ logger })
  await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const { port } = app.server.address() as { port: number }
    for (const path of [
      '/api/docs/static/../../package.json',
      '/api/docs/static/%2e%2e/%2e%2e/package.json',
      '/api/docs/static/..%2f..%2fpackage.json',
      '/api/docs/static/..\\..\\package.json',
    ]) {
      const response = await rawGet(port, path)
      assert.equal(response.status, 404, path)
      assert.equal(JSON.parse(response.body).error.code, 'NOT_FOUND', path)
      assert.doesNotMatch(response.body, /"name"|dependencies/, path)
    }
    const nul = await rawGet(port, '/api/docs/static/%00')
    assert.equal(nul.status, 400, 'a NUL in the path is named, as anywhere else')
    assert.equal(JSON.parse(nul.body).error.details[0].field, 'params.*')
  } finally {
    await app.close()
  }
  assert.deepEqual(
    lines.filter((l) => Number(l.level) >= 50),
    [],
    'nothing logged at error level',
  )
  assert.ok(!JSON.stringify(lines).includes('"stack"'), 'no stack in any line')
})

test('a URL no route matches is logged as "unmatched", never as its path or query', async () => {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  })
  const app = await server({ logger })
  await app.ready()
  const response = await app.inject('/customers/jane.doe@example.com/orders?phone=%2B96550000000')
  assert.equal(response.statusCode, 404)
  await app.close()
  const text = JSON.stringify(lines)
  assert.doesNotMatch(text, /jane|customers|96550000000/)
  const completed = lines.find((l) => l.msg === 'request completed') as { req?: { route?: string } }
  assert.equal(completed?.req?.route, 'unmatched')
})

test('text no column can hold is a 400 naming the field, but only after the permission check', async () => {
  const app = await server()
  app.post('/v1/open', { config: { permission: 'public' } }, async () => ({ ok: true }))
  app.post('/v1/closed', { config: { permission: 'consent:read' } }, async () => ({ ok: true }))
  app.get('/v1/closed', { config: { permission: 'consent:read' } }, async () => ({ ok: true }))
  await app.ready()
  const open = await app.inject({ method: 'POST', url: '/v1/open', payload: { list: [{ name: 'a\u0000' }] } })
  assert.equal(open.statusCode, 400)
  assert.equal(open.json().error.code, 'VALIDATION_FAILED')
  assert.match(open.json().error.message, /body\.list\.0\.name: contains a NUL character/)
  const surrogate = await app.inject({
    method: 'POST',
    url: '/v1/open',
    headers: { 'content-type': 'application/json' },
    payload: '{"note":"\\udc00"}',
  })
  assert.equal(surrogate.json().error.details[0].field, 'body.note')
  const form = await app.inject({
    method: 'POST',
    url: '/v1/open',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'email=a%00b',
  })
  assert.equal(form.json().error.details[0].field, 'body.email')
  const closedPost = await app.inject({ method: 'POST', url: '/v1/closed', payload: { name: 'a\u0000' } })
  assert.equal(closedPost.statusCode, 401, 'a stranger learns nothing about the input')
  assert.equal((await app.inject('/v1/closed?q=%00')).statusCode, 401)
  await app.close()
})

test('a failing page is a friendly 500 page for a browser, with the reference to quote and no internals', async () => {
  const app = await server({
    errorPage: ({ status, request }) =>
      renderErrorPage({ locale: 'ar', shopName: 'RUMROM', status, requestId: request.id, path: request.url }),
  })
  app.get('/privacy/broken', { config: { permission: 'public' } }, async () => {
    throw new Error('password=hunter2 at db.internal')
  })
  app.get('/v1/broken', { config: { permission: 'public' } }, async () => {
    throw new Error('password=hunter2 at db.internal')
  })
  await app.ready()
  const page = await app.inject({ url: '/privacy/broken', headers: { accept: 'text/html' } })
  assert.equal(page.statusCode, 500)
  assert.match(String(page.headers['content-type']), /^text\/html/)
  assert.match(page.body, /حدث خطأ ما/)
  assert.ok(page.body.includes(String(page.headers['x-request-id'])), 'the reference to quote is on the page')
  assert.doesNotMatch(page.body, /hunter2|db\.internal/)
  const api = await app.inject({ url: '/v1/broken', headers: { accept: 'text/html' } })
  assert.equal(api.statusCode, 500)
  assert.equal(api.json().error.code, 'INTERNAL')
  await app.close()
})
