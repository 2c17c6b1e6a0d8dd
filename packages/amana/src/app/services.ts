import {
  type AuditLedger,
  type AuditLedgerOptions,
  configuredAnchor,
  createAuditLedger,
  deriveAuditSigningKey,
} from '../audit/index.ts'
import { type Complaints, createComplaints } from '../complaints/index.ts'
import { type ConsentService, createConsentService } from '../consent/index.ts'
import {
  createFreezeWriter,
  createIncidents,
  createLedgerReader,
  createOwnRecordsReader,
  createShopReader,
  type Incidents,
} from '../incidents/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { DatabaseTarget } from '../platform/db/index.ts'
import { diffPolicies, policyDay, policyStore } from '../policy/index.ts'
import { createHttpMessageProvider, createRequests, type RequestsService } from '../requests/index.ts'
import { eventClockReader, type RetentionService } from '../retention/index.ts'
import { createStaffLanguageReader } from '../staff/index.ts'
import { createConfigKeyProvider, createVault, deriveBlindIndexKey, type Vault } from '../vault/index.ts'
import type { AppContext } from './app-context.ts'
import { keyStoreTarget, lazyKeyStore } from './lazy-key-store.ts'
import { createRetentionService } from './retention-services.ts'

/**
 * The long-lived services features share, built once per process from the context: the HTTP app
 * and the job worker use the same ledger, vault, consent and requests services.
 */
export interface Services {
  readonly audit: AuditLedger
  readonly vault: Vault
  readonly consent: ConsentService
  readonly requests: RequestsService
  readonly retention: RetentionService
  readonly incidents: Incidents
  readonly complaints: Complaints
  close(): Promise<void>
}

export interface ServiceOptions {
  /** Environment the manifest's connections name (e.g. RUMROM_DATABASE_URL); passed in by the CLI. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Where the vault keeps data keys; default from config. Tests use a fresh in-memory store. */
  readonly keyStore?: DatabaseTarget
}

// long-function: the composition root: every feature is built and wired here, in one list read top to bottom
export const createServices = async (ctx: AppContext, options: ServiceOptions = {}): Promise<Services> => {
  const anchoring = withAnchor(ctx)
  const audit = createAuditLedger({
    db: ctx.database.db,
    signingKey: deriveAuditSigningKey(ctx.config.secrets.rootKey),
    now: ctx.now,
    checkpointEvery: ctx.config.audit.checkpointEvery,
    // Checkpoints also go outside the database, so a cut or wiped ledger cannot pass verification.
    ...anchoring,
  })
  const keys = lazyKeyStore(options.keyStore ?? keyStoreTarget(ctx.config))
  const vault = createVault({
    db: ctx.database.db,
    keyStore: keys.keyStore,
    keyProvider: createConfigKeyProvider(ctx.config.secrets.masterKey),
    previousKeyProviders: ctx.config.secrets.previousMasterKeys.map(createConfigKeyProvider),
    hmacKey: deriveBlindIndexKey(ctx.config.secrets.rootKey),
    now: ctx.now,
  })
  // Consent re-asks when the policy in effect changed materially what a granted purpose does.
  // A version scheduled for a later date is not in effect yet (read at start).
  const store = policyStore(ctx.database.db)
  const latest = await store.current(policyDay(ctx.now()))
  const previous = latest && latest.version > 1 ? await store.get(latest.version - 1) : undefined
  const consent = await createConsentService(ctx, {
    allowedOrigins: ctx.config.http.allowedOrigins,
    ...(latest ? { policyVersion: String(latest.version) } : {}),
    ...(latest && previous
      ? { materialChanges: diffPolicies(previous.manifest as Manifest, latest.manifest as Manifest) }
      : {}),
    audit: {
      append: (event) =>
        audit
          .append({
            actor: event.actor,
            action: event.action,
            ...(event.subject ? { subjectId: event.subject } : {}),
            ...(event.details ? { details: { ...event.details } } : {}),
          })
          .then(() => {}),
    },
  })
  // Reminders to staff go in each member's language (set on "My account").
  const staffLanguages = createStaffLanguageReader(ctx.database.db)
  const requests = createRequests(ctx, {
    vault,
    staffLanguages,
    mail: consent.mailer,
    restriction: consent,
    ...(ctx.config.messages ? { messages: createHttpMessageProvider(ctx.config.messages) } : {}),
    env: options.env ?? {},
    // A hold counted from an event the shop sent to POST /v1/events reads retention's clock.
    eventClock: eventClockReader(ctx.database.db),
    audit: {
      append: (event) =>
        audit
          .append({
            actor:
              event.actor.type === 'requester'
                ? { type: 'subject', id: event.subject }
                : { type: event.actor.type, id: event.actor.id },
            action: event.action,
            target: event.subject,
            ...(event.details ? { details: { ...event.details } } : {}),
          })
          .then(() => {}),
    },
  })
  const incidents = createIncidents({
    database: ctx.database,
    manifest: ctx.manifest.manifest,
    packs: ctx.manifest.packs,
    audit: {
      append: (event) =>
        audit
          .append({ ...event, ...(event.details ? { details: { ...event.details } } : {}) })
          .then(() => {}),
    },
    mail: consent.mailer,
    shop: createShopReader(ctx.manifest.manifest, options.env ?? {}),
    ledger: createLedgerReader(ctx.database.db),
    own: createOwnRecordsReader({
      database: ctx.database,
      blindIndex: (kind, value) => vault.blindIndex(kind, value),
      hashSubject: (subject) => consent.keys.hashSubject(subject),
    }),
    freeze: createFreezeWriter(ctx.database.db),
    jobs: ctx.jobs,
    staffLanguages,
    now: ctx.now,
  })
  // Retention carries out the manifest's periods in the shop's systems (docs/retention.md).
  const retention = createRetentionService(ctx, audit, options.env ?? {}, requests, consent.mailer, vault)
  const complaints = createComplaints({
    database: ctx.database,
    manifest: ctx.manifest.manifest,
    packs: ctx.manifest.packs,
    audit: {
      append: (event) =>
        audit
          .append({ ...event, ...(event.details ? { details: { ...event.details } } : {}) })
          .then(() => {}),
    },
    mail: consent.mailer,
    vault,
    freeze: createFreezeWriter(ctx.database.db),
    now: ctx.now,
  })
  return {
    audit,
    vault,
    retention,
    consent,
    requests,
    incidents,
    complaints,
    close: async () => {
      await requests.close()
      await consent.close()
      // Queued appends are committed before the database closes. With an anchor, the newest entries
      // are signed and anchored too: a ledger cut while Amana is stopped is caught by `audit verify`.
      await audit.flush()
      if (anchoring.anchor)
        await audit
          .checkpoint()
          .catch((err: unknown) => ctx.logger.error({ err }, 'audit checkpoint at shutdown failed'))
      await keys.close()
    },
  }
}

const withAnchor = (ctx: AppContext): Pick<AuditLedgerOptions, 'anchor' | 'onAnchorError'> => {
  const anchor = configuredAnchor(ctx.config.audit)
  if (!anchor) return {}
  return {
    anchor,
    onAnchorError: (err, checkpoint) =>
      ctx.logger.error(
        { err, seq: checkpoint.seq },
        'audit checkpoint could not be anchored; retried hourly',
      ),
  }
}
