import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { captureCliIo } from '../testing/cli-io.ts'
import { formatHelp } from './cli-kit.ts'
import { referenceEnd, referenceStart, renderCliReference } from './cli-reference.ts'
import { commands } from './commands/index.ts'
import { runCli } from './run-cli.ts'

const doc = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8')

test("every command's --help answers, exit 0, with the text docs/cli.md holds for it", async () => {
  for (const command of commands) {
    const { out, err, io } = captureCliIo()
    const code = await runCli([...command.name.split(' '), '--help'], io)
    assert.equal(code, 0, `amana ${command.name} --help: ${err.join('\n')}`)
    assert.equal(out.join('\n'), formatHelp(command))
    assert.ok(doc.includes(formatHelp(command)), `docs/cli.md lacks the help of "amana ${command.name}"`)
  }
})

test("docs/cli.md's reference section is the CLI's own help, command by command", () => {
  const start = doc.indexOf(referenceStart)
  const end = doc.indexOf(referenceEnd)
  assert.ok(start >= 0 && end > start, 'docs/cli.md has no reference section: run node scripts/cli-docs.ts')
  assert.equal(
    doc.slice(start, end + referenceEnd.length),
    renderCliReference(commands),
    'docs/cli.md is out of date with the CLI: run node scripts/cli-docs.ts',
  )
})

test('amana --help lists every command, and the hand-written tables name each one', async () => {
  const { out, io } = captureCliIo()
  assert.equal(await runCli(['--help'], io), 0)
  const prose = doc.slice(0, doc.indexOf(referenceStart))
  for (const command of commands) {
    assert.ok(out.join('\n').includes(`  ${command.name}`), `amana --help lacks ${command.name}`)
    assert.ok(
      prose.includes(`amana ${command.name}`),
      `docs/cli.md's tables do not describe "amana ${command.name}"`,
    )
  }
})
