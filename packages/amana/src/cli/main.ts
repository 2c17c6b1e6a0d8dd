#!/usr/bin/env node
import { enableCompileCache } from 'node:module'

// Caches compiled code between runs (in the OS temp dir): a warm start skips most of the module
// compilation, which is a large part of start-to-ready.
enableCompileCache()
const { runCli } = await import('./run-cli.ts')

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
})
process.exitCode = code
