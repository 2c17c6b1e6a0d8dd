import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Row } from '../connector.ts'
import { TablePlanSchema } from '../plan.ts'
import { findSubjectRows } from './closure.ts'

test('references that loop back end, each value queried once', async () => {
  const tables = [
    TablePlanSchema.parse({
      system: 's',
      table: 'people',
      primaryKey: 'id',
      identity: [{ column: 'email', kind: 'email' }],
      references: [{ column: 'replaces', to: { table: 'people', column: 'id' } }],
    }),
  ]
  const data: Row[] = [
    { id: 1, email: 'a@x', replaces: 2 },
    { id: 2, email: 'b@x', replaces: 1 },
  ]
  const calls: string[] = []
  const { found } = await findSubjectRows(
    tables,
    's',
    { identifiers: [{ kind: 'email', value: 'a@x' }] },
    async (reads) =>
      reads.map(({ conditions }) => {
        for (const { column, values } of conditions) calls.push(`${column}=${values.join(',')}`)
        return data.filter((r) => conditions.some(({ column, values }) => values.includes(r[column])))
      }),
  )
  assert.deepEqual([...(found.get('people')?.keys() ?? [])], ['["1"]', '["2"]'])
  assert.deepEqual(calls, ['email=a@x', 'replaces=1', 'replaces=2'])
})
