/**
 * Runs every benchmark in bench/, one after another (they each write bench/results/<name>.*);
 * `npm run bench -- NAME` runs bench/NAME.ts only.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const only = process.argv.slice(2)
const files = readdirSync(import.meta.dirname).filter(
  (f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f) && !f.startsWith('_'),
)
let failed = 0
for (const file of files) {
  // `npm run bench -- consent` runs consent.ts alone; a name that is no file's runs every file it begins.
  const matches = (o: string) => (files.includes(`${o}.ts`) ? file === `${o}.ts` : file.startsWith(o))
  if (only.length && !only.some(matches)) continue
  process.stdout.write(`\n== ${file} ==\n`)
  const result = spawnSync(process.execPath, [join(import.meta.dirname, file)], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
