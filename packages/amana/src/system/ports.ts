import type { AmanaDatabase } from '../platform/db/index.ts'

/** What the probes use: the database to ask about migrations, the running version (the app context satisfies it). */
export interface SystemPorts {
  readonly database: Pick<AmanaDatabase, 'db'>
  readonly version: string
}
