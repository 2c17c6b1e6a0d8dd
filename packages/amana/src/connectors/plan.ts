import { z } from 'zod'
import { parseDuration } from '../manifest/index.ts'

/**
 * The dataset plan: what the connectors read and change in the shop's own systems. Plain data,
 * produced from the privacy manifest; `declaredAt` carries the manifest path a value came from so
 * a pre-flight error can point back at it.
 */

export const SystemKindSchema = z.enum(['postgres', 'mysql', 'webhook', 'manual', 'files'])
export type SystemKind = z.infer<typeof SystemKindSchema>

export const IdentityKindSchema = z.enum(['email', 'phone', 'customer_id'])
export type IdentityKind = z.infer<typeof IdentityKindSchema>

const declaredAt = z.string().optional()

export const SystemSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1),
    kind: z.literal('postgres'),
    connection: z.object({ url: z.string().min(1), schema: z.string().default('public') }),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('mysql'),
    connection: z.object({ url: z.string().min(1) }),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('webhook'),
    connection: z.object({ url: z.url(), secret: z.string().startsWith('whsec_') }),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('manual'),
    connection: z.object({ instructions: z.string().min(1) }),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('files'),
    connection: z.object({ root: z.string().min(1) }),
  }),
])
export type System = z.infer<typeof SystemSchema>

export const IdentityColumnSchema = z.object({
  column: z.string().min(1),
  kind: IdentityKindSchema,
  declaredAt,
})
export type IdentityColumn = z.infer<typeof IdentityColumnSchema>

/**
 * `column` of this table holds values of `to.column` in `to.table` (a foreign key, declared or not;
 * `to.system` set when the value points into another system).
 *
 * `follow: 'down'` (the default): rows of this table referring to a subject's row are the
 * subject's too (`orders.customer_id → customers.id`).
 *
 * `follow: 'up'`: the row of `to.table` that a subject's row refers to is included, that row only
 * (`customer.address_id → address.id`, an address several customers may share). Nothing else is
 * found from it but its own `up` references, so a neighbour sharing it is never reached. An erasure
 * changes it only when no one else refers to it; otherwise `whenShared` says what happens to the
 * subject's link: `unlink` sets it NULL (where nullable), `keep` leaves it.
 *
 * `identifiesParent` (older form): both directions, parent included and followed like any row.
 */
export const ReferenceSchema = z.object({
  column: z.string().min(1),
  to: z.object({ system: z.string().min(1).optional(), table: z.string().min(1), column: z.string().min(1) }),
  follow: z.enum(['down', 'up']).default('down'),
  whenShared: z.enum(['unlink', 'keep']).default('unlink'),
  identifiesParent: z.boolean().default(false),
  declaredAt,
})
export type Reference = z.infer<typeof ReferenceSchema>

export const AnonymiseAsSchema = z.enum(['null', 'placeholder', 'email', 'zero', 'keep-type-default'])
export type AnonymiseAs = z.infer<typeof AnonymiseAsSchema>

/**
 * A field kept on erasure for a period the law sets (a retention rule's `legalHold`): `keep` (an
 * ISO-8601 duration) counted from `after`, its event. The erasure that keeps it records until when,
 * so retention can finish the erasure once the period ends.
 */
export const FieldHoldSchema = z.object({
  reason: z.union([z.string().min(1), z.record(z.string(), z.string())]),
  law: z.string().min(1).optional(),
  keep: z.string().regex(/^P(?!$)/),
  after: z.string().min(1),
  /** The table's column holding when `after` happened for each row (the manifest's `timestamps`). */
  eventColumn: z.string().min(1).optional(),
})
export type FieldHold = z.infer<typeof FieldHoldSchema>

export const FieldSchema = z.object({
  column: z.string().min(1),
  category: z.string().min(1),
  onErase: z.enum(['delete-row', 'anonymise', 'keep']),
  /** Why and how long a `keep` field is kept; absent for a field kept for no set period. */
  hold: FieldHoldSchema.optional(),
  /** Unset: chosen from the column's type and constraints (NULL when nullable). */
  anonymiseAs: AnonymiseAsSchema.optional(),
  declaredAt,
})
export type Field = z.infer<typeof FieldSchema>

export const LegalHoldSchema = z.object({
  reason: z.string().min(1),
  until: z.iso.datetime({ offset: true }).optional(),
})
export type LegalHold = z.infer<typeof LegalHoldSchema>

export const TablePlanSchema = z.object({
  system: z.string().min(1),
  table: z.string().min(1),
  primaryKey: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .transform((k) => (typeof k === 'string' ? [k] : k)),
  identity: z.array(IdentityColumnSchema).default([]),
  references: z.array(ReferenceSchema).default([]),
  fields: z.array(FieldSchema).default([]),
  legalHold: LegalHoldSchema.optional(),
  /** A column holding the path of an upload in file store `store` (a `files` system). */
  files: z.object({ column: z.string().min(1), store: z.string().min(1) }).optional(),
  declaredAt,
})
export type TablePlan = z.infer<typeof TablePlanSchema>
export type TablePlanInput = z.input<typeof TablePlanSchema>

export const DatasetPlanSchema = z
  .object({ systems: z.array(SystemSchema), tables: z.array(TablePlanSchema) })
  .superRefine((plan, ctx) => {
    const systems = new Map(plan.systems.map((s) => [s.id, s]))
    const tables = new Set(plan.tables.map((t) => `${t.system}\u0000${t.table}`))
    plan.tables.forEach((t, i) => {
      if (!systems.has(t.system))
        ctx.addIssue({
          code: 'custom',
          path: ['tables', i, 'system'],
          message: `unknown system "${t.system}"`,
        })
      t.references.forEach((r, j) => {
        // Sharing is decided inside one database, where the parent's row can be locked and counted.
        if (r.follow === 'up' && (r.to.system ?? t.system) !== t.system)
          ctx.addIssue({
            code: 'custom',
            path: ['tables', i, 'references', j, 'follow'],
            message: `"follow: up" needs "${r.to.table}" in the same system as "${t.table}"`,
          })
        const target = `${r.to.system ?? t.system}\u0000${r.to.table}`
        if (!tables.has(target))
          ctx.addIssue({
            code: 'custom',
            path: ['tables', i, 'references', j, 'to'],
            message: `reference to "${r.to.table}" in system "${r.to.system ?? t.system}", which the plan does not list`,
          })
      })
      if (t.files && systems.get(t.files.store)?.kind !== 'files')
        ctx.addIssue({
          code: 'custom',
          path: ['tables', i, 'files', 'store'],
          message: `"${t.files.store}" is not a files system`,
        })
    })
  })
export type DatasetPlan = z.infer<typeof DatasetPlanSchema>
export type DatasetPlanInput = z.input<typeof DatasetPlanSchema>

export type SubjectIdentifier = { kind: IdentityKind; value: string }

/** Rows of `table` whose `column` holds one of `values` belong to the subject (found in another system). */
export type Seed = { table: string; column: string; values: readonly unknown[] }

export type Subject = { identifiers: readonly SubjectIdentifier[]; seeds?: readonly Seed[] }

export const tablesOf = (plan: DatasetPlan, system: string): TablePlan[] =>
  plan.tables.filter((t) => t.system === system)

export const isHeld = (table: TablePlan, now: Date): boolean =>
  table.legalHold !== undefined &&
  (table.legalHold.until === undefined || new Date(table.legalHold.until) > now)

/**
 * The end of a hold whose event happened at `event`: `keep` added in calendar units (a year is a
 * calendar year, so 7 years from 6 December ends on 6 December), in UTC.
 */
export const holdUntil = (keep: string, event: Date): Date => {
  const d = parseDuration(keep)
  const out = new Date(event.getTime())
  out.setUTCFullYear(out.getUTCFullYear() + d.years, out.getUTCMonth() + d.months)
  out.setUTCDate(out.getUTCDate() + d.weeks * 7 + d.days)
  return new Date(out.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000)
}
