import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createDataKeyCache } from './data-key-cache.ts'

const key = () => Buffer.alloc(32, 7)
const isZero = (b: Buffer) => b.every((x) => x === 0)

test('the least recently used key is evicted past the bound, and zeroised', () => {
  const cache = createDataKeyCache({ maxEntries: 2, ttlMs: 1000 })
  const a = key()
  const b = key()
  cache.set('a', a, 0)
  cache.set('b', b, 0)
  cache.get('a', 1)
  cache.set('c', key(), 2)
  assert.equal(cache.get('b', 3), undefined)
  assert.ok(isZero(b))
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

test('replacing a key with another zeroises the one replaced', () => {
  const cache = createDataKeyCache()
  const a = key()
  const b = key()
  cache.set('a', a, 0)
  cache.set('a', b, 1)
  assert.equal(cache.get('a', 2), b)
  assert.ok(isZero(a))
  assert.ok(!isZero(b))
})

test('thousands of subjects past the bound keep the newest and the size', () => {
  const cache = createDataKeyCache({ maxEntries: 1000 })
  const keys = Array.from({ length: 5000 }, () => key())
  for (const [i, k] of keys.entries()) cache.set(`s${i}`, k, 0)
  assert.equal(cache.size, 1000)
  assert.equal(cache.get('s4999', 1), keys[4999])
  assert.equal(cache.get('s0', 1), undefined)
  assert.ok(isZero(keys[0] as Buffer))
})
