import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createDataKeyCache } from './data-key-cache.ts'

const key = () => Buffer.alloc(32, 7)
const isZero = (b: Buffer) => b.every((x) => x === 0)

test('the least recently used key is evicted past the bound, and zeroised', () => {
  const cache = createDataKeyCache({ maxEntries: 2, ttlMs: 1000 })
  const a = key()
  cache.set('a', a, 0)
  cache.set('b', key(), 0)
  cache.get('a', 1)
  cache.set('c', key(), 2)
  assert.equal(cache.get('b', 3), undefined)
  assert.equal(cache.get('a', 3), a)
  assert.equal(cache.size, 2)
  assert.ok(!isZero(a))
})

test('an expired key is dropped and zeroised', () => {
  const cache = createDataKeyCache({ ttlMs: 100 })
  const a = key()
  cache.set('a', a, 0)
  assert.equal(cache.get('a', 100), undefined)
  assert.ok(isZero(a))
})

test('deleting (on shred) and clearing zeroise the keys', () => {
  const cache = createDataKeyCache()
  const a = key()
  const b = key()
  cache.set('a', a, 0)
  cache.set('b', b, 0)
  cache.delete('a')
  assert.ok(isZero(a))
  cache.clear()
  assert.ok(isZero(b))
  assert.equal(cache.size, 0)
})

test('setting the same buffer again does not zeroise it', () => {
  const cache = createDataKeyCache()
  const a = key()
  cache.set('a', a, 0)
  cache.set('a', a, 1)
  assert.ok(!isZero(a))
})
