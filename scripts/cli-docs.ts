// Rewrites the reference section of docs/cli.md from every command's --help: node scripts/cli-docs.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { withCliReference } from '../packages/amana/src/cli/cli-reference.ts'
import { commands } from '../packages/amana/src/cli/commands/index.ts'

const file = new URL('../docs/cli.md', import.meta.url)
writeFileSync(file, withCliReference(readFileSync(file, 'utf8'), commands))
process.stdout.write('docs/cli.md: reference section written\n')
