import {
  type DatasetPlan,
  inspectLive,
  type LiveFindingCopy,
  type Opened,
  protectionOfKind,
  type SensitiveColumn,
  type UnavailableDetails,
  withCopy,
} from '../connectors/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { type AmanaError, isAmanaError } from '../platform/errors/index.ts'

export type LiveFinding = {
  severity: 'error' | 'warning'
  /** A pre-flight finding: every request stops on it before its first step. */
  stopsRequests?: true
  system?: string
  table?: string
  column?: string
  /** The English `amana check --live` prints, rendered from `copy`. */
  message: string
  /** The message as a catalogue key and parameters, for the console in the reader's language. */
  copy?: LiveFindingCopy
}

/** Declared columns of categories that must never be stored in clear (national IDs, secrets, recovery answers). */
const sensitiveColumns = (manifest: Manifest, system: string): SensitiveColumn[] =>
  Object.entries(manifest.categories).flatMap(([category, c]) => {
    const protection = protectionOfKind(c.kind)
    if (!protection) return []
    return Object.entries(c.storage?.[system] ?? {}).flatMap(([table, columns]) =>
      columns.map((column) => ({ table, column, category, protection })),
    )
  })

const where = (i: { table?: string; column?: string; copy?: LiveFindingCopy }) => ({
  ...(i.table ? { table: i.table } : {}),
  ...(i.column ? { column: i.column } : {}),
  ...(i.copy ? { copy: i.copy } : {}),
})

/** connector-errors.ts's reasons a system is unavailable, each with its words in the catalogue. */
const UNAVAILABLE = [
  [/^connection timeout or loss at (?<endpoint>.+)$/, 'connection.lost'],
  [/^SQLSTATE (?<code>\S+) at (?<endpoint>.+)$/, 'connection.server'],
  [/^database does not exist at (?<endpoint>.+)$/, 'connection.no-database'],
  [/^authentication failed at (?<endpoint>.+)$/, 'connection.authentication'],
  [/^(?<code>[A-Z][A-Z_]+) at (?<endpoint>.+)$/, 'connection.network'],
] as const

/** A system that could not be checked: why, in the catalogue's words when the reason is a known one. */
const connectionFinding = (system: string, error: AmanaError): LiveFinding => {
  const base = { severity: 'error' as const, stopsRequests: true as const, system }
  if (error.code === 'CONNECTOR_UNAVAILABLE') {
    const { reason } = error.details as UnavailableDetails
    for (const [pattern, key] of UNAVAILABLE) {
      const groups = pattern.exec(reason)?.groups
      if (groups) {
        const found = withCopy(base, key, { system, ...groups })
        // Only when the words say exactly what the error says.
        if (found.message === error.message) return found
      }
    }
  }
  return withCopy(base, 'connection.refused', { message: error.message })
}

/**
 * What `amana check --live` and the console's dry run report for a planned manifest, per SQL
 * system: pre-flight's errors (a request stops on them: missing tables and columns, foreign keys
 * and CHECK constraints the erasure would break, broken references from other systems), then
 * lookups no index serves and case-sensitive identities, columns an erasure leaves as they are,
 * references no foreign key guards, partitions, personal data declared nowhere (by name and by at
 * most 20 sampled rows) and confidential categories in clear. Values are never put in a finding;
 * nothing is changed.
 */
export const planFindings = async (
  manifest: Manifest,
  plan: DatasetPlan,
  opened: Opened,
  now: Date,
): Promise<LiveFinding[]> => {
  const findings: LiveFinding[] = []
  for (const c of opened.connectors.values()) {
    const system = plan.systems.find((s) => s.id === c.system)
    if (system?.kind !== 'postgres' && system?.kind !== 'mysql') continue
    try {
      const result = await c.preflight()
      if (!result.ok)
        for (const i of result.issues)
          findings.push({
            severity: 'error',
            stopsRequests: true,
            system: c.system,
            ...where(i),
            message: i.message,
          })
      for (const w of (await c.inspect?.()) ?? [])
        findings.push({ severity: 'warning', system: c.system, ...where(w), message: w.message })
      const tables = plan.tables.filter((t) => t.system === c.system)
      const sensitive = sensitiveColumns(manifest, c.system)
      for (const f of await inspectLive({ system, tables, sensitive, now }))
        findings.push({ severity: f.severity, system: c.system, ...where(f), message: f.message })
    } catch (error) {
      if (!isAmanaError(error)) throw error
      findings.push(connectionFinding(c.system, error))
    }
  }
  return findings
}
