import { manifestJsonSchema } from '../../manifest/index.ts'
import { type Command, exitCodes } from '../cli-kit.ts'

export const schemaCommand: Command = {
  name: 'schema',
  summary: "Print the manifest's JSON Schema (for editor autocompletion)",
  usage: 'amana schema > amana.schema.json',
  options: {},
  async run(_args, io) {
    io.out(JSON.stringify(manifestJsonSchema(), null, 2))
    return exitCodes.ok
  },
}
