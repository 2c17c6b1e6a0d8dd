import assert from 'node:assert/strict'
import { test } from 'node:test'
import { planFromManifest } from '../../requests/index.ts'
import { loadDemoManifest } from '../../testing/test-app.ts'
import { retentionTablePlans } from './erase-plan.ts'
import { resolveEvent } from './events.ts'
import { dueBefore, dueWithin, retentionTargets, subtractDuration } from './plan.ts'

test('periods are counted back on the calendar: a month from 31 March is the end of February', () => {
  assert.equal(
    subtractDuration(new Date('2026-03-31T12:00:00Z'), 'P1M').toISOString(),
    '2026-02-28T12:00:00.000Z',
  )
  assert.equal(
    subtractDuration(new Date('2033-03-20T00:00:00Z'), 'P7Y').toISOString(),
    '2026-03-20T00:00:00.000Z',
  )
  assert.equal(
    subtractDuration(new Date('2026-10-10T00:00:00Z'), 'P0D').toISOString(),
    '2026-10-10T00:00:00.000Z',
  )
  assert.equal(
    subtractDuration(new Date('2026-10-10T00:00:00Z'), 'PT12H').toISOString(),
    '2026-10-09T12:00:00.000Z',
  )
  // What falls due within a week is what is due a week from now.
  const now = new Date('2026-10-01T00:00:00Z')
  assert.equal(
    dueWithin(now, 'P6M', 'week').toISOString(),
    dueBefore(new Date('2026-10-08T00:00:00Z'), 'P6M').toISOString(),
  )
})

test("RUMROM's rules as targets: shared rules go together, time columns where declared, the clock elsewhere", async () => {
  const { manifest } = await loadDemoManifest()
  const targets = retentionTargets(manifest)
  const designs = targets.find((t) => t.categories.includes('cake_designs'))
  assert.deepEqual(
    designs && {
      keep: designs.keep,
      after: designs.after,
      action: designs.action,
      tables: designs.tables.map((t) => t.table),
    },
    { keep: 'P6M', after: 'order-fulfilled', action: 'delete', tables: ['cake_designs', 'uploads'] },
  )
  const orders = targets.find((t) => t.categories.includes('order_history'))
  assert.deepEqual(orders?.categories, ['payment', 'order_history'], 'one rule, one transaction')
  assert.deepEqual(orders?.tables.find((t) => t.table === 'orders')?.sensitive, [
    'payment_token',
    'card_last4',
  ])
  const browsing = targets.find((t) => t.categories.includes('usage'))
  assert.deepEqual(browsing?.tables.find((t) => t.table === 'events')?.source, {
    kind: 'column',
    column: 'occurred_at',
  })
  assert.deepEqual(orders?.tables[0]?.source, { kind: 'clock' })
  // The support inbox is a manual system: a target too (staff do the deleting).
  assert.ok(targets.some((t) => t.system === 'support_inbox'))
})

test('anonymising orders rewrites who they were about and the payment token, and keeps the amounts', async () => {
  const { manifest } = await loadDemoManifest()
  const planned = planFromManifest(manifest, {
    RUMROM_DATABASE_URL: 'postgres://unused',
    RUMROM_UPLOADS_DIR: '/tmp/unused',
  })
  assert.ok(planned.ok)
  const orders = retentionTargets(manifest).find((t) => t.categories.includes('order_history'))
  assert.ok(orders)
  const tables = retentionTablePlans(planned.plan, orders)
  const fields = (table: string) =>
    tables.find((t) => t.table === table)?.fields.map((f) => [f.column, f.onErase])
  assert.deepEqual(fields('orders'), [
    ['payment_token', 'anonymise'],
    ['card_last4', 'anonymise'],
    ['customer_id', 'anonymise'],
  ])
  // Order lines keep product, quantity and price; nothing outside the rule is touched, or even read.
  assert.deepEqual(
    tables.map((t) => t.table),
    ['orders'],
  )
  assert.ok(tables.every((t) => t.identity.length === 0))
})

test('events are checked against the manifest and name the field to fix', async () => {
  const { manifest } = await loadDemoManifest()
  const now = new Date('2026-12-06T00:00:00Z')
  const ok = resolveEvent(manifest, { type: 'signed-in', subject: { kind: 'customer', id: '42' } }, now)
  assert.ok(ok.ok)
  assert.equal(ok.event.event, 'last-activity')
  const future = resolveEvent(
    manifest,
    { type: 'order.fulfilled', occurredAt: '2027-01-01T00:00:00Z', records: [{ table: 'orders', key: '1' }] },
    now,
  )
  assert.deepEqual(!future.ok && future.problems.map((p) => p.field), ['occurredAt'])
  const wrongSystem = resolveEvent(
    manifest,
    { type: 'order.fulfilled', records: [{ system: 'support_inbox', table: 'orders', key: '1' }] },
    now,
  )
  assert.deepEqual(!wrongSystem.ok && wrongSystem.problems.map((p) => p.field), ['records[0].table'])
})
