import type { EraseStep, HeldColumns, HoldBasis, Row } from '../connector.ts'
import { type FieldHold, holdUntil, isHeld, type TablePlan } from '../plan.ts'
import { type AnonymisedValue, anonymisedValue } from './anonymise-value.ts'
import { type Found, valueKey } from './closure.ts'
import { type Dependency, orderChildrenFirst } from './delete-order.ts'
import type { ColumnInfo, SchemaInfo } from './schema-info.ts'

export type RowUpdate = { table: string; key: unknown[]; sets: [string, unknown][] }
export type TableDelete = { table: string; keys: unknown[][] }

export type ErasePlan = {
  steps: EraseStep[]
  /** Run first: kept rows lose their identity and their links to rows about to be deleted. */
  updates: RowUpdate[]
  /** Then deletes, children before parents. */
  deletes: TableDelete[]
  cycles: string[]
}

/**
 * A value an earlier erasure wrote. Amana's values are derived from the row's place (table, key,
 * column) and the system's erasure key, never from the data, so the mark is exact: the column
 * holds the very value this erasure would write. A phone of digits or a code of hex is not one.
 */
export const isAnonymised = (current: unknown, next: unknown): boolean => {
  if (current === undefined) current = null
  if (current === null || next === null) return current === next
  if (typeof next === 'boolean') return current === next || Number(current) === Number(next)
  if (typeof next === 'number') return Number(current) === next
  if (current instanceof Date)
    return current.getTime() === 0 || current.toISOString().startsWith('1970-01-01')
  if (typeof current === 'object' && next === '{}') return JSON.stringify(current) === '{}'
  return String(current) === String(next)
}

export const tableAction = (t: TablePlan, now: Date): EraseStep['action'] => {
  if (isHeld(t, now)) return 'held'
  if (t.fields.some((f) => f.onErase === 'delete-row')) return 'delete'
  if (t.fields.some((f) => f.onErase === 'anonymise') || t.identity.length > 0) return 'anonymise'
  return 'none'
}

/**
 * Tables whose found rows can be deleted the moment they are found: the plan deletes them and no
 * table refers to them (in the plan or by a foreign key), so no change has to come before theirs.
 */
export const deletedOnSight = (tables: readonly TablePlan[], schema: SchemaInfo, now: Date): Set<string> => {
  const referred = new Set(schema.foreignKeys.map((fk) => fk.refTable))
  for (const t of tables)
    for (const r of t.references) if ((r.to.system ?? t.system) === t.system) referred.add(r.to.table)
  return new Set(
    tables.filter((t) => tableAction(t, now) === 'delete' && !referred.has(t.table)).map((t) => t.table),
  )
}

type Target = {
  as: TablePlan['fields'][number]['anonymiseAs']
  identity: TablePlan['identity'][number]['kind'] | undefined
}

/** The columns a kept table's rows have rewritten: identity and `anonymise` fields, links to deleted rows, files. */
const targetsOf = (
  t: TablePlan,
  action: EraseStep['action'],
  columns: ReadonlyMap<string, ColumnInfo>,
  actions: ReadonlyMap<string, EraseStep['action']>,
  schema: SchemaInfo,
): Map<string, Target> => {
  const targets = new Map<string, Target>()
  for (const i of t.identity) targets.set(i.column, { as: undefined, identity: i.kind })
  for (const f of t.fields) {
    if (f.onErase === 'keep') targets.delete(f.column)
    if (f.onErase === 'anonymise')
      targets.set(f.column, {
        as: f.anonymiseAs,
        identity: t.identity.find((i) => i.column === f.column)?.kind,
      })
  }
  // Kept rows lose their links to rows about to be deleted, declared or only in the schema.
  const links = [
    ...t.references.flatMap((r) =>
      (r.to.system ?? t.system) === t.system ? [{ column: r.column, parent: r.to.table }] : [],
    ),
    ...schema.foreignKeys.flatMap((fk) =>
      fk.table === t.table ? [{ column: fk.column, parent: fk.refTable }] : [],
    ),
  ]
  for (const { column, parent } of links)
    if (parent !== t.table && actions.get(parent) === 'delete' && columns.get(column)?.nullable)
      targets.set(column, { as: 'null', identity: undefined })
  if (action === 'anonymise' && t.files && columns.get(t.files.column)?.nullable)
    targets.set(t.files.column, { as: 'null', identity: undefined })
  for (const k of t.primaryKey) targets.delete(k)
  return targets
}

const reasonText = (hold: FieldHold) =>
  typeof hold.reason === 'string' ? hold.reason : (hold.reason.en ?? Object.values(hold.reason)[0] ?? '')

/**
 * Where a found row carries the time the shop recorded for its `event` through `POST /v1/events`
 * (retention's clock), for tables whose rows have no column timing it (`EraseOptions.eventTimes`).
 * Never a column name: it holds a NUL.
 */
export const clockField = (event: string) => `\u0000clock:${event}`

const timeOf = (v: unknown): Date | undefined => {
  const at = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : undefined
  return at && !Number.isNaN(at.getTime()) ? at : undefined
}

/**
 * When a row's hold started, and what that is in words: the time in its event column
 * (`hold.eventColumn`), else the time the shop recorded for the event, else the erasure (the latest
 * it can be, so a hold never ends early).
 */
export const holdEventOf = (
  hold: FieldHold,
  table: string,
  row: Row,
  now: Date,
): { at: Date; from: string; basis: HoldBasis } => {
  const event = hold.after
  const column = hold.eventColumn ? timeOf(row[hold.eventColumn]) : undefined
  if (column)
    return {
      at: column,
      from: `${event} (${table}.${hold.eventColumn})`,
      basis: { kind: 'column', event, column: `${table}.${hold.eventColumn}` },
    }
  const clock = timeOf(row[clockField(hold.after)])
  if (clock)
    return {
      at: clock,
      from: `${event} (recorded by the shop through POST /v1/events)`,
      basis: { kind: 'recorded', event },
    }
  return {
    at: now,
    from: `the erasure date (no time of ${event} is known)`,
    basis: { kind: 'erasure', event },
  }
}

const eventOf = (hold: FieldHold, row: Row, now: Date): Date => holdEventOf(hold, '', row, now).at

/** The end of a row's hold: its period from the row's event (or from the erasure, the latest it can be). */
export const rowHoldUntil = (hold: FieldHold, row: Row, now: Date): Date =>
  holdUntil(hold.keep, eventOf(hold, row, now))

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Why a held column is left: the hold's reason, law and end (the range when rows' events differ). */
const heldReason = (hold: FieldHold, ends: readonly Date[]) => {
  const days = [...new Set(ends.map(day))].sort()
  const until = days.length > 1 ? `${days[0]} to ${days[days.length - 1]}` : (days[0] ?? '')
  return `held: ${reasonText(hold)}${hold.law ? ` (${hold.law})` : ''} until ${until}`
}

/**
 * What a kept table's holds keep of `rows`: per hold and end, the held columns and the rows' keys.
 * Each row's hold runs from its event (the table's column for the hold's event when the manifest
 * names one, else the erasure itself: the latest it can be, so a hold never ends early); a row
 * whose hold has ended is not held (its fields are erased).
 */
export const heldOf = (t: TablePlan, rows: readonly Row[], now: Date): HeldColumns[] => {
  if (rows.length === 0) return []
  const keyOf = (r: Row) => t.primaryKey.map((c) => r[c])
  if (isHeld(t, now) && t.legalHold)
    return [
      {
        columns: [],
        reason: t.legalHold.reason,
        ...(t.legalHold.until ? { until: new Date(t.legalHold.until).toISOString() } : {}),
        rows: rows.length,
        keys: rows.map(keyOf),
      },
    ]
  const groups = new Map<string, HeldColumns>()
  for (const f of t.fields) {
    if (f.onErase !== 'keep' || !f.hold) continue
    const hold = f.hold
    for (const row of rows) {
      const until = rowHoldUntil(hold, row, now)
      if (until <= now) continue
      const { from, basis } = holdEventOf(hold, t.table, row, now)
      const id = `${JSON.stringify(hold)}\u0000${until.toISOString()}\u0000${from}`
      const group = groups.get(id) ?? {
        columns: [],
        reason: hold.reason,
        ...(hold.law ? { law: hold.law } : {}),
        keep: hold.keep,
        after: hold.after,
        from,
        basis,
        until: until.toISOString(),
        rows: 0,
        keys: [],
      }
      if (!group.columns.includes(f.column)) group.columns.push(f.column)
      if (group.columns.length === 1) {
        group.rows++
        group.keys.push(keyOf(row))
      }
      groups.set(id, group)
    }
  }
  return [...groups.values()]
}

/** The step's reason: rows shared with others first, then columns left as they were. */
const withReasons = (
  step: EraseStep & { kept?: Map<string, string> },
  shared: { shared?: number; reason?: string },
): EraseStep => {
  const { kept, ...rest } = step
  const reasons = [
    ...(shared.reason ? [shared.reason] : []),
    ...(kept && kept.size > 0
      ? [`left unchanged: ${[...kept].map(([c, why]) => `${c} (${why})`).join('; ')}`]
      : []),
  ]
  return {
    ...rest,
    ...(shared.shared ? { shared: shared.shared } : {}),
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
  }
}

/** Kept fields of a kept table's rows, each with why: the manifest, or a hold with its end. */
const keptSkips = (t: TablePlan, rows: readonly Row[], now: Date) => {
  const skipped = new Map<string, { reason: string; rows: number }>()
  for (const f of t.fields) {
    if (f.onErase !== 'keep' || rows.length === 0) continue
    const hold = f.hold
    if (!hold) {
      skipped.set(f.column, { reason: 'kept, as the manifest says', rows: rows.length })
      continue
    }
    const ends = rows.map((r) => rowHoldUntil(hold, r, now)).filter((d) => d > now)
    if (ends.length > 0) skipped.set(f.column, { reason: heldReason(hold, ends), rows: ends.length })
  }
  return skipped
}

type UpLink = { r: TablePlan['references'][number]; values: ReadonlySet<string> }

/**
 * One row's columns to rewrite: the table's targets, plus held fields whose hold has ended for
 * this row, less links to shared parents the manifest keeps (or that are NOT NULL).
 */
const rowTargetsOf = (
  t: TablePlan,
  row: Row,
  base: ReadonlyMap<string, Target>,
  context: {
    upLinks: readonly UpLink[]
    columns: ReadonlyMap<string, ColumnInfo>
    now: Date
    skip: (column: string, reason: string) => void
  },
): ReadonlyMap<string, Target> => {
  // Most tables' rows all take the table's targets: no per-row copy for them.
  if (context.upLinks.length === 0 && !t.fields.some((f) => f.onErase === 'keep' && f.hold)) return base
  const targets = new Map(base)
  for (const f of t.fields)
    if (f.onErase === 'keep' && f.hold && rowHoldUntil(f.hold, row, context.now) <= context.now)
      targets.set(f.column, { as: undefined, identity: t.identity.find((i) => i.column === f.column)?.kind })
  for (const { r, values } of context.upLinks) {
    if (!values.has(valueKey(row[r.column]))) continue
    if (r.whenShared === 'unlink' && context.columns.get(r.column)?.nullable)
      targets.set(r.column, { as: 'null', identity: undefined })
    else {
      targets.delete(r.column)
      context.skip(
        r.column,
        r.whenShared === 'keep'
          ? 'link to a row shared with others, kept as the manifest says'
          : 'link to a row shared with others; NOT NULL, so it stays',
      )
    }
  }
  return targets
}

/** A table's foreign keys by column (the first, where a column has several), looked up once per table. */
const foreignKeysOf = (t: TablePlan, schema: SchemaInfo) => {
  const byColumn = new Map<string, SchemaInfo['foreignKeys'][number]>()
  for (const k of schema.foreignKeys)
    if (k.table === t.table && !byColumn.has(k.column)) byColumn.set(k.column, k)
  return byColumn
}

/** The value a column of a row gets. A foreign key holds a reference or nothing: NULL, or left. */
const valueFor = (
  t: TablePlan,
  column: string,
  info: ColumnInfo,
  target: Target,
  key: readonly unknown[],
  foreignKeys: ReadonlyMap<string, SchemaInfo['foreignKeys'][number]>,
  salt: string,
): AnonymisedValue => {
  const fk = foreignKeys.get(column)
  if (fk)
    return info.nullable
      ? { kind: 'set', value: null }
      : { kind: 'keep', reason: `NOT NULL foreign key to ${fk.refTable}.${fk.refColumn}` }
  return anonymisedValue({
    column: info,
    as: target.as,
    identity: target.identity,
    rowToken: () => `${salt}\u0000${t.table}\u0000${JSON.stringify(key.map(valueKey))}\u0000${column}`,
  })
}

/**
 * The updates of a kept table's rows and its step: each column changed, or skipped with why
 * (kept by the manifest, held until a date, no neutral value, a NOT NULL foreign key, already
 * erased, a link to a shared row). A foreign key is set NULL or left, never given a made-up value.
 */
const anonymiseRows = (input: {
  t: TablePlan
  rows: readonly Row[]
  action: EraseStep['action']
  columns: ReadonlyMap<string, ColumnInfo>
  actions: ReadonlyMap<string, EraseStep['action']>
  schema: SchemaInfo
  salt: string
  now: Date
  sharedValues: (table: string, column: string) => ReadonlySet<string>
}): { updates: RowUpdate[]; step: EraseStep & { kept: Map<string, string> } } => {
  const { t, rows, columns, schema, salt } = input
  const targets = targetsOf(t, input.action, columns, input.actions, schema)
  const foreignKeys = foreignKeysOf(t, schema)
  const updates: RowUpdate[] = []
  const changed = new Set<string>()
  const kept = new Map<string, string>()
  const skipped = keptSkips(t, rows, input.now)
  const skip = (column: string, reason: string) => {
    const s = skipped.get(column) ?? { reason, rows: 0 }
    s.rows++
    skipped.set(column, s)
  }
  // Links up to a parent others share: cut (NULL) or kept, as the manifest says.
  const upLinks = t.references
    .filter((r) => r.follow === 'up' && (r.to.system ?? t.system) === t.system)
    .map((r) => ({ r, values: input.sharedValues(r.to.table, r.to.column) }))
  for (const row of rows) {
    const key = t.primaryKey.map((c) => row[c])
    const sets: [string, unknown][] = []
    for (const [column, target] of rowTargetsOf(t, row, targets, {
      upLinks,
      columns,
      now: input.now,
      skip,
    })) {
      const info = columns.get(column)
      if (!info) continue
      const value = valueFor(t, column, info, target, key, foreignKeys, salt)
      if (value.kind === 'keep') {
        kept.set(column, value.reason)
        skip(column, value.reason)
      } else if (column in row && isAnonymised(row[column], value.value)) skip(column, 'already erased')
      else {
        sets.push([column, value.value])
        changed.add(column)
      }
    }
    if (sets.length > 0) updates.push({ table: t.table, key, sets })
  }
  const held = heldOf(t, rows, input.now)
  return {
    updates,
    step: {
      table: t.table,
      action: updates.length > 0 ? 'anonymise' : 'none',
      rows: updates.length,
      columns: [...changed],
      ...(held.length > 0 ? { held } : {}),
      ...(skipped.size > 0
        ? { skipped: [...skipped].map(([column, { reason, rows }]) => ({ column, reason, rows })) }
        : {}),
      kept,
    },
  }
}

/** Whether the closure from `t`'s rows can reach another table of the plan (a reference either way). */
const linkedToOthers = (t: TablePlan, tables: readonly TablePlan[]) =>
  tables.some(
    (o) =>
      o.table !== t.table &&
      (o.references.some((r) => r.to.table === t.table) || t.references.some((r) => r.to.table === o.table)),
  )

/**
 * The columns of which a row still holding any (not NULL) has something left to anonymise, when
 * the plan anonymises `t` alone and every column it rewrites becomes NULL. Undefined when that
 * cannot be told from the row (a value derived from the row's key, a hold ending per row, a table
 * the closure leaves for others): then every due row is read. A retention sweep asks for due rows
 * holding one of these, so the orders it anonymised before are not read again every day.
 */
export const stillToAnonymise = (
  t: TablePlan,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date,
): string[] | undefined => {
  const actions = new Map(tables.map((x) => [x.table, tableAction(x, now)]))
  if (actions.get(t.table) !== 'anonymise' || linkedToOthers(t, tables)) return undefined
  if (t.fields.some((f) => f.hold) || t.files) return undefined
  const columns = schema.tables.get(t.table)
  if (!columns) return undefined
  const nulled: string[] = []
  for (const [column, target] of targetsOf(t, 'anonymise', columns, actions, schema)) {
    const info = columns.get(column)
    if (!info) continue
    const value = valueFor(t, column, info, target, [], foreignKeysOf(t, schema), '')
    if (value.kind === 'keep') continue
    if (value.value !== null) return undefined
    nulled.push(column)
  }
  return nulled.length > 0 ? nulled : undefined
}

/**
 * What an erasure changes, decided from the rows found and the real schema. A table with any
 * `delete-row` field loses the subject's rows; otherwise `anonymise` fields and identity columns are
 * rewritten, and nullable references to tables whose rows are deleted become NULL.
 */
export const planErasure = (input: {
  system: string
  tables: readonly TablePlan[]
  found: Found
  /** Keys of rows others refer to too (see `findSharedRows`), per table: left as they are. */
  shared?: ReadonlyMap<string, ReadonlySet<string>>
  schema: SchemaInfo
  now: Date
  /** Stable per system: the same row and column always get the same value (see `isAnonymised`). */
  salt: string
}): ErasePlan => {
  const { tables, found, schema, now, salt } = input
  const shared = input.shared ?? new Map<string, ReadonlySet<string>>()
  const actions = new Map(tables.map((t) => [t.table, tableAction(t, now)]))
  const steps: EraseStep[] = []
  const updates: RowUpdate[] = []
  const deleteKeys = new Map<string, unknown[][]>()
  /** Values of `table.column` in its shared rows: a link holding one points at someone else's too. */
  const sharedValues = (table: string, column: string) => {
    const keys = shared.get(table)
    const rows = found.get(table)
    return new Set([...(keys ?? [])].map((k) => valueKey(rows?.get(k)?.[column])))
  }

  for (const t of tables) {
    const byKey = [...(found.get(t.table)?.entries() ?? [])]
    const sharedHere = shared.get(t.table) ?? new Set<string>()
    const rows = byKey.flatMap(([k, r]) => (sharedHere.has(k) ? [] : [r]))
    const sharedCount = byKey.length - rows.length
    const sharedNote =
      sharedCount > 0
        ? {
            shared: sharedCount,
            reason: `${sharedCount} row${sharedCount === 1 ? '' : 's'} shared with others: left unchanged`,
          }
        : {}
    const action = actions.get(t.table) ?? 'none'
    const columns = schema.tables.get(t.table) ?? new Map<string, ColumnInfo>()
    if (action === 'held') {
      steps.push({
        table: t.table,
        action,
        rows: rows.length,
        columns: [],
        reason: t.legalHold?.reason ?? 'legal hold',
        ...(rows.length > 0 ? { held: heldOf(t, rows, now) } : {}),
      })
      continue
    }
    if (action === 'delete') {
      if (rows.length > 0)
        deleteKeys.set(
          t.table,
          rows.map((r) => t.primaryKey.map((c) => r[c])),
        )
      steps.push({
        table: t.table,
        action: rows.length > 0 ? 'delete' : 'none',
        rows: rows.length,
        columns: [],
        ...sharedNote,
      })
      continue
    }
    const anonymised = anonymiseRows({ t, rows, action, columns, actions, schema, salt, now, sharedValues })
    updates.push(...anonymised.updates)
    steps.push(withReasons(anonymised.step, sharedNote))
  }

  return { steps, updates, ...deletesInOrder(tables, schema, deleteKeys) }
}

/** The deletes, children before parents (declared references and real foreign keys); cycles named. */
const deletesInOrder = (
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  deleteKeys: ReadonlyMap<string, unknown[][]>,
): Pick<ErasePlan, 'deletes' | 'cycles'> => {
  const dependencies: Dependency[] = []
  for (const t of tables)
    for (const r of t.references)
      if ((r.to.system ?? t.system) === t.system) dependencies.push({ child: t.table, parent: r.to.table })
  for (const fk of schema.foreignKeys) dependencies.push({ child: fk.table, parent: fk.refTable })
  const { order, cycles } = orderChildrenFirst(
    tables.map((t) => t.table),
    dependencies,
  )
  const deletes = order.flatMap((table) => {
    const keys = deleteKeys.get(table)
    return keys ? [{ table, keys }] : []
  })
  return { deletes, cycles: cycles.filter((c) => deleteKeys.has(c)) }
}
