import {
  createMysqlDriver,
  createPostgresDriver,
  type DatasetPlan,
  type SqlDriver,
} from '../connectors/index.ts'
import {
  type Finding,
  type FindingCopyRef,
  keyColumns,
  type Manifest,
  type PathSegment,
  type RuleId,
  type Severity,
  type SourceMap,
} from '../manifest/index.ts'
import { cryptoShredLiveFindings } from './crypto-shred-live.ts'
import { eventTypes, isEventType } from './domain/events.ts'
import { retentionTargets } from './domain/plan.ts'

/** Event types that start `clock` (`order.fulfilled` for `order-fulfilled`). */
const eventsFor = (clock: string) =>
  Object.entries(eventTypes)
    .filter(([, c]) => c === clock)
    .map(([e]) => e)

/**
 * `amana check`: every retention rule needs something that tells Amana when its event happened —
 * a `timestamps:` column of the table, or an event the shop declares it sends (`events:`) to
 * POST /v1/events. A rule nothing starts would never run. With `events:` declared, a rule relying
 * on an event missing from it is an error; without `events:`, a warning (the shop may send it).
 * An unknown name under `events:` is an error. Each names the field and the fix. Pure.
 */
export const retentionFindings = (manifest: Manifest, sourceMap: SourceMap): Finding[] => {
  const findings: Finding[] = []
  const report = (
    rule: RuleId,
    severity: Severity,
    path: PathSegment[],
    message: string,
    fix: string,
    copy?: FindingCopyRef,
  ) =>
    findings.push({
      ...sourceMap.locate(path),
      rule,
      severity,
      path: path.join('.'),
      message,
      fix,
      ...(copy ? { copy } : {}),
    })
  const declared = manifest.events
  ;(declared ?? []).forEach((name, i) => {
    if (!isEventType(name))
      report(
        'retention.event-unknown',
        'error',
        ['events', i],
        `"${name}" is not an event Amana knows`,
        `Use one of ${Object.keys(eventTypes).join(', ')}.`,
      )
  })
  for (const [id, category] of Object.entries(manifest.categories)) {
    const rule = category.retention
    if (!rule) continue
    const senders = eventsFor(rule.after)
    if (senders.some((e) => declared?.includes(e))) continue
    const untimed = Object.entries(category.storage ?? {}).flatMap(([system, tables]) =>
      manifest.systems?.[system]?.kind === 'files'
        ? []
        : Object.keys(tables)
            .filter((table) => !manifest.systems?.[system]?.tables?.[table]?.timestamps?.[rule.after])
            .map((table) => `${system}.${table}`),
    )
    if (untimed.length === 0) continue
    const send = senders.length > 0 ? senders.join(' or ') : undefined
    report(
      'retention.event-unsent',
      declared ? 'error' : 'warning',
      ['categories', id, 'retention', 'after'],
      `nothing tells Amana when "${rule.after}" happens for ${untimed.join(', ')}: no timestamps column${declared ? `, and "events:" does not list ${send ?? 'an event for it'}` : ' and no "events:" declaration'}, so this rule would never run`,
      `Name the column that holds the time, e.g. "timestamps: { ${rule.after}: <column> }" under systems.<system>.tables.<table>${send ? `, or list ${send} under "events:" and send it to POST /v1/events` : ''}.`,
      // The console's words for the usual case (no events: yet, an event the shop could send).
      !declared && send
        ? {
            key: 'retention.event-unsent',
            params: {
              after: rule.after,
              tables: untimed.join(', '),
              example: `timestamps: { ${rule.after}: <column> }`,
              where: 'systems.<system>.tables.<table>',
              send,
              events: 'events:',
              endpoint: 'POST /v1/events',
            },
          }
        : undefined,
    )
  }
  return [...findings, ...cryptoShredFindings(manifest, sourceMap)]
}

/** Why a column cannot hold a vault token: it is the row's key, a lookup value, a link, a time or a file path. */
const notTokenReason = (
  table: NonNullable<NonNullable<Manifest['systems']>[string]['tables']>[string],
  column: string,
) =>
  keyColumns(table).includes(column)
    ? "the table's key"
    : table.identity?.includes(column)
      ? 'an identity column (requests look people up by its value)'
      : table.references?.[column] !== undefined
        ? 'a reference to another table'
        : Object.values(table.timestamps ?? {}).includes(column)
          ? 'a time retention counts from'
          : table.files?.includes(column)
            ? 'a file path'
            : undefined

/**
 * `amana check`: crypto-shred destroys a person's vault key, so it only works on columns that hold
 * vault tokens. A rule with `action: crypto-shred` on a file store, or on a column that cannot be a
 * token (a key, an identity column, a reference, a timestamp, a file path), would leave the value
 * readable: an error naming `table.column` and the fix. Pure.
 */
export const cryptoShredFindings = (manifest: Manifest, sourceMap: SourceMap): Finding[] => {
  const findings: Finding[] = []
  for (const [id, category] of Object.entries(manifest.categories)) {
    if (category.retention?.action !== 'crypto-shred') continue
    for (const [systemId, tables] of Object.entries(category.storage ?? {})) {
      const system = manifest.systems?.[systemId]
      for (const [tableName, columns] of Object.entries(tables))
        for (const column of columns) {
          const reason =
            system?.kind === 'files'
              ? 'a file in a file store'
              : notTokenReason(system?.tables?.[tableName] ?? {}, column)
          if (reason === undefined) continue
          findings.push({
            ...sourceMap.locate(['categories', id, 'retention', 'action']),
            rule: 'retention.crypto-shred-not-token',
            severity: 'error',
            path: `categories.${id}.retention.action`,
            message: `crypto-shred cannot work on ${systemId}.${tableName}.${column}: it is ${reason}, not a vault token, so destroying the key would leave it readable`,
            fix: `Use "action: delete" or "action: anonymise" for this category, or store ${tableName}.${column} as vault tokens and keep its key, identity and reference columns in another category.`,
          })
        }
    }
  }
  return findings
}

export type RetentionLiveFinding = { severity: 'error' | 'warning'; message: string }

const driverFor = (system: DatasetPlan['systems'][number]): SqlDriver | undefined =>
  system.kind === 'postgres'
    ? createPostgresDriver(system.id, { ...system.connection, connectTimeoutMs: 5000 })
    : system.kind === 'mysql'
      ? createMysqlDriver(system.id, { ...system.connection, connectTimeoutMs: 5000 })
      : undefined

/**
 * `amana check --live`: each `timestamps:` column a retention rule counts from must exist in the
 * real table and hold a date or time; a text or number column would make the sweep fail (or
 * compare wrongly). Names the manifest field and the fix; never reads a value.
 */
export const retentionLiveFindings = async (
  manifest: Manifest,
  plan: DatasetPlan,
): Promise<RetentionLiveFinding[]> => {
  const findings: RetentionLiveFinding[] = []
  const used = new Map<string, Set<string>>()
  for (const target of retentionTargets(manifest))
    for (const t of target.tables)
      if (t.source.kind === 'column') {
        const tables = used.get(target.system) ?? new Set<string>()
        tables.add(t.table)
        used.set(target.system, tables)
      }
  for (const [systemId, tables] of used) {
    const system = plan.systems.find((s) => s.id === systemId)
    const driver = system ? driverFor(system) : undefined
    if (!driver) continue
    try {
      const schema = await driver.readSchema([...tables])
      for (const table of tables)
        for (const [event, column] of Object.entries(
          manifest.systems?.[systemId]?.tables?.[table]?.timestamps ?? {},
        )) {
          const field = `systems.${systemId}.tables.${table}.timestamps.${event}`
          const columns = schema.tables.get(table)
          if (!columns) continue // a missing table is the pre-flight's finding
          const info = columns.get(column)
          if (!info)
            findings.push({
              severity: 'error',
              message: `${field}: column "${column}" does not exist in ${systemId}.${table}. Fix: name the column that holds when ${event} happened (one of ${[...columns.keys()].join(', ')}), or remove the entry and send the event to POST /v1/events`,
            })
          else if (info.type !== 'timestamp' && info.type !== 'date')
            findings.push({
              severity: 'error',
              message: `${field}: column "${column}" of ${systemId}.${table} is not a date or time (it is ${info.type}), so the sweep cannot count the period from it. Fix: name a timestamp column, or change "${column}" to a timestamp type`,
            })
        }
    } finally {
      await driver.close()
    }
  }
  // Columns crypto-shred relies on must hold vault tokens.
  return [...findings, ...(await cryptoShredLiveFindings(manifest, plan))]
}
