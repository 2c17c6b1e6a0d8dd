import { randomUUID } from 'node:crypto'
import {
  inspectLive,
  openConnectors,
  protectionOfKind,
  type SensitiveColumn,
} from '../../connectors/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import { isAmanaError } from '../../platform/errors/index.ts'
import { planFromManifest } from '../../requests/index.ts'

export type LiveFinding = {
  severity: 'error' | 'warning'
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
 * `amana check --live`: connects to each database the manifest names and checks the plan against
 * its real schema, as a request's pre-flight would — missing tables and columns, foreign keys the
 * erasure would violate, values a column would refuse (errors: a request stops before its first
 * step on the same findings) — then reads the whole catalog and at most 20 rows per table:
 * lookups no index serves, columns an erasure leaves as they are, references no foreign key
 * guards, partitions declared instead of their parent, personal data declared nowhere
 * (warnings), and confidential categories stored in clear (errors). Values are never printed.
 * Nothing is changed.
 */
export const checkLive = async (
  manifest: Manifest,
  env: Readonly<Record<string, string | undefined>>,
  now: Date = new Date(),
): Promise<LiveFinding[]> => {
  const planned = planFromManifest(manifest, env)
  if (!planned.ok)
    return planned.issues.map((i) => ({ severity: 'error' as const, message: `${i.path}: ${i.message}` }))
  const findings: LiveFinding[] = planned.warnings.map((w) => ({
    severity: 'warning',
    message: `${w.path}: ${w.message}`,
  }))
  const opened = openConnectors(planned.plan, {
    newId: randomUUID,
    now: () => now,
    connectTimeoutMs: 5000,
  })
  try {
    for (const c of opened.connectors.values()) {
      const system = planned.plan.systems.find((s) => s.id === c.system)
      if (system?.kind !== 'postgres' && system?.kind !== 'mysql') continue
      try {
        const result = await c.preflight()
        if (!result.ok)
          findings.push(
            ...result.issues.map((i) => ({
              severity: 'error' as const,
              system: c.system,
              ...where(i),
              message: i.message,
            })),
          )
        for (const w of (await c.inspect?.()) ?? [])
          findings.push({ severity: 'warning', system: c.system, ...where(w), message: w.message })
        const tables = planned.plan.tables.filter((t) => t.system === c.system)
        const sensitive = sensitiveColumns(manifest, c.system)
        for (const f of await inspectLive({ system, tables, sensitive, now }))
          findings.push({ severity: f.severity, system: c.system, ...where(f), message: f.message })
      } catch (error) {
        if (!isAmanaError(error)) throw error
        findings.push({ severity: 'error', system: c.system, message: error.message })
      }
    }
  } finally {
    await opened.close()
  }
  return findings
}
