import type { Kysely } from 'kysely'
import type { JurisdictionPack, Localised } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'

/** What the policy's routes use: the database, the checked manifest, the shop's name, the clock. */
export interface PolicyPorts {
  readonly database: { readonly db: Kysely<Database> }
  readonly manifest: { readonly manifest: Manifest; readonly packs: readonly JurisdictionPack[] }
  readonly shop: { readonly name: Localised }
  readonly now: () => Date
}
