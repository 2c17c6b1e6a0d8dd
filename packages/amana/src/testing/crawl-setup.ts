import assert from 'node:assert/strict'
import { publishPolicy } from '../policy/index.ts'
import { addMember, signIn } from '../staff/testing.ts'
import type { TestApp } from './test-app.ts'

/**
 * What the Arabic page crawls read (arabic-crawl, bidi-crawl): a published policy (version 1), an
 * erasure request filed by noor@example.com, and a signed-in owner with the console menu read in
 * Arabic (each section's path, no query).
 */
export const crawlSetup = async (
  t: TestApp,
): Promise<{ cookie: string; menu: string[]; requestId: string }> => {
  const published = await publishPolicy(t.database.db, t.ctx.manifest.manifest, {
    effectiveDate: '2026-01-01',
    now: new Date(),
  })
  assert.ok(published.ok)
  const filed = await t.app.inject({
    method: 'POST',
    url: '/v1/requests',
    payload: { type: 'erasure', email: 'noor@example.com', country: 'KW' },
  })
  assert.equal(filed.statusCode, 202, filed.body)
  const request = await t.services.requests.store.byReference(filed.json().reference)
  assert.ok(request)
  const owner = await addMember(t, 'owner')
  const { cookie } = await signIn(t, owner.email, owner.password)
  const home = await t.app.inject({ url: '/admin/home?lang=ar', headers: { cookie } })
  const menu = [
    ...new Set([...home.body.matchAll(/<a href="(\/admin\/[^"?]+)\?lang=ar"/g)].map((m) => m[1] as string)),
  ]
  assert.ok(menu.length > 5, 'the menu is read')
  return { cookie, menu, requestId: request.id }
}
