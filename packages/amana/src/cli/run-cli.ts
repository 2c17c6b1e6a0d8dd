import { type CommandIo, exitCodes, formatHelp, parseCommandArgs, reportError } from './cli-kit.ts'
import { commands } from './commands/index.ts'

const topHelp = () =>
  [
    'amana — privacy operations for small online businesses',
    '',
    'Usage: amana <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(16)}${c.summary}`),
    '',
    'Run "amana <command> --help" for a command\'s options. Exit codes: 0 ok, 1 failure, 2 usage error.',
  ].join('\n')

/** Runs one CLI invocation; returns the exit code. Pure of process state except through `io`. */
export const runCli = async (argv: string[], io: CommandIo): Promise<number> => {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(topHelp())
    return first === undefined ? exitCodes.usage : exitCodes.ok
  }
  if (first === '--version') return runCli(['version'], io)
  // Two-word commands (e.g. "policy publish", "audit verify") are named with a space.
  const command =
    commands.find((c) => c.name === first) ?? commands.find((c) => c.name === `${first} ${rest[0]}`)
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `))
    if (group.length > 0) {
      const asked = rest[0] === '--help' || rest[0] === '-h'
      const lines = [
        `amana ${first} <command>`,
        '',
        ...group.map((c) => `  ${c.name.padEnd(18)}${c.summary}`),
      ]
      if (asked) io.out(lines.join('\n'))
      else
        io.err(
          [
            rest[0] ? `amana: unknown command "${first} ${rest[0]}".` : `amana ${first}: which command?`,
            ...lines,
          ].join('\n'),
        )
      return asked ? exitCodes.ok : exitCodes.usage
    }
    io.err(`amana: unknown command "${first}". Run "amana --help" for the list.`)
    return exitCodes.usage
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest
  const parsed = parseCommandArgs(command, args)
  if (!parsed.ok) {
    io.err(`amana ${command.name}: ${parsed.message}`)
    return exitCodes.usage
  }
  if (parsed.values.help === true) {
    io.out(formatHelp(command))
    return exitCodes.ok
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io)
  } catch (error) {
    return reportError(error, io, parsed.values.verbose === true)
  }
}
