import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { ShopProfile } from '../site/index.ts'
import type { LoadedManifest } from './app-manifest.ts'

export type { ShopProfile }

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
