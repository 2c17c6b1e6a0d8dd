import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TablePlanSchema } from '../plan.ts'
import { deletedOnSight } from './plan-erase.ts'

test('rows are deleted as they are found only in deleted tables nothing refers to', () => {
  const table = (name: string, extra: Record<string, unknown>) =>
    TablePlanSchema.parse({ system: 's', table: name, primaryKey: 'id', ...extra })
  const gone = [{ column: 'x', category: 'c', onErase: 'delete-row' }]
  const tables = [
    table('customers', { fields: gone }),
    table('orders', {
      references: [{ column: 'customer_id', to: { table: 'customers', column: 'id' } }],
      fields: [{ column: 'email', category: 'c', onErase: 'anonymise' }],
    }),
    table('events', {
      references: [{ column: 'customer_id', to: { table: 'customers', column: 'id' } }],
      fields: gone,
    }),
    table('audit', { fields: gone }),
    table('held', { fields: gone, legalHold: { reason: 'court order' } }),
  ]
  const schema = {
    tables: new Map(),
    // A foreign key the plan does not declare still orders the deletes.
    foreignKeys: [
      {
        table: 'audit_notes',
        column: 'audit_id',
        refTable: 'audit',
        refColumn: 'id',
        name: 'audit_notes_audit_id_fkey',
        onDelete: 'no action' as const,
      },
    ],
  }
  assert.deepEqual([...deletedOnSight(tables, schema, new Date('2025-06-01T00:00:00Z'))], ['events'])
})
