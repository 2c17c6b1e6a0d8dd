import type { Kysely } from 'kysely'
import type { Manifest } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { Logger } from '../platform/logging/index.ts'

/** The ledger, as the sweep writes to it: one entry per run with counts per record kind. */
export interface OwnRecordsAuditPort {
  append(event: {
    actor: { type: 'system'; id: string }
    action: string
    target?: string
    details?: Record<string, unknown>
  }): Promise<void>
}

/** Retention's pause switch and settings (the sweep's last run is kept beside the sweep's own). */
export interface RetentionSwitchPort {
  paused(): Promise<boolean>
  setting(key: string): Promise<unknown>
  putSetting(key: string, value: unknown, at: Date): Promise<void>
}

export interface OwnRecordsDeps {
  readonly db: Kysely<Database>
  readonly manifest: Manifest
  readonly now: () => Date
  readonly logger: Logger
  /** Rows per batch, each batch one short statement or transaction. */
  readonly batchSize: number
  readonly audit: OwnRecordsAuditPort
  readonly retention: RetentionSwitchPort
  /** Destroys a request's own vault key: its sealed copies and files can never be read again. */
  shredSubject(subjectId: string): Promise<unknown>
  /** Removes a request's sealed file from disk (requests' file store). */
  removeFile(fileId: string): Promise<void>
}
