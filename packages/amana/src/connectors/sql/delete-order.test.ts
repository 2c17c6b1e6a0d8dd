import assert from 'node:assert/strict'
import { test } from 'node:test'
import { orderChildrenFirst } from './delete-order.ts'

test('children come before their parents', () => {
  const { order, cycles } = orderChildrenFirst(
    ['customers', 'orders', 'order_items', 'addresses'],
    [
      { child: 'orders', parent: 'customers' },
      { child: 'order_items', parent: 'orders' },
      { child: 'addresses', parent: 'customers' },
      { child: 'orders', parent: 'addresses' },
    ],
  )
  assert.deepEqual(cycles, [])
  const at = (t: string) => order.indexOf(t)
  assert.ok(
    at('order_items') < at('orders') && at('orders') < at('addresses') && at('addresses') < at('customers'),
  )
})

test('a reference cycle is reported, not looped on; self-references are ignored', () => {
  const { order, cycles } = orderChildrenFirst(
    ['a', 'b', 'c'],
    [
      { child: 'a', parent: 'b' },
      { child: 'b', parent: 'a' },
      { child: 'c', parent: 'c' },
    ],
  )
  assert.deepEqual(cycles, ['a', 'b'])
  assert.deepEqual(order, ['c', 'a', 'b'])
})
