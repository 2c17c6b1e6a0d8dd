import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { LoadedManifest } from './app-manifest.ts'

/** How the shop presents itself on Amana's pages; derived from the manifest's organisation. */
export interface ShopProfile {
  readonly name: { readonly en: string; readonly ar: string }
  readonly contacts: readonly {
    readonly kind: 'email' | 'phone' | 'whatsapp' | 'web' | 'postal'
    readonly value: string
  }[]
}

/** Everything a feature may use, built once at start and passed down. */
export interface AppContext {
  readonly config: Config
  readonly database: AmanaDatabase
  readonly logger: Logger
  readonly jobs: JobEngine | undefined
  /** The privacy manifest everything derives from, parsed and checked at start. */
  readonly manifest: LoadedManifest
  readonly shop: ShopProfile
  readonly version: string
  readonly now: () => Date
}
