import assert from 'node:assert/strict'
import { test } from 'node:test'
import rateLimit from '@fastify/rate-limit'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { createTestDatabase, testEngine } from '../../testing/test-database.ts'
import { postgresRateLimitStore } from './rate-limit-store.ts'

test(`the database store opens a new window when one ends, counts each route apart and deletes ended windows (${testEngine()})`, async (t) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  const app = Fastify()
  t.after(() => app.close())
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(database.db, 'test-secret') })
  const limit = { max: 1, timeWindow: 700 }
  app.get('/a', { config: { rateLimit: limit } }, async () => 'a')
  app.get('/b', { config: { rateLimit: limit } }, async () => 'b')
  await app.ready()
  const get = async (url: string) => (await app.inject({ url })).statusCode

  assert.deepEqual([await get('/a'), await get('/a'), await get('/b')], [200, 429, 200])
  const refused = await app.inject({ url: '/a' })
  assert.equal(refused.headers['retry-after'], '1')
  await new Promise((r) => setTimeout(r, 800))
  assert.equal(await get('/a'), 200, 'a new window, a new budget')
  const keys = await sql<{ n: number }>`select count(*)::int as n from rate_limit`.execute(database.db)
  assert.equal(keys.rows[0]?.n, 1, "the ended window of /b was deleted when /a's new window began")
})
