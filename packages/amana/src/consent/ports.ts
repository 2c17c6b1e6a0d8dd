import type { Manifest } from '../manifest/index.ts'
import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'

/** What consent uses from the application: its own slice of config, the database, the manifest, the clock (the app context satisfies it). */
export interface ConsentPorts {
  readonly config: {
    readonly secrets: Config['secrets']
    readonly http: Pick<Config['http'], 'publicUrl'>
    readonly mail: Config['mail']
  }
  readonly database: AmanaDatabase
  readonly logger: Logger
  readonly jobs: JobEngine | undefined
  readonly manifest: { readonly manifest: Manifest }
  readonly shop: { readonly name: { readonly en: string; readonly ar: string } }
  readonly now: () => Date
}
