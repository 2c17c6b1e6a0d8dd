import assert from 'node:assert/strict'
import { test } from 'node:test'
import { shopManifestYaml } from '../../../../test/requests/shop-manifest.ts'
import { parseManifest } from '../manifest/index.ts'
import { planFromManifest } from './plan-from-manifest.ts'

const env = { SHOP_DB_URL: 'postgres://shop@127.0.0.1/shop', DESIGN_FILES_ROOT: '/srv/designs' }
const upwards = (yaml: string) =>
  yaml.replace(
    'shipping_address_id: addresses.id',
    'shipping_address_id: { to: addresses.id, follow: up, whenShared: keep }',
  )

test('a reference followed up, from the subject’s row to a parent others may share, reaches the plan', () => {
  const parsed = parseManifest(upwards(shopManifestYaml()))
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.issues))
  const result = planFromManifest(parsed.value.manifest, env)
  assert.ok(result.ok)
  const orders = result.plan.tables.find((t) => t.table === 'orders')
  assert.deepEqual(
    orders?.references.map((r) => [r.column, r.to.table, r.follow, r.whenShared]),
    [
      ['customer_id', 'customers', 'down', 'unlink'],
      ['shipping_address_id', 'addresses', 'up', 'keep'],
    ],
  )
})

test('a reference with an unknown direction is a manifest error naming the field', () => {
  const parsed = parseManifest(upwards(shopManifestYaml()).replace('follow: up', 'follow: sideways'))
  assert.equal(parsed.ok, false)
  const issue = parsed.ok ? undefined : parsed.issues[0]
  assert.match(
    `${issue?.path} ${issue?.message}`,
    /systems\.shop_db\.tables\.orders\.references\.shipping_address_id/,
  )
})
