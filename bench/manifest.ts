/**
 * `amana check` on a 500-category manifest (target ≤ 200 ms) and policy rendering (target ≤ 50 ms).
 * Baselines in the same run: the bare YAML parse of the same text (the floor for any manifest check),
 * and a JSON serialisation of the same manifest for rendering.
 */
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { packsFor } from '../packages/amana/src/jurisdictions/index.ts'
import { checkManifest, parseManifest } from '../packages/amana/src/manifest/index.ts'
import { renderPolicy, toHtml } from '../packages/amana/src/policy/index.ts'
import { type BenchRow, writeResults } from './lib.ts'

const examples = new URL('../examples/', import.meta.url)
const kenya = readFileSync(new URL('kenya-outsourcing/amana.yaml', examples), 'utf8')
const generated = Array.from(
  { length: 500 },
  (_, i) =>
    `  gen_${i}:\n    kind: other\n    storage: { recruitment_db: { applicants: [field_${i}] } }\n    retention: { keep: P1Y, after: collection, action: delete, criteria: kept one year }`,
).join('\n')
const big = kenya
  .replace(/\ncategories:\n/, `\ncategories:\n${generated}\n`)
  .replace(
    'categories: [applicant_identity,',
    `categories: [${Array.from({ length: 500 }, (_, i) => `gen_${i}`).join(', ')}, applicant_identity,`,
  )

const median = (fn: () => void, runs = 15) => {
  fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    fn()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

const parsedBig = parseManifest(big)
if (!parsedBig.ok) throw new Error('generated manifest does not parse')
const packs = packsFor(parsedBig.value.manifest.jurisdictions)
const findings = checkManifest(parsedBig.value.manifest, packs, parsedBig.value.sourceMap)
if (findings.some((f) => f.severity === 'error')) throw new Error('generated manifest has errors')

const yamlOnly = median(() => parseYaml(big))
const full = median(() => {
  const r = parseManifest(big)
  if (r.ok) checkManifest(r.value.manifest, packsFor(r.value.manifest.jurisdictions), r.value.sourceMap)
})
const checkOnly = median(() => checkManifest(parsedBig.value.manifest, packs, parsedBig.value.sourceMap))

const rumrom = parseManifest(readFileSync(new URL('rumrom-bakery/amana.yaml', examples), 'utf8'))
if (!rumrom.ok) throw new Error('RUMROM manifest does not parse')
const rumromPacks = packsFor(rumrom.value.manifest.jurisdictions)
const serialise = median(() => JSON.stringify(rumrom.value.manifest), 50)
const renderEn = median(
  () => toHtml(renderPolicy(rumrom.value.manifest, rumromPacks, { locale: 'en', version: '1' })),
  50,
)
const renderAr = median(
  () => toHtml(renderPolicy(rumrom.value.manifest, rumromPacks, { locale: 'ar', version: '1' })),
  50,
)

const rows: BenchRow[] = [
  {
    name: 'amana check, 500 categories (parse + validate + rules)',
    value: full,
    unit: 'ms',
    baseline: { name: 'yaml.parse of the same text', value: yamlOnly },
    target: '≤ 200 ms',
    met: full <= 200,
  },
  {
    name: 'check rules only, 500 categories',
    value: checkOnly,
    unit: 'ms',
    baseline: { name: 'yaml.parse of the same text', value: yamlOnly },
  },
  {
    name: 'render RUMROM policy, English (document + HTML)',
    value: renderEn,
    unit: 'ms',
    baseline: { name: 'JSON.stringify of the manifest', value: serialise },
    target: '≤ 50 ms',
    met: renderEn <= 50,
  },
  {
    name: 'render RUMROM policy, Arabic (document + HTML)',
    value: renderAr,
    unit: 'ms',
    baseline: { name: 'JSON.stringify of the manifest', value: serialise },
    target: '≤ 50 ms',
    met: renderAr <= 50,
  },
]
writeResults('manifest', 'Manifest check and policy rendering', rows, [
  'Median of 15 runs (check) and 50 runs (render) after one warm-up run.',
])
