import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { lockDirectory } from '../../platform/db/dir-lock.ts'
import { AmanaError } from '../../platform/errors/index.ts'
import { type Command, exitCodes } from '../cli-kit.ts'
import { configFor } from '../load.ts'

const ask = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

/**
 * `amana demo reset`: deletes the demo's data directory — Amana's embedded database, its generated
 * secrets, the shop database and uploads, the demo mailbox — so the next `npm start` begins again
 * from the seed. Refused while an `amana start` holds the directory.
 */
export const demoResetCommand: Command = {
  name: 'demo reset',
  summary: 'Delete the demo data (Amana, the RUMROM shop, the mailbox) so the next start seeds it again',
  usage: 'amana demo reset [--yes] [--data-dir .amana]',
  options: {
    yes: { type: 'boolean', short: 'y', description: 'Do not ask for confirmation' },
    'data-dir': { type: 'string', description: 'The demo data directory (AMANA_DATA_DIR, default .amana)' },
  },
  async run({ values }, io) {
    const config = configFor({ ...values, demo: true }, io)
    if (config.database.kind !== 'pglite')
      throw new AmanaError(
        'CLI_USAGE',
        'amana demo reset deletes the embedded demo data only; AMANA_DATABASE_URL is set, so there is none to reset.',
      )
    const dir = config.dataDir
    if (!existsSync(dir)) {
      io.out(`Nothing to reset: ${dir} does not exist. "npm start" creates it.`)
      return exitCodes.ok
    }
    if (values.yes !== true) {
      if (!process.stdin.isTTY)
        throw new AmanaError('CLI_USAGE', `amana demo reset would delete ${dir}; add --yes to confirm.`)
      if (!(await ask(`Delete ${dir} (Amana's demo database, the shop database, the mailbox)? [y/N] `))) {
        io.out('Nothing deleted.')
        return exitCodes.ok
      }
    }
    // Hold both embedded databases while deleting: a running `amana start` refuses this (DATA_DIR_LOCKED).
    const locks = []
    try {
      for (const held of [join(dir, 'pgdata'), join(dir, 'shop', 'pgdata')])
        locks.push(await lockDirectory(held))
      await rm(dir, { recursive: true, force: true })
    } finally {
      for (const lock of locks) await lock.release()
    }
    io.out(`Deleted ${dir}. The next "npm start" seeds the demo again.`)
    return exitCodes.ok
  },
}
