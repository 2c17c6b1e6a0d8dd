/**
 * `amana check` on a 500-category manifest (target ≤ 200 ms) and policy rendering (target ≤ 50 ms).
 * Baselines in the same run, each doing part of the same work: the bare YAML parse of the same text
 * (the floor for any manifest check), and, for rendering, writing the very same HTML from its text
 * and tags already known (escape each text, join) — the floor for emitting that page, so the ratio is
 * the cost of deriving the policy from the manifest and packs.
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

const spreads: string[] = []
/**
 * A measured call and its baseline, alternating (order flipped each run, after one warm-up of each),
 * so both see the same machine; medians returned, spreads kept for the notes.
 */
const pair = (runs: number, a: [string, () => unknown], b: [string, () => unknown]): [number, number] => {
  const times: [number[], number[]] = [[], []]
  const time = (fn: () => unknown) => {
    const started = performance.now()
    fn()
    return performance.now() - started
  }
  a[1]()
  b[1]()
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0]
    for (const k of order) times[k as 0 | 1].push(time((k === 0 ? a : b)[1]))
  }
  return [0, 1].map((k) => {
    const sorted = [...times[k as 0 | 1]].sort((x, y) => x - y)
    const label = (k === 0 ? a : b)[0]
    spreads.push(`${label}: ${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)} ms over ${runs} runs`)
    return sorted[Math.floor(runs / 2)] as number
  }) as [number, number]
}

const parsedBig = parseManifest(big)
if (!parsedBig.ok) throw new Error('generated manifest does not parse')
const packs = packsFor(parsedBig.value.manifest.jurisdictions)
const findings = checkManifest(parsedBig.value.manifest, packs, parsedBig.value.sourceMap)
if (findings.some((f) => f.severity === 'error')) throw new Error('generated manifest has errors')

const [full, yamlOnly] = pair(
  15,
  [
    'amana check',
    () => {
      const r = parseManifest(big)
      if (r.ok) checkManifest(r.value.manifest, packsFor(r.value.manifest.jurisdictions), r.value.sourceMap)
    },
  ],
  ['yaml.parse', () => parseYaml(big)],
)
const [checkOnly] = pair(
  15,
  ['check rules alone', () => checkManifest(parsedBig.value.manifest, packs, parsedBig.value.sourceMap)],
  ['(nothing)', () => undefined],
)
spreads.pop()

const rumrom = parseManifest(readFileSync(new URL('rumrom-bakery/amana.yaml', examples), 'utf8'))
if (!rumrom.ok) throw new Error('RUMROM manifest does not parse')
const rumromPacks = packsFor(rumrom.value.manifest.jurisdictions)
const render = (locale: 'en' | 'ar') =>
  toHtml(renderPolicy(rumrom.value.manifest, rumromPacks, { locale, version: '1' }))

/** The page split once into tags and decoded texts; writing it again is escape-and-join only. */
const piecesOf = (html: string) =>
  html.split(/(<[^>]*>)/).map((piece) =>
    piece.startsWith('<')
      ? { tag: piece }
      : {
          text: piece
            .replaceAll('&lt;', '<')
            .replaceAll('&gt;', '>')
            .replaceAll('&quot;', '"')
            .replaceAll('&#39;', "'")
            .replaceAll('&amp;', '&'),
        },
  )
const escapeText = (t: string) =>
  t
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
const writeKnownPage = (pieces: ReturnType<typeof piecesOf>) =>
  pieces.map((p) => ('tag' in p ? p.tag : escapeText(p.text))).join('')

const pages = { en: piecesOf(render('en')), ar: piecesOf(render('ar')) }
const [renderEn, writeEn] = pair(
  50,
  ['render en', () => render('en')],
  ['write the same page, en', () => writeKnownPage(pages.en)],
)
const [renderAr, writeAr] = pair(
  50,
  ['render ar', () => render('ar')],
  ['write the same page, ar', () => writeKnownPage(pages.ar)],
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
    name: 'render RUMROM policy, English (document + HTML)',
    value: renderEn,
    unit: 'ms',
    baseline: { name: 'writing the same HTML from its known texts (escape + join)', value: writeEn },
    target: '≤ 50 ms',
    met: renderEn <= 50,
  },
  {
    name: 'render RUMROM policy, Arabic (document + HTML)',
    value: renderAr,
    unit: 'ms',
    baseline: { name: 'writing the same HTML from its known texts (escape + join)', value: writeAr },
    target: '≤ 50 ms',
    met: renderAr <= 50,
  },
]
writeResults('manifest', 'Manifest check and policy rendering', rows, [
  'Median of 15 runs (check) and 50 runs (render), each alternating with its baseline, after one warm-up of each.',
  `Of the check, the rules alone (after parsing and validation) take ${checkOnly.toFixed(2)} ms (median).`,
  ...spreads,
])
