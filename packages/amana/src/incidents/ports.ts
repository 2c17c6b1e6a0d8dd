import type { Dialect, Statement } from '../connectors/index.ts'
import type { OwnRecord } from './domain/scope.ts'

/**
 * What the incidents feature needs from others, as small structural ports that app/services.ts
 * satisfies with the real audit ledger, mailer and the shop's databases.
 */

/** One audited change. `target` is the incident id; never an address or a name. */
export interface IncidentAuditEvent {
  readonly action: `incident.${string}`
  readonly actor: { readonly type: 'staff' | 'api-key' | 'system'; readonly id: string }
  readonly target: string
  readonly details?: Readonly<Record<string, string | number | boolean | null>>
}

export interface IncidentAuditPort {
  append(event: IncidentAuditEvent): Promise<void>
}

/** Transactional mail through the outbox; `status` reports delivery of one message. */
export interface IncidentMailPort {
  enqueue(
    mail: {
      readonly kind: 'transactional'
      readonly to: string
      readonly subject: string
      readonly text: string
      readonly headers?: Readonly<Record<string, string>>
    },
    now: Date,
  ): Promise<string>
  status(outboxId: string): Promise<string | undefined>
}

/** Who among some addresses is a staff member, and the language they read Amana's mail in (staff). */
export interface StaffLanguagePort {
  /** Keyed by each address as given; an address that is no staff member's is absent. */
  languagesOf(addresses: readonly string[]): Promise<ReadonlyMap<string, 'en' | 'ar'>>
}

/** Read-only SQL against one of the shop's systems (the manifest's connection), in its dialect. */
export interface ShopReaderPort {
  query(
    system: string,
    build: (dialect: Dialect) => Statement,
  ): Promise<readonly Readonly<Record<string, string | null>>[]>
}

/** One person the audit ledger names in a window, and how: handed to a processor, or read by an account. */
export interface LedgerSubject {
  readonly subjectId: string
  readonly via: 'processor' | 'account'
  /** The processor id or the account id. */
  readonly source: string
  /** Categories the ledger entries name (a disclosure's), else none. */
  readonly categories: readonly string[]
  readonly entries: number
}

/** Amana's own audit ledger, read for an incident's scope (subject ids, never values). */
export interface IncidentLedgerPort {
  subjects(query: {
    readonly processors: readonly string[]
    readonly accounts: readonly string[]
    readonly from: Date
    readonly to: Date
  }): Promise<readonly LedgerSubject[]>
}

/**
 * Retention's freeze: the affected people's records are not deleted while the incident is open
 * (table subject_freezes, owned by retention). Optional until that table exists.
 */
export interface RetentionFreezePort {
  freeze(
    subjectRefs: readonly string[],
    reason: { kind: 'incident' | 'complaint'; id: string },
    now: Date,
  ): Promise<void>
  release(reason: { kind: 'incident' | 'complaint'; id: string }, now: Date): Promise<void>
}

/**
 * Amana's own records of a person the shop's tables do not place: the latest request they filed
 * (found by the blind index of the email or phone the shop holds) and the latest consent choice
 * recorded for the shop's account id. Nothing is stored: the answer only places the person.
 */
export interface IncidentOwnRecordsPort {
  /** For each identity, the latest request filed with that email or phone, in the same order. */
  requests(
    people: readonly { readonly email?: string | undefined; readonly phone?: string | undefined }[],
  ): Promise<readonly (OwnRecord | undefined)[]>
  /** For each account id, its latest consent record, in the same order. */
  consents(accountIds: readonly string[]): Promise<readonly (OwnRecord | undefined)[]>
}
