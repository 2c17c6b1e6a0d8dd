import {
  createMysqlDriver,
  createPostgresDriver,
  type DatasetPlan,
  type SqlDriver,
} from '../connectors/index.ts'
import {
  type Finding,
  type FindingCopyRef,
  type FindingParam,
  keyColumns,
  type Manifest,
  makeFinding,
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
  const report = (rule: RuleId, severity: Severity, path: PathSegment[], copy: FindingCopyRef) =>
    findings.push(makeFinding(sourceMap.locate(path), rule, severity, path.join('.'), copy))
  const declared = manifest.events
  ;(declared ?? []).forEach((name, i) => {
    if (!isEventType(name))
      report('retention.event-unknown', 'error', ['events', i], {
        key: 'retention.event-unknown',
        params: { name, options: Object.keys(eventTypes).join(', ') },
      })
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
    const send: FindingParam | undefined =
      senders.length > 1
        ? { en: senders.join(' or '), ar: senders.join(' أو ') }
        : senders.length === 1
          ? senders.join('')
          : undefined
    const params = {
      after: rule.after,
      tables: untimed.join(', '),
      example: `timestamps: { ${rule.after}: <column> }`,
      where: 'systems.<system>.tables.<table>',
      events: 'events:',
    }
    report(
      'retention.event-unsent',
      declared ? 'error' : 'warning',
      ['categories', id, 'retention', 'after'],
      {
        key: unsentKey(declared !== undefined, send !== undefined),
        params: send ? { ...params, send, endpoint: 'POST /v1/events' } : params,
      },
    )
  }
  return [...findings, ...cryptoShredFindings(manifest, sourceMap)]
}

/** Which words say that nothing starts a rule: whether `events:` is declared, whether an event could start it. */
const unsentKey = (declared: boolean, sendable: boolean) =>
  declared
    ? sendable
      ? 'retention.event-unsent.not-listed'
      : 'retention.event-unsent.none-listed'
    : sendable
      ? 'retention.event-unsent'
      : 'retention.event-unsent.no-event'

/** Why a column cannot hold a vault token: it is the row's key, a lookup value, a link, a time or a file path. */
const notTokenReason = (
  table: NonNullable<NonNullable<Manifest['systems']>[string]['tables']>[string],
  column: string,
) =>
  keyColumns(table).includes(column)
    ? notToken.key
    : table.identity?.includes(column)
      ? notToken.identity
      : table.references?.[column] !== undefined
        ? notToken.reference
        : Object.values(table.timestamps ?? {}).includes(column)
          ? notToken.timestamp
          : table.files?.includes(column)
            ? notToken.path
            : undefined

/** What a column is, when it cannot be a vault token, in the reader's words. */
const notToken = {
  key: { en: "the table's key", ar: 'مفتاح الجدول' },
  identity: {
    en: 'an identity column (requests look people up by its value)',
    ar: 'عمود هوية (تبحث الطلبات عن الأشخاص بقيمته)',
  },
  reference: { en: 'a reference to another table', ar: 'مرجع إلى جدول آخر' },
  timestamp: { en: 'a time retention counts from', ar: 'وقت تُحسب منه مدة الاحتفاظ' },
  path: { en: 'a file path', ar: 'مسار ملف' },
  file: { en: 'a file in a file store', ar: 'ملف في مخزن ملفات' },
} as const satisfies Record<string, FindingParam>

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
              ? notToken.file
              : notTokenReason(system?.tables?.[tableName] ?? {}, column)
          if (reason === undefined) continue
          findings.push(
            makeFinding(
              sourceMap.locate(['categories', id, 'retention', 'action']),
              'retention.crypto-shred-not-token',
              'error',
              `categories.${id}.retention.action`,
              {
                key: 'retention.crypto-shred-not-token',
                params: {
                  column: `${systemId}.${tableName}.${column}`,
                  reason,
                  delete: 'action: delete',
                  anonymise: 'action: anonymise',
                  tableColumn: `${tableName}.${column}`,
                },
              },
            ),
          )
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
