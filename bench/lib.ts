import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface BenchRow {
  readonly name: string
  readonly value: number
  readonly unit: string
  /** The baseline measured in the same run, same unit. */
  readonly baseline?: { readonly name: string; readonly value: number }
  /** The target, as a human-readable condition, and whether it was met. */
  readonly target?: string
  readonly met?: boolean
}

const resultsDir = join(import.meta.dirname, 'results')

/** Writes bench/results/<name>.json and a markdown table with each figure's ratio to its baseline. */
export const writeResults = (
  name: string,
  title: string,
  rows: readonly BenchRow[],
  notes: readonly string[] = [],
  /** Every measured round, kept in the JSON as measured. */
  rounds?: unknown,
) => {
  mkdirSync(resultsDir, { recursive: true })
  const machine = {
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
  }
  const withRatio = rows.map((r) => ({
    ...r,
    ratio: r.baseline && r.baseline.value > 0 ? round(r.value / r.baseline.value) : undefined,
  }))
  writeFileSync(
    join(resultsDir, `${name}.json`),
    `${JSON.stringify({ title, date: new Date().toISOString(), machine, rows: withRatio, notes, ...(rounds === undefined ? {} : { rounds }) }, null, 2)}\n`,
  )
  const lines = [
    `# ${title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${machine.node}, ${machine.cpus ?? '?'} cores.`,
    '',
    '| measure | value | baseline (same run) | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...withRatio.map(
      (r) =>
        `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '—'} | ${r.ratio ?? '—'} | ${r.target ?? '—'} | ${r.met === undefined ? '—' : r.met ? 'yes' : 'no'} |`,
    ),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ]
  writeFileSync(join(resultsDir, `${name}.md`), lines.join('\n'))
  process.stdout.write(`${lines.join('\n')}\n`)
}

const round = (n: number) => Math.round(n * 100) / 100
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : String(round(n)))
