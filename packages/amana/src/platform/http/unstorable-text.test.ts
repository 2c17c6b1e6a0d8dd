import assert from 'node:assert/strict'
import { test } from 'node:test'
import { unstorableTextAt } from './unstorable-text.ts'

test('names the first string holding a NUL or an unpaired surrogate, however deep', () => {
  assert.equal(unstorableTextAt({ name: 'Sara', tags: ['a', 'b'] }, 'body'), undefined)
  assert.equal(unstorableTextAt({ name: 'Sa\u0000ra' }, 'body'), 'body.name')
  assert.equal(
    unstorableTextAt(JSON.parse('{"items":[{"n":"ok"},{"n":"\\ud800x"}]}'), 'body'),
    'body.items.1.n',
  )
  assert.equal(unstorableTextAt(JSON.parse('{"a\\u0000": 1}'), 'body'), 'body (a property name)')
  assert.equal(unstorableTextAt('\udc00', 'body'), 'body')
  assert.equal(unstorableTextAt('emoji 😀 are paired surrogates', 'body'), undefined)
  assert.equal(unstorableTextAt(Buffer.from([0, 0]), 'body'), undefined, 'a buffer is not text')
  // As Fastify parses a query string: an object whose prototype has no prototype.
  const query: Record<string, string> = Object.create(Object.create(null))
  query.q = 'a\u0000b'
  assert.equal(unstorableTextAt(query, 'querystring'), 'querystring.q', 'a parsed query string is walked')
  const deep = JSON.parse(`${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`)
  assert.match(unstorableTextAt(deep, 'body') ?? '', /^body(\.0)+$/, 'no stack overflow')
})
