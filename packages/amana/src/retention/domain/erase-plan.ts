import type { DatasetPlan, TablePlan } from '../../connectors/index.ts'
import type { RetentionTarget } from './plan.ts'

/** A column named like the key of a person's row (`customer_id`): what links a kept row to them. */
const isSubjectLink = (column: string) =>
  /^(customer|user|account|member|client|applicant)_?id$/i.test(column)

/**
 * The tables of `target.system` as the erasure planner should see them for one retention rule:
 * every table (so references and real foreign keys are followed and links to deleted rows cut),
 * none identifying anyone (nothing outside the rule is anonymised), and the rule's tables with its
 * action: `delete` deletes their rows; `anonymise` makes them about no one: the table's identity
 * columns, its links to the person (`customer_id`) and the columns of categories above `normal`
 * sensitivity (a payment token) are rewritten, while the business record (amounts, dates, items)
 * stays. Pure: the same plan erasure runs (connectors/sql), seeded with the due rows' keys instead
 * of a subject's identifiers. An anonymising rule's plan holds only the tables it rewrites.
 */
export const retentionTablePlans = (plan: DatasetPlan, target: RetentionTarget): TablePlan[] => {
  const tables = rulePlans(plan, target)
  if (target.action !== 'anonymise') return tables
  // Anonymising deletes nothing, so no link elsewhere needs cutting: only the tables it rewrites
  // are read (and locked), with the references among them; a batch of orders does not lock every
  // order line and design that points at them.
  const kept = tables.filter((t) => t.fields.length > 0)
  const names = new Set(kept.map((t) => t.table))
  return kept.map((t) => ({
    ...t,
    references: t.references.filter((r) => (r.to.system ?? t.system) !== t.system || names.has(r.to.table)),
  }))
}

const rulePlans = (plan: DatasetPlan, target: RetentionTarget): TablePlan[] =>
  plan.tables
    .filter((t) => t.system === target.system)
    .map((t) => {
      const own = target.tables.find((x) => x.table === t.table)
      const { legalHold: _held, ...rest } = t
      if (!own) return { ...rest, identity: [], fields: [] }
      // Crypto-shred changes nothing in the shop: the columns are only read, for their vault tokens.
      if (target.action === 'crypto-shred')
        return {
          ...rest,
          identity: [],
          fields: own.columns.map((column) => ({
            column,
            category: target.categories[0] ?? 'retention',
            onErase: 'keep' as const,
          })),
        }
      const columns =
        target.action === 'delete'
          ? own.columns
          : [
              ...new Set([
                ...own.sensitive,
                ...t.identity.map((i) => i.column),
                ...t.references.filter((r) => isSubjectLink(r.column)).map((r) => r.column),
              ]),
            ].filter((c) => !t.primaryKey.includes(c))
      return {
        ...rest,
        identity: [],
        fields: columns.map((column) => ({
          column,
          category: target.categories[0] ?? 'retention',
          onErase: target.action === 'delete' ? ('delete-row' as const) : ('anonymise' as const),
        })),
      }
    })

/** The system's key column of a table (its first primary-key column), for cursors and seeds. */
export const keyColumnOf = (plan: DatasetPlan, system: string, table: string): string =>
  plan.tables.find((t) => t.system === system && t.table === table)?.primaryKey[0] ?? 'id'
