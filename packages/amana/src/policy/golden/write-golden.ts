/**
 * Rewrites the golden policies (run after an intended change of the policy's text, then review the
 * diff): node packages/amana/src/policy/golden/write-golden.ts
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { goldenDir, isGoldenFile, renderGoldenFiles } from './cases.ts'

const files = renderGoldenFiles()
for (const name of readdirSync(goldenDir))
  if (isGoldenFile(name) && !files.has(name)) rmSync(new URL(name, goldenDir))
for (const [name, content] of files) writeFileSync(new URL(name, goldenDir), content)
process.stdout.write(`Wrote ${files.size} golden policies to ${goldenDir.pathname}\n`)
