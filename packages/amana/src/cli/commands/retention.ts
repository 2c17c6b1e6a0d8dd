import { openManifest, shopProfileOf } from '../../app/app-manifest.ts'
import { ownRecordsDeps } from '../../app/own-records-deps.ts'
import { createServices } from '../../app/services.ts'
import { openConfiguredDatabase } from '../../app/start.ts'
import { amanaVersion } from '../../app/version.ts'
import {
  type OwnRecordsDeps,
  type OwnRecordsReport,
  planOwnRecords,
  sweepOwnRecords,
} from '../../own-records/index.ts'
import { createLogger } from '../../platform/logging/index.ts'
import type { PlanLine, RetentionService, SweepReport } from '../../retention/index.ts'
import { type Command, type CommandIo, exitCodes } from '../cli-kit.ts'
import { configOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

const options = {
  ...configOptions,
  json: { type: 'boolean', description: 'Print JSON for scripts instead of a table' },
} as const

/**
 * Opens what a sweep needs: the application's services over the configured database (the ledger,
 * the shop's systems from the environment, and the requests whose verified subjects freeze their
 * rows), exactly as the worker's sweep sees them.
 */
const withRetention = async <T>(
  values: Record<string, string | boolean | undefined>,
  io: CommandIo,
  use: (retention: RetentionService, ownRecords: OwnRecordsDeps) => Promise<T>,
): Promise<T> => {
  const config = configFor(values, io)
  const manifest = await openManifest(config.manifestPath)
  const database = await openConfiguredDatabase(config)
  try {
    const ctx = {
      config,
      database,
      logger: createLogger({ level: 'error' }),
      jobs: undefined,
      manifest,
      shop: shopProfileOf(manifest.manifest),
      version: amanaVersion,
      now: () => new Date(),
    }
    const services = await createServices(ctx, { env: io.env })
    try {
      return await use(services.retention, ownRecordsDeps(services))
    } finally {
      await services.close()
    }
  } finally {
    await database.close()
  }
}

const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')

/** The dry run as a table: one line per rule and table, what falls due today, in 7 and in 30 days. */
export const formatPlan = (lines: readonly PlanLine[]): string[] => {
  const head = ['system', 'table', 'categories', 'rule', 'today', 'week', 'month']
  const rows = lines.map((l) => [
    l.system,
    l.table,
    l.categories.join(','),
    `${l.action} ${l.keep} after ${l.after}`,
    l.error ? 'error' : `${l.due.today}`,
    l.error ? '' : `${l.due.week}`,
    l.error ? l.error : `${l.due.month}`,
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  return [pad(head, widths), ...rows.map((r) => pad(r, widths))]
}

export const retentionPlanCommand: Command = {
  name: 'retention plan',
  summary: 'Dry run: what the retention rules would delete or anonymise today, this week, this month',
  usage: 'amana retention plan [--json]',
  options,
  async run({ values }, io) {
    return withRetention(values, io, async (retention) => {
      // The shop's rules, then Amana's own records (sent mail, codes, requests, consent records).
      const lines: PlanLine[] = [...(await retention.plan()), ...(await planOwnRecords(retention.deps))]
      if (values.json) io.out(JSON.stringify({ paused: await retention.paused(), lines }, null, 2))
      else {
        if (await retention.paused()) io.out('Retention is paused: nothing is deleted until it is resumed.')
        for (const line of formatPlan(lines)) io.out(line)
      }
      return lines.some((l) => l.error) ? exitCodes.failure : exitCodes.ok
    })
  },
}

/** A one-line progress bar on a terminal (rows so far, per batch); nothing when output is piped. */
const progressBar = (io: CommandIo, tty: boolean) => {
  let rows = 0
  let batches = 0
  return {
    onBatch: (done: { rows: number }) => {
      rows += done.rows
      batches++
      if (tty) process.stderr.write(`\r${'#'.repeat(Math.min(40, batches))} ${rows} rows, ${batches} batches`)
    },
    end: () => {
      if (tty && batches > 0) io.err('')
    },
  }
}

const summaryLines = (report: SweepReport): string[] => [
  `Retention sweep ${report.status}${report.runId ? ` (run ${report.runId})` : ''}.`,
  ...Object.entries(report.byCategory).map(([category, rows]) => `  ${category}: ${rows} rows`),
  ...(report.files ? [`  files removed: ${report.files}`] : []),
  ...(report.tasks ? [`  staff tasks: ${report.tasks}`] : []),
  ...(report.frozenSubjects ? [`  subjects frozen (left alone): ${report.frozenSubjects}`] : []),
  ...(report.digest ? [`  digest: ${report.digest}`] : []),
  ...(report.error ? [`  stopped: ${report.error} — the next sweep resumes where this one ended`] : []),
]

const ownRecordLines = (own: OwnRecordsReport): string[] =>
  own.status === 'paused'
    ? []
    : [
        `Amana's own records: ${Object.entries(own.counts)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')}`,
      ]

export const retentionRunCommand: Command = {
  name: 'retention run',
  summary: 'Carry out the retention rules now (the same sweep the worker runs daily)',
  usage: 'amana retention run [--json]',
  options,
  async run({ values }, io) {
    return withRetention(values, io, async (retention, ownRecordsDeps) => {
      const bar = progressBar(io, !values.json && process.stderr.isTTY === true)
      const report = await retention.sweep({ trigger: 'cli', onBatch: bar.onBatch })
      bar.end()
      // Then Amana's own records, as the worker's own-records pass does.
      const own = await sweepOwnRecords(ownRecordsDeps, 'cli')
      if (values.json) io.out(JSON.stringify({ ...report, ownRecords: own }, null, 2))
      else for (const line of [...summaryLines(report), ...ownRecordLines(own)]) io.out(line)
      return report.status === 'completed' ? exitCodes.ok : exitCodes.failure
    })
  },
}
