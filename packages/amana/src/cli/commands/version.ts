import { amanaVersion } from '../../app/version.ts'
import { type Command, exitCodes } from '../cli-kit.ts'

export const versionCommand: Command = {
  name: 'version',
  summary: 'Print the Amana version',
  usage: 'amana version',
  options: {},
  async run(_args, io) {
    io.out(`amana ${amanaVersion} (node ${process.versions.node})`)
    return exitCodes.ok
  },
}
