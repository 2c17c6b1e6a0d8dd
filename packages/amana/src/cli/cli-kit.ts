import { parseArgs } from 'node:util'
import { AmanaError, isAmanaError } from '../platform/errors/index.ts'

/** Exit codes, documented in docs/cli.md: 0 ok, 1 failure, 2 usage. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const

export interface CommandIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Record<string, string | undefined>
  readonly cwd: string
}

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  readonly options: Readonly<Record<string, OptionSpec>>
  readonly allowPositionals?: boolean
  run(
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    io: CommandIo,
  ): Promise<number>
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** Repeatable (`--scope a --scope b`); the values reach `run` joined with commas ("a,b"). */
  readonly multiple?: boolean
  readonly description: string
}

export const commonOptions: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  verbose: { type: 'boolean', description: 'Show stack traces on errors' },
}

export const parseCommandArgs = (command: Command, argv: string[]) => {
  try {
    const options = Object.fromEntries(
      Object.entries({ ...commonOptions, ...command.options }).map(([name, spec]) => [
        name,
        {
          type: spec.type,
          ...(spec.short ? { short: spec.short } : {}),
          ...(spec.multiple ? { multiple: true } : {}),
        },
      ]),
    )
    const parsed = parseArgs({
      args: argv,
      options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    })
    const values = Object.fromEntries(
      Object.entries(parsed.values).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.map(String).join(',') : value,
      ]),
    ) as Record<string, string | boolean | undefined>
    return {
      ok: true as const,
      values,
      positionals: parsed.positionals,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false as const, message: `${message}. Run "amana ${command.name} --help" for the options.` }
  }
}

export const formatHelp = (command: Command): string => {
  const lines = [`amana ${command.name} — ${command.summary}`, '', `Usage: ${command.usage}`, '', 'Options:']
  const all = { ...command.options, ...commonOptions }
  for (const [name, spec] of Object.entries(all)) {
    const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}${spec.short ? `, -${spec.short}` : ''}`
    lines.push(`  ${flag.padEnd(26)}${spec.description}`)
  }
  lines.push('', 'Exit codes: 0 ok, 1 failure, 2 usage error.')
  return lines.join('\n')
}

/** One clear line for the operator; the stack only with --verbose. */
export const reportError = (error: unknown, io: CommandIo, verbose: boolean): number => {
  if (isAmanaError(error)) {
    io.err(`amana: ${error.message}`)
    if (verbose && error.stack) io.err(error.stack)
    return error.code === 'CLI_USAGE' ? exitCodes.usage : exitCodes.failure
  }
  const message = error instanceof Error ? error.message : String(error)
  io.err(`amana: unexpected error: ${message}${verbose ? '' : ' (run with --verbose for details)'}`)
  if (verbose && error instanceof Error && error.stack) io.err(error.stack)
  return exitCodes.failure
}

export const usageError = (message: string) => new AmanaError('CLI_USAGE', message)
