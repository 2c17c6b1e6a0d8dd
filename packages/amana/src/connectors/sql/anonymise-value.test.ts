import assert from 'node:assert/strict'
import { test } from 'node:test'
import { anonymisedValue } from './anonymise-value.ts'
import type { ColumnInfo } from './schema-info.ts'

const column = (over: Partial<ColumnInfo>): ColumnInfo => ({
  name: 'c',
  type: 'text',
  nullable: false,
  maxLength: null,
  unique: false,
  caseInsensitive: false,
  ...over,
})
const value = (c: ColumnInfo, token = 'row-1', identity?: 'email') => {
  const v = anonymisedValue({ column: c, as: undefined, identity, rowToken: () => token })
  return v.kind === 'set' ? v.value : v
}

test('a nullable column becomes NULL', () => {
  assert.equal(value(column({ nullable: true })), null)
})

test('a NOT NULL email column gets a valid, unique placeholder address', () => {
  const a = value(column({ maxLength: 120 }), 'row-1', 'email')
  const b = value(column({ maxLength: 120 }), 'row-2', 'email')
  assert.match(String(a), /^erased\+[0-9a-f]{16}@invalid$/)
  assert.notEqual(a, b)
})

test('NOT NULL text respects the length limit down to one character', () => {
  for (const maxLength of [1, 5, 12, 13, 40]) {
    const v = String(value(column({ maxLength, unique: true })))
    assert.ok(v.length <= maxLength && v.length > 0, `${maxLength}: ${v}`)
  }
  const many = new Set(
    Array.from({ length: 500 }, (_, i) => value(column({ maxLength: 12, unique: true }), `row-${i}`)),
  )
  assert.equal(many.size, 500)
})

test('numeric unique columns are left alone; other types get a neutral value of their type', () => {
  assert.deepEqual(
    anonymisedValue({
      column: column({ type: 'integer', unique: true }),
      as: undefined,
      identity: undefined,
      rowToken: () => 't',
    }),
    {
      kind: 'keep',
      reason: 'numeric unique column',
    },
  )
  assert.equal(value(column({ type: 'integer' })), 0)
  assert.equal(value(column({ type: 'date' })), '1970-01-01')
  assert.equal(value(column({ type: 'boolean' })), false)
  assert.match(
    String(value(column({ type: 'uuid' }))),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
  )
})

test('a NOT NULL binary column (a picture) becomes empty bytes, a nullable one NULL', () => {
  const input = { as: undefined, identity: undefined, rowToken: () => 't' }
  assert.deepEqual(anonymisedValue({ ...input, column: column({ type: 'binary' }) }), {
    kind: 'set',
    value: Buffer.alloc(0),
  })
  assert.deepEqual(anonymisedValue({ ...input, column: column({ type: 'binary', nullable: true }) }), {
    kind: 'set',
    value: null,
  })
})
