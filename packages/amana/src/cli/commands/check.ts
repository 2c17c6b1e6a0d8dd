import { resolve } from 'node:path'
import { packsFor } from '../../jurisdictions/index.ts'
import {
  checkManifest,
  findingsToJson,
  formatFindings,
  formatIssues,
  hasErrors,
  loadManifest,
} from '../../manifest/index.ts'
import { ownRecordFindings } from '../../own-records/index.ts'
import { manifestPathFromEnv } from '../../platform/config/index.ts'
import { planFromManifest } from '../../requests/index.ts'
import { retentionFindings, retentionLiveFindings } from '../../retention/index.ts'
import { type Command, exitCodes } from '../cli-kit.ts'

/** The manifest a command works on: the positional path, else AMANA_MANIFEST (read by platform/config), else the demo's. */
export const manifestPathFor = (
  positionals: string[],
  io: { env: Record<string, string | undefined>; cwd: string },
) => resolve(io.cwd, positionals[0] ?? manifestPathFromEnv(io.env))

export const checkCommand: Command = {
  name: 'check',
  summary: "Check the manifest against the law and the shop's own promises",
  usage: 'amana check [path/to/amana.yaml] [--json] [--live]',
  options: {
    json: { type: 'boolean', description: 'Print findings as JSON for machines' },
    live: {
      type: 'boolean',
      description: "Also connect to the shop's databases and check the plan against their real schema",
    },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const path = manifestPathFor(positionals, io)
    const result = await loadManifest(path)
    if (!result.ok) {
      if (values.json) io.out(JSON.stringify({ ok: false, issues: result.issues }, null, 2))
      else io.err(formatIssues(result.issues))
      return exitCodes.failure
    }
    const findings = [
      ...checkManifest(
        result.value.manifest,
        packsFor(result.value.manifest.jurisdictions),
        result.value.sourceMap,
      ),
      // Retention rules nothing would start (no time column, no event the shop sends).
      ...retentionFindings(result.value.manifest, result.value.sourceMap),
      // Amana's own records kept shorter than a served law asks.
      ...ownRecordFindings(result.value.manifest, result.value.sourceMap),
    ].sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule))
    // Loaded only when asked: the connectors and drivers are not needed for the static check.
    const live = values.live
      ? await (await import('./check-live.ts')).checkLive(result.value.manifest, io.env)
      : undefined
    // The time columns retention counts from must exist and hold a date or time.
    const planned = live ? planFromManifest(result.value.manifest, io.env) : undefined
    if (live && planned?.ok) live.push(...(await retentionLiveFindings(result.value.manifest, planned.plan)))
    const failed = hasErrors(findings) || (live ?? []).some((f) => f.severity === 'error')
    if (values.json)
      io.out(
        JSON.stringify(
          { ok: !failed, findings: findingsToJson(findings), ...(live ? { live } : {}) },
          null,
          2,
        ),
      )
    else {
      if (findings.length === 0) io.out(`${path}: no problems found.`)
      else io.out(formatFindings(findings))
      if (live)
        io.out(
          live.length === 0
            ? "Live check: the shop's databases match the plan."
            : ['Live check:', ...live.map((f) => `  ${f.severity.padEnd(7)} ${f.message}`)].join('\n'),
        )
    }
    return failed ? exitCodes.failure : exitCodes.ok
  },
}
