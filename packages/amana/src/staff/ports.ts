import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'

/** What staff access uses from the application (the app context satisfies it). */
export interface StaffPorts {
  readonly config: { readonly secrets: Config['secrets']; readonly http: Pick<Config['http'], 'publicUrl'> }
  readonly database: Pick<AmanaDatabase, 'db'>
  readonly shop: { readonly name: { readonly en: string; readonly ar: string } }
  readonly now: () => Date
}
