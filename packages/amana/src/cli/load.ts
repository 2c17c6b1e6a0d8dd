import { type Config, formatConfigIssues, loadConfig } from '../platform/config/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { CommandIo } from './cli-kit.ts'
import { toOverrides } from './config-flags.ts'

/** Loads config for a command, or throws CONFIG_INVALID listing every problem at once. */
export const configFor = (values: Record<string, string | boolean | undefined>, io: CommandIo): Config => {
  const result = loadConfig(io.env, toOverrides(values), io.cwd)
  if (!result.ok)
    throw new AmanaError('CONFIG_INVALID', `configuration is invalid:\n${formatConfigIssues(result.issues)}`)
  return result.config
}
