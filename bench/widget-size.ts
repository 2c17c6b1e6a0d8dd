// Size of the consent widget against open-source consent managers, measured in the same run.
//
//   npx node bench/widget-size.ts
//
// The others come from their npm tarballs, fetched into a temporary directory (never added to package.json):
//   cd $(mktemp -d) && npm pack vanilla-cookieconsent@3.1.0 klaro@0.7.22 tarteaucitronjs@1.34.0
// Baseline: vanilla-cookieconsent's JS + CSS. Budget (issue 20): the code without the shop's configuration ≤ 7 KB (7,000 bytes) gzipped, smaller than the baseline.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { buildWidget } from '../packages/widget/src/build-widget.ts'

const PACKAGES = ['vanilla-cookieconsent@3.1.0', 'klaro@0.7.22', 'tarteaucitronjs@1.34.0']
// The budget is "7 KB": read strictly, 7,000 bytes, not 7 KiB.
const BUDGET_GZIP = 7000

interface Entry {
  name: string
  /** What a page must load for a banner with English and Arabic, each file gzipped on its own (separate requests). */
  files: string[]
  note: string
  raw: number
  gzip: number
  brotli: number
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length
const br = (b: Buffer) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length

const measure = (name: string, files: { label: string; bytes: Buffer }[], note: string): Entry => ({
  name,
  files: files.map((f) => f.label),
  note,
  raw: files.reduce((n, f) => n + f.bytes.length, 0),
  gzip: files.reduce((n, f) => n + gz(f.bytes), 0),
  brotli: files.reduce((n, f) => n + br(f.bytes), 0),
})

const dir = mkdtempSync(join(tmpdir(), 'widget-size-'))
try {
  execFileSync('npm', ['pack', ...PACKAGES], { cwd: dir, stdio: 'ignore' })
  for (const spec of PACKAGES) {
    const [name, version] = spec.split('@') as [string, string]
    execFileSync('mkdir', ['-p', join(dir, name)])
    execFileSync('tar', ['xzf', join(dir, `${name}-${version}.tgz`), '-C', join(dir, name)])
  }
  const file = (pkg: string, path: string) => ({
    label: `${pkg}/${path}`,
    bytes: readFileSync(join(dir, pkg, 'package', path)),
  })

  const amana = measure(
    'amana widget',
    [{ label: 'packages/widget → /consent.js', bytes: Buffer.from(await buildWidget()) }],
    'one file: JS, CSS, EN + AR strings, Consent Mode v2, GPC',
  )
  const baseline = measure(
    'vanilla-cookieconsent 3.1.0',
    [
      file('vanilla-cookieconsent', 'dist/cookieconsent.umd.js'),
      file('vanilla-cookieconsent', 'dist/cookieconsent.css'),
    ],
    'JS + CSS; ships no strings, so a site adds its own EN and AR (not counted)',
  )
  const entries: Entry[] = [
    amana,
    baseline,
    measure('klaro 0.7.22', [file('klaro', 'dist/klaro.js')], 'CSS and 26 languages bundled (no Arabic)'),
    measure(
      'tarteaucitron 1.34.0',
      [
        file('tarteaucitronjs', 'tarteaucitron.min.js'),
        file('tarteaucitronjs', 'css/tarteaucitron.min.css'),
        file('tarteaucitronjs', 'lang/tarteaucitron.en.min.js'),
        file('tarteaucitronjs', 'lang/tarteaucitron.ar.min.js'),
      ],
      'core + CSS + EN + AR; service templates (Google tags etc.) are another file',
    ),
    measure(
      'tarteaucitron 1.34.0 + services',
      [
        file('tarteaucitronjs', 'tarteaucitron.min.js'),
        file('tarteaucitronjs', 'css/tarteaucitron.min.css'),
        file('tarteaucitronjs', 'lang/tarteaucitron.en.min.js'),
        file('tarteaucitronjs', 'lang/tarteaucitron.ar.min.js'),
        file('tarteaucitronjs', 'tarteaucitron.services.min.js'),
      ],
      'as above, with the service templates (where its Google tag and Consent Mode integrations live)',
    ),
  ]
  const ratio = (n: number) => Math.round((n / baseline.gzip) * 1000) / 1000
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    command: `cd $(mktemp -d) && npm pack ${PACKAGES.join(' ')}`,
    baseline: baseline.name,
    budgetGzip: BUDGET_GZIP,
    withinBudget: amana.gzip <= BUDGET_GZIP,
    smallerThanBaseline: amana.gzip < baseline.gzip,
    entries: entries.map((e) => ({
      ...e,
      gzipRatio: ratio(e.gzip),
      brotliRatio: Math.round((e.brotli / baseline.brotli) * 1000) / 1000,
    })),
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  const md = [
    '# Consent widget size',
    '',
    `Measured ${result.date.slice(0, 10)} on Node ${result.node} by \`npx node bench/widget-size.ts\`; the others from \`${result.command}\`.`,
    `Sizes are per file (gzip -9, brotli q11) and summed over the files a page loads. Ratio: against ${baseline.name} (JS + CSS) in the same run.`,
    '',
    '| widget | raw | gzip | ratio (gzip) | brotli | ratio (brotli) | what is counted |',
    '|---|--:|--:|--:|--:|--:|---|',
    ...result.entries.map(
      (e) =>
        `| ${e.name} | ${kb(e.raw)} | ${kb(e.gzip)} (${e.gzip} B) | ${e.gzipRatio.toFixed(2)}× | ${kb(e.brotli)} | ${e.brotliRatio.toFixed(2)}× | ${e.note} |`,
    ),
    '',
    `Budget: ≤ ${BUDGET_GZIP} B gzipped — ${result.withinBudget ? 'met' : 'MISSED'}; smaller than the baseline — ${result.smallerThanBaseline ? 'yes' : 'NO'}.`,
    '',
  ].join('\n')
  const out = new URL('./results/', import.meta.url)
  writeFileSync(new URL('widget-size.json', out), `${JSON.stringify(result, null, 2)}\n`)
  writeFileSync(new URL('widget-size.md', out), md)
  console.log(md)
  if (!result.withinBudget || !result.smallerThanBaseline) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
