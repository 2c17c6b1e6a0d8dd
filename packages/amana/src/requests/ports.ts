import type { FastifyRequest } from 'fastify'
import type { JurisdictionPack } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'

/**
 * What requests needs from other features, as minimal structural ports. The app passes the real
 * implementations (audit ledger, vault, consent service, mailer); each is satisfied by them as they are.
 */

/** One audited step of a request. `subject` is the request id; never an email, phone or code. */
export interface RequestAuditEvent {
  readonly action: `request.${string}`
  readonly actor: { readonly type: 'staff' | 'api-key' | 'requester' | 'system'; readonly id: string }
  readonly subject: string
  readonly details?: Readonly<Record<string, string | number | boolean | null>>
}

export interface RequestAuditPort {
  append(event: RequestAuditEvent): Promise<void>
}

/** The vault's envelope encryption, per subject; `shredSubject` destroys the subject's data key. */
export interface RequestVaultPort {
  encrypt(
    subjectId: string,
    context: { readonly record: string; readonly field: string },
    plaintext: string,
  ): Promise<string>
  decrypt(
    subjectId: string,
    context: { readonly record: string; readonly field: string },
    ciphertext: string,
  ): Promise<string>
  blindIndex(kind: string, value: string): string
  shredSubject(subjectId: string): Promise<unknown>
}

/** Consent's restriction: decide() refuses the listed purposes (`*` for all) until lifted. */
export interface RestrictionPort {
  restrict(
    subject: { readonly kind: 'account'; readonly id: string },
    purposes: readonly string[] | null,
    now: Date,
  ): Promise<void>
}

/** Email, queued in the mail outbox (transactional only). */
export interface RequestMailPort {
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
}

/** Who among some addresses is a staff member, and the language they read Amana's mail in (staff). */
export interface StaffLanguagePort {
  /** Keyed by each address as given; an address that is no staff member's is absent. */
  languagesOf(addresses: readonly string[]): Promise<ReadonlyMap<string, 'en' | 'ar'>>
}

/** SMS and WhatsApp, through whatever provider the shop uses (see createHttpMessageProvider). */
export interface MessageProvider {
  send(message: {
    readonly channel: 'sms' | 'whatsapp'
    readonly to: string
    readonly text: string
  }): Promise<void>
}

/**
 * The shop's session hook: given the incoming request (its cookies, headers), the signed-in
 * customer, or undefined. Amana trusts what it returns as a verified identity.
 */
export type ShopSessionHook = (
  request: FastifyRequest,
) => Promise<{ readonly email?: string; readonly phone?: string; readonly customerId?: string } | undefined>

/**
 * When the shop said an event happened to rows of a table (retention's event clock, `POST /v1/events`),
 * by record key (the rows' first key column, as text). A legal hold on rows without a column timing
 * its event counts from it: the erasure, the console's dry run and the access package all ask it.
 */
export type HoldEventClock = (query: {
  readonly system: string
  readonly table: string
  readonly event: string
  readonly keys: readonly string[]
}) => Promise<ReadonlyMap<string, Date>>

export const noAudit: RequestAuditPort = { append: async () => {} }

/** What requests uses from the application: its slice of config, the database, the manifest, the clock (the app context satisfies it). */
export interface RequestsAppPorts {
  readonly config: {
    readonly dataDir: Config['dataDir']
    readonly secrets: Pick<Config['secrets'], 'rootKey'>
    readonly http: Pick<Config['http'], 'publicUrl'>
  }
  readonly database: Pick<AmanaDatabase, 'db'>
  readonly logger: Logger
  readonly jobs: JobEngine | undefined
  readonly manifest: { readonly manifest: Manifest; readonly packs: readonly JurisdictionPack[] }
  readonly now: () => Date
}
