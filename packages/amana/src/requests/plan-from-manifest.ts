import {
  type DatasetPlan,
  type DatasetPlanInput,
  DatasetPlanSchema,
  type IdentityKind,
  type TablePlanInput,
} from '../connectors/index.ts'
import { keyColumns, type Manifest, referenceParts } from '../manifest/index.ts'

/** A problem mapping the manifest to a dataset plan, pointing at the manifest path to fix. */
export interface PlanIssue {
  readonly path: string
  readonly message: string
}

export type PlanResult =
  | { ok: true; plan: DatasetPlan; warnings: PlanIssue[] }
  | { ok: false; issues: PlanIssue[] }

const identityKindOf = (column: string): IdentityKind | undefined => {
  const c = column.toLowerCase()
  if (c.includes('email')) return 'email'
  if (/phone|mobile|whatsapp|msisdn/.test(c)) return 'phone'
  if (/^(customer|user|account|member)_?id$/.test(c)) return 'customer_id'
  return undefined
}

// A table other tables point at through a column named like `customer_id` holds the customer:
// its key is what a signed-in customer's id matches.
const isCustomerKey = (column: string) => /^(customer|user|account|member|client)_?id$/i.test(column)

type Systems = NonNullable<Manifest['systems']>
type Env = Readonly<Record<string, string | undefined>>

/** One manifest system as the connectors' plan names it, with its connection read from `env`. */
const systemOf = (
  id: string,
  s: Systems[string],
  env: Env,
  issues: PlanIssue[],
): DatasetPlanInput['systems'][number] | undefined => {
  const path = `systems.${id}.connection`
  const read = (name: string | undefined, what: string): string | undefined => {
    if (!name) {
      issues.push({
        path,
        message: `${id}: no connection; add e.g. "connection: { env: ${id.toUpperCase()}_URL }"`,
      })
      return undefined
    }
    const value = env[name]
    if (!value) issues.push({ path, message: `${id}: environment variable ${name} (${what}) is not set` })
    return value
  }
  switch (s.kind) {
    case 'postgres':
    case 'mysql': {
      const url = read(s.connection?.env, 'the connection URL')
      if (!url) return undefined
      return s.kind === 'postgres'
        ? { id, kind: 'postgres', connection: { url } }
        : { id, kind: 'mysql', connection: { url } }
    }
    case 'webhook': {
      const url = read(s.connection?.env, 'the webhook URL')
      const secret = read(s.connection?.secretEnv, 'the whsec_ signing secret')
      return url && secret ? { id, kind: 'webhook', connection: { url, secret } } : undefined
    }
    case 'files': {
      const root = read(s.connection?.env, 'the directory of uploads')
      return root ? { id, kind: 'files', connection: { root } } : undefined
    }
    case 'manual': {
      const who = s.assignee ? `${s.assignee}: ` : ''
      return {
        id,
        kind: 'manual',
        connection: { instructions: `${who}find, export or erase the subject's records in ${id}` },
      }
    }
  }
}

type PlanTable = TablePlanInput & {
  identity: NonNullable<TablePlanInput['identity']>
  references: NonNullable<TablePlanInput['references']>
  fields: NonNullable<TablePlanInput['fields']>
}

const keyOf = (system: string, table: string) => `${system}\u0000${table}`

/** The plan's tables, each made once, by the first manifest path that names it. */
const tableSet = () => {
  const tables = new Map<string, PlanTable>()
  const ensure = (
    system: string,
    table: string,
    declaredAt: string,
    primaryKey: string | string[] = 'id',
  ) => {
    const key = keyOf(system, table)
    let t = tables.get(key)
    if (!t) {
      t = { system, table, primaryKey, identity: [], references: [], fields: [], declaredAt }
      tables.set(key, t)
    }
    return t
  }
  return { tables, ensure }
}
type Ensure = ReturnType<typeof tableSet>['ensure']

/** Parents pointed at by customer-id-like columns (e.g. addresses.customer_id → customers.id). */
const customerTablesOf = (systems: Systems) => {
  const customerTables = new Set<string>()
  for (const [sid, s] of Object.entries(systems))
    for (const def of Object.values(s.tables ?? {}))
      for (const [column, reference] of Object.entries(def.references ?? {}))
        if (isCustomerKey(column) && (typeof reference === 'string' || reference.follow !== 'up'))
          customerTables.add(keyOf(referenceParts(reference).system ?? sid, referenceParts(reference).table))
  return customerTables
}

type TableDef = NonNullable<Systems[string]['tables']>[string]

/** A table's identity columns, and a customer table's single key as the customer id. */
const addIdentity = (
  t: PlanTable,
  def: TableDef,
  where: { sid: string; name: string; base: string; key: string[]; isCustomerTable: boolean },
  warnings: PlanIssue[],
) => {
  const { sid, name, base, key } = where
  ;(def.identity ?? []).forEach((column, i) => {
    const kind = identityKindOf(column)
    if (kind) t.identity.push({ column, kind, declaredAt: `${base}.identity[${i}]` })
    else
      warnings.push({
        path: `${base}.identity[${i}]`,
        message: `${sid}.${name}.${column}: not an email, phone or customer id; not used to find a subject`,
      })
  })
  // A customer table's single key is what a signed-in customer's id matches (not a composite one).
  const [single] = key
  if (where.isCustomerTable && key.length === 1 && single)
    if (!t.identity.some((i) => i.column === single))
      t.identity.push({ column: single, kind: 'customer_id', declaredAt: `${base}.key` })
}

/** A table's references: `system.table.column` means the subject is found there and the value carried here. */
const addReferences = (t: PlanTable, def: TableDef, sid: string, base: string) => {
  for (const [column, reference] of Object.entries(def.references ?? {})) {
    const { system: other, table, column: col } = referenceParts(reference)
    t.references.push({
      column,
      to: { ...(other && other !== sid ? { system: other } : {}), table, column: col },
      ...(typeof reference === 'string'
        ? {}
        : {
            ...(reference.follow ? { follow: reference.follow } : {}),
            ...(reference.whenShared ? { whenShared: reference.whenShared } : {}),
          }),
      declaredAt: `${base}.references.${column}`,
    })
  }
}

/** A table's file column, followed into the manifest's file store. */
const addFiles = (
  t: PlanTable,
  def: TableDef,
  label: string,
  base: string,
  filesStore: string | undefined,
  warnings: PlanIssue[],
) => {
  if (!def.files || def.files.length === 0) return
  if (!filesStore) {
    warnings.push({
      path: `${base}.files`,
      message: `${label}: files are declared but no system has kind "files"; uploads are not exported or erased`,
    })
    return
  }
  if (def.files.length > 1)
    warnings.push({
      path: `${base}.files`,
      message: `${label}: only the first file column (${def.files[0]}) is followed`,
    })
  t.files = { column: def.files[0] as string, store: filesStore }
}

/** Every table the systems declare: keys, identities, references, files. */
const declareTables = (systems: Systems, ensure: Ensure, warnings: PlanIssue[]) => {
  const filesStore = Object.entries(systems).find(([, s]) => s.kind === 'files')?.[0]
  const customerTables = customerTablesOf(systems)
  for (const [sid, s] of Object.entries(systems)) {
    if (s.kind === 'files') continue
    for (const [name, def] of Object.entries(s.tables ?? {})) {
      const base = `systems.${sid}.tables.${name}`
      const key = keyColumns(def)
      const t = ensure(sid, name, base, key)
      addIdentity(
        t,
        def,
        { sid, name, base, key, isCustomerTable: customerTables.has(keyOf(sid, name)) },
        warnings,
      )
      addReferences(t, def, sid, base)
      addFiles(t, def, `${sid}.${name}`, base, filesStore, warnings)
    }
  }
}

type Category = Manifest['categories'][string]

/** A category's legal hold as the plan states it, or undefined. */
const holdOf = (category: Category) => {
  const legalHold = category.retention?.legalHold
  return (
    legalHold && {
      reason:
        typeof legalHold.reason === 'string'
          ? legalHold.reason
          : (Object.fromEntries(
              Object.entries(legalHold.reason).filter(([, v]) => v !== undefined),
            ) as Record<string, string>),
      ...(legalHold.law ? { law: legalHold.law } : {}),
      keep: legalHold.keep,
      after: category.retention?.after ?? 'collection',
    }
  )
}

/** Each category's columns as fields: deleted with their row, anonymised, or kept under a hold. */
const declareCategories = (manifest: Manifest, systems: Systems, ensure: Ensure, issues: PlanIssue[]) => {
  for (const [cid, category] of Object.entries(manifest.categories)) {
    const categoryHold = holdOf(category)
    const action = category.retention?.action ?? 'delete'
    for (const [sid, byTable] of Object.entries(category.storage ?? {})) {
      if (!systems[sid]) {
        issues.push({
          path: `categories.${cid}.storage.${sid}`,
          message: `category ${cid} is stored in "${sid}", which systems does not declare`,
        })
        continue
      }
      if (systems[sid]?.kind === 'files') continue
      for (const [table, columns] of Object.entries(byTable)) {
        const t = ensure(sid, table, `categories.${cid}.storage.${sid}.${table}`)
        // The hold runs from each row's own event when the table names the column that times it.
        const eventColumn = categoryHold && systems[sid]?.tables?.[table]?.timestamps?.[categoryHold.after]
        const hold = categoryHold && { ...categoryHold, ...(eventColumn ? { eventColumn } : {}) }
        columns.forEach((column, i) => {
          const declaredAt = `categories.${cid}.storage.${sid}.${table}[${i}]`
          const onErase = categoryHold ? 'keep' : action === 'anonymise' ? 'anonymise' : 'delete-row'
          const existing = t.fields.find((f) => f.column === column)
          // A column in two categories: the stronger protection of kept data wins.
          if (existing) {
            if (onErase === 'keep') Object.assign(existing, { onErase: 'keep', ...(hold ? { hold } : {}) })
            return
          }
          t.fields.push({ column, category: cid, onErase, ...(hold ? { hold } : {}), declaredAt })
        })
      }
    }
  }
}

/**
 * Maps the privacy manifest to the dataset plan the connectors run. Pure: connection URLs and
 * secrets come from `env`, looked up by the variable NAMES the manifest declares, so no secret is
 * ever in the manifest. Every table, field, identity and reference carries `declaredAt`, the
 * manifest path a pre-flight error quotes.
 *
 * Erasure per field follows the category's retention: `delete` → delete the row, `anonymise` →
 * rewrite the value, and a legal hold → keep the value. A table holding any kept field is never
 * deleted: its other fields are anonymised instead (orders stay for tax; amounts remain, identity goes).
 */
export const planFromManifest = (manifest: Manifest, env: Env): PlanResult => {
  const issues: PlanIssue[] = []
  const warnings: PlanIssue[] = []
  const manifestSystems = manifest.systems ?? {}
  const systems = Object.entries(manifestSystems)
    .map(([id, s]) => systemOf(id, s, env, issues))
    .filter((s) => s !== undefined)
  const { tables, ensure } = tableSet()
  declareTables(manifestSystems, ensure, warnings)
  declareCategories(manifest, manifestSystems, ensure, issues)

  for (const t of tables.values())
    if (t.fields.some((f) => f.onErase === 'keep'))
      for (const f of t.fields) if (f.onErase === 'delete-row') f.onErase = 'anonymise'

  if (issues.length > 0) return { ok: false, issues }
  const parsed = DatasetPlanSchema.safeParse({ systems, tables: [...tables.values()] })
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const [first, index] = i.path
        const table =
          first === 'tables' && typeof index === 'number' ? [...tables.values()][index] : undefined
        return { path: table?.declaredAt ?? i.path.join('.'), message: i.message }
      }),
    }
  return { ok: true, plan: parsed.data, warnings }
}
