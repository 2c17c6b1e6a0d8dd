import { randomUUID } from 'node:crypto'
import { openConnectors } from '../../connectors/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import { isAmanaError } from '../../platform/errors/index.ts'
import { planFromManifest } from '../../requests/index.ts'

export type LiveFinding = { severity: 'error' | 'warning'; system?: string; message: string }

/**
 * `amana check --live`: connects to each database the manifest names and checks the plan against
 * its real schema, as a request's pre-flight would — missing tables and columns, foreign keys the
 * erasure would violate (errors) — and lookups no index serves (warnings). Nothing is changed.
 */
export const checkLive = async (
  manifest: Manifest,
  env: Readonly<Record<string, string | undefined>>,
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
    now: () => new Date(),
    connectTimeoutMs: 5000,
  })
  try {
    for (const c of opened.connectors.values()) {
      if (c.kind !== 'postgres' && c.kind !== 'mysql') continue
      try {
        const result = await c.preflight()
        if (!result.ok)
          findings.push(
            ...result.issues.map((i) => ({
              severity: 'error' as const,
              system: c.system,
              message: i.message,
            })),
          )
        for (const w of (await c.inspect?.()) ?? [])
          findings.push({ severity: 'warning', system: c.system, message: w.message })
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
