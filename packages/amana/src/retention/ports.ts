import type { Kysely } from 'kysely'
import type { DatasetPlan, Opened, SubjectIdentifier } from '../connectors/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { Logger } from '../platform/logging/index.ts'

/**
 * A subject whose rows no sweep may delete or anonymise now: `ref` as retention's clocks name it
 * (`customer/42`), or the identifiers another feature knows them by (an open request's email).
 */
export type FrozenSubject = {
  ref?: string
  identifiers?: readonly SubjectIdentifier[]
  /** Why, for the run's record: `request`, `incident`, `complaint`, `hold`. */
  reason: string
}

/**
 * What pauses deletion besides the `subject_freeze` table (which incidents and complaints write
 * into): open requests and holds with their own period, from the requests feature.
 */
export interface FreezeSource {
  frozenSubjects(now: Date): Promise<readonly FrozenSubject[]>
}

/** The ledger, as retention writes to it: one entry per sweep, per pause switch, per report. */
export interface RetentionAuditPort {
  append(event: {
    actor: { type: 'system' | 'staff' | 'api-key'; id: string }
    action: string
    target?: string
    details?: Record<string, unknown>
  }): Promise<void>
  /**
   * Whether the entry is already there (a run resumed after a crash between its entry and its
   * mark). The app's ledger answers it; without it a resumed run may write its entry twice.
   */
  hasEntry?(q: { action: string; target: string; since: Date }): Promise<boolean>
}

/** The shop's systems as retention reaches them: the dataset plan and connectors opened for a plan. */
export interface ShopSystemsPort {
  readonly plan: DatasetPlan
  open(plan: DatasetPlan): Opened & { close(): Promise<void> }
}

/** Transactional mail through the outbox (inactivity notices); delivered by the mail job over SMTP. */
export interface RetentionMailPort {
  enqueue(
    mail: {
      readonly kind: 'transactional'
      readonly to: string
      readonly subject: string
      readonly text: string
    },
    now: Date,
  ): Promise<string>
}

/** The vault, as crypto-shred uses it: whose a token is, and destroying that person's key. */
export interface RetentionVaultPort {
  detokenise(token: string): Promise<{ readonly subjectId: string }>
  /** A keyed hash of an email or phone, as requests index them: which holds a frozen person's are. */
  blindIndex?(kind: string, value: string): string
  shredSubject(subjectId: string): Promise<{ readonly alreadyShredded: boolean }>
}

export interface RetentionDeps {
  readonly db: Kysely<Database>
  readonly manifest: Manifest
  readonly shop: ShopSystemsPort | undefined
  readonly audit: RetentionAuditPort
  readonly freezes: FreezeSource
  readonly logger: Logger
  readonly now: () => Date
  readonly newId: () => string
  /** Rows per batch, each batch one transaction in the shop's system. */
  readonly batchSize: number
  /**
   * How long a sweep's lease lasts without a committed batch (default 60 s): after a killed
   * worker's lease ends, the next check resumes its sweep. Longer than any one batch takes.
   */
  readonly leaseMs?: number
  /** Inactivity notices go out through it; without it none are sent (and no rule with a notice deletes). */
  readonly mail?: RetentionMailPort
  /** For `action: crypto-shred`; without it such a rule stops the sweep with an error. */
  readonly vault?: RetentionVaultPort
}
