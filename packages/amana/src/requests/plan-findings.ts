import {
  type DatasetPlan,
  inspectLive,
  type Opened,
  protectionOfKind,
  type SensitiveColumn,
} from '../connectors/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { isAmanaError } from '../platform/errors/index.ts'

export type LiveFinding = {
  severity: 'error' | 'warning'
  /** A pre-flight finding: every request stops on it before its first step. */
  stopsRequests?: true
  system?: string
  table?: string
  column?: string
  message: string
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

const where = (i: { table?: string; column?: string }) => ({
  ...(i.table ? { table: i.table } : {}),
  ...(i.column ? { column: i.column } : {}),
})

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
      findings.push({ severity: 'error', stopsRequests: true, system: c.system, message: error.message })
    }
  }
  return findings
}
