import { randomUUID } from 'node:crypto'
import { openConnectors } from '../../connectors/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import { type LiveFinding, planFindings, planFromManifest } from '../../requests/index.ts'

export type { LiveFinding }

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
    findings.push(...(await planFindings(manifest, planned.plan, opened, now)))
  } finally {
    await opened.close()
  }
  return findings
}
