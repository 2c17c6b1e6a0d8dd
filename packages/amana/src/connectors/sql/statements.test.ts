import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type Dialect,
  deleteByKeys,
  dueKeysStatement,
  readMany,
  readRows,
  splitMany,
  type TableRead,
} from './statements.ts'

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`
const postgres: Dialect = {
  quote,
  table: (name) => `${quote('shop')}.${quote(name)}`,
  placeholder: (i) => `$${i}`,
  arrays: true,
  modifyingCtes: true,
  digits: (c) => `digits(${c})`,
}
const mysql: Dialect = {
  quote: (s) => `\`${s.replaceAll('`', '``')}\``,
  table: (name) => `\`${name.replaceAll('`', '``')}\``,
  placeholder: () => '?',
  digits: (c) => `digits(${c})`,
}

test('a list of values is one array parameter where the dialect has arrays, else one placeholder each', () => {
  const read: TableRead = {
    table: 'orders',
    columns: ['id'],
    conditions: [{ column: 'customer_id', values: [1, 2, 3] }],
  }
  assert.deepEqual(readRows(postgres, read, true), {
    text: 'select "id" from "shop"."orders" where "customer_id" = any($1) for update',
    params: [[1, 2, 3]],
    reusable: true,
  })
  assert.deepEqual(readRows(mysql, read, false), {
    text: 'select `id` from `orders` where `customer_id` in (?, ?, ?)',
    params: [1, 2, 3],
    reusable: false,
  })
  assert.equal(
    deleteByKeys(postgres, 'orders', ['id'], [[7], [8]]).text,
    'delete from "shop"."orders" where "id" = any($1)',
  )
})

test('several reads in one statement: quoted identifiers, generated names, rows taken apart again', () => {
  const reads: TableRead[] = [
    { table: 'customers', columns: ['id', 'email'], conditions: [{ column: 'email', values: ['a@x'] }] },
    {
      table: 'gift notes',
      columns: ['id', 'to"name'],
      conditions: [
        { column: 'order', values: [1, 2] },
        { column: 'id', values: [9] },
      ],
      remove: true,
    },
  ]
  const s = readMany(postgres, reads, true)
  assert.equal(
    s.text,
    'with "r0" as (select "id" as "c0", "email" as "c1" from "shop"."customers" where "email" = any($1) for update), ' +
      '"r1" as (delete from "shop"."gift notes" where "order" = any($2) or "id" = any($3) returning "id" as "c2", "to""name" as "c3") ' +
      'select 0 as "t", "r0"."c0", "r0"."c1", "r1"."c2", "r1"."c3" from "r0", "r1" where 1 = 0 ' +
      'union all select 0, "c0", "c1", null, null from "r0" union all select 1, null, null, "c2", "c3" from "r1"',
  )
  assert.deepEqual(s.params, [['a@x'], [1, 2], [9]])
  assert.deepEqual(
    splitMany(reads, [
      { t: 1, c0: null, c1: null, c2: '9', c3: 'Sara' },
      { t: 0, c0: '3', c1: 'a@x', c2: null, c3: null },
    ]),
    [[{ id: '3', email: 'a@x' }], [{ id: '9', 'to"name': 'Sara' }]],
  )
})

test('identity conditions compare lower-cased or as digits, the column wrapped the same way', () => {
  const read: TableRead = {
    table: 'customers',
    columns: ['id'],
    conditions: [
      { column: 'email', values: ['jane@x'], match: 'lower' },
      { column: 'phone', values: ['96891234567'], match: 'digits' },
    ],
  }
  assert.equal(
    readRows(mysql, read, false).text,
    'select `id` from `customers` where lower(`email`) in (?) or digits(`phone`) in (?)',
  )
})

test('due keys: the next batch is bounded by a limit; a recorded batch read again is its whole key range', () => {
  const before = new Date('2020-01-01T00:00:00Z')
  const query = { table: 'orders', key: 'id', column: 'fulfilled_at', before }
  assert.deepEqual(dueKeysStatement(postgres, { ...query, after: 10, limit: 5000 }), {
    text: 'select "id" as k from "shop"."orders" where "fulfilled_at" <= $1 and "id" > $2 order by "id" limit 5000',
    params: [before, 10],
  })
  assert.deepEqual(dueKeysStatement(mysql, { ...query, after: 10, through: 90, notNullIn: ['email'] }), {
    text: 'select `id` as k from `orders` where `fulfilled_at` <= ? and `id` > ? and `id` <= ? and (`email` is not null) order by `id`',
    params: [before, 10, 90],
  })
})
