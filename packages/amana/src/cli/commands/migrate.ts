import { keyStoreTarget } from '../../app/lazy-key-store.ts'
import { openConfiguredDatabase } from '../../app/start.ts'
import { migrationStatus } from '../../platform/db/index.ts'
import { openKeyStore } from '../../vault/index.ts'
import { type Command, exitCodes } from '../cli-kit.ts'
import { databaseOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database and key store schemas up to date',
  usage: 'amana migrate [--database-url postgres://…] [--data-dir .amana]',
  options: databaseOptions,
  async run({ values }, io) {
    const config = configFor(values, io)
    const database = await openConfiguredDatabase(config)
    try {
      const status = await migrationStatus(database.db)
      io.out(
        status.current ? 'Database schema is current.' : `Pending migrations: ${status.pending.join(', ')}`,
      )
    } finally {
      await database.close()
    }
    // The vault's key store is a database of its own (AMANA_KEYSTORE_URL): reached and migrated here
    // too, so a wrong URL shows before the first request needs a data key.
    const keyStore = await openKeyStore(keyStoreTarget(config))
    await keyStore.database.close()
    io.out('Key store schema is current.')
    return exitCodes.ok
  },
}
