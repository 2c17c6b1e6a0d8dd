import {
  createMysqlDriver,
  createPostgresDriver,
  type DatasetPlan,
  type SqlDriver,
} from '../connectors/index.ts'
import type { Manifest } from '../manifest/index.ts'

type LiveFinding = { severity: 'error' | 'warning'; message: string }

/** What a vault token looks like (vault/tokens): the sweep shreds only values of this shape. */
const TOKEN_PATTERN = '^tok_[A-Za-z0-9_-]{24}$'

const driverFor = (system: DatasetPlan['systems'][number]): SqlDriver | undefined =>
  system.kind === 'postgres'
    ? createPostgresDriver(system.id, { ...system.connection, connectTimeoutMs: 5000 })
    : system.kind === 'mysql'
      ? createMysqlDriver(system.id, { ...system.connection, connectTimeoutMs: 5000 })
      : undefined

/** system → table → columns a crypto-shred rule names. */
const shreddedColumns = (manifest: Manifest): Map<string, Map<string, Set<string>>> => {
  const out = new Map<string, Map<string, Set<string>>>()
  for (const category of Object.values(manifest.categories)) {
    if (category.retention?.action !== 'crypto-shred') continue
    for (const [system, tables] of Object.entries(category.storage ?? {}))
      for (const [table, columns] of Object.entries(tables)) {
        const byTable = out.get(system) ?? new Map<string, Set<string>>()
        byTable.set(table, new Set([...(byTable.get(table) ?? []), ...columns]))
        out.set(system, byTable)
      }
  }
  return out
}

/** How many non-null values of `column` are not vault tokens: a count, never a value. */
const plainValues = async (driver: SqlDriver, kind: string, table: string, column: string) => {
  const d = driver.dialect
  const test = kind === 'mysql' ? 'not regexp' : '!~'
  const { rows } = await driver.run({
    text: `select count(*) as n from ${d.table(table)} where ${d.quote(column)} is not null and ${d.quote(column)} ${test} ${d.placeholder(1)}`,
    params: [TOKEN_PATTERN],
  })
  return Number(rows[0]?.n ?? 0)
}

/**
 * `amana check --live`: each column a crypto-shred rule names must hold vault tokens, or destroying
 * the key leaves the value readable. A column that is not text cannot hold one; a text column with
 * values that are not tokens is counted (never read out). Each names table.column and the fix.
 */
export const cryptoShredLiveFindings = async (
  manifest: Manifest,
  plan: DatasetPlan,
): Promise<LiveFinding[]> => {
  const findings: LiveFinding[] = []
  for (const [systemId, tables] of shreddedColumns(manifest)) {
    const system = plan.systems.find((s) => s.id === systemId)
    const driver = system ? driverFor(system) : undefined
    if (!system || !driver) continue
    try {
      const schema = await driver.readSchema([...tables.keys()])
      for (const [table, columns] of tables)
        for (const column of columns) {
          const info = schema.tables.get(table)?.get(column)
          if (!info) continue // a missing table or column is the pre-flight's finding
          const where = `${systemId}.${table}.${column}`
          const fix = `Fix: store ${table}.${column} as vault tokens (vault tokenise) before relying on crypto-shred, or use "action: delete" or "action: anonymise" for its category`
          if (info.type !== 'text') {
            findings.push({
              severity: 'error',
              message: `${where} is ${info.type}, so it cannot hold vault tokens and crypto-shred would leave it readable. ${fix}`,
            })
            continue
          }
          const plain = await plainValues(driver, system.kind, table, column)
          if (plain > 0)
            findings.push({
              severity: 'error',
              message: `${where}: ${plain} value(s) are not vault tokens, so crypto-shred would leave them readable. ${fix}`,
            })
        }
    } finally {
      await driver.close()
    }
  }
  return findings
}
