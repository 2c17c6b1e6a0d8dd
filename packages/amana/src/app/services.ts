import { type AuditLedger, createAuditLedger, deriveAuditSigningKey } from '../audit/index.ts'
import { type ConsentService, createConsentService } from '../consent/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { diffPolicies, policyStore } from '../policy/index.ts'
import type { AppContext } from './app-context.ts'

/**
 * The long-lived services features share, built once per process from the context: the HTTP app
 * and the job worker use the same ledger and consent service.
 */
export interface Services {
  readonly audit: AuditLedger
  readonly consent: ConsentService
  close(): Promise<void>
}

export const createServices = async (ctx: AppContext): Promise<Services> => {
  const audit = createAuditLedger({ db: ctx.database.db, signingKey: deriveAuditSigningKey(ctx.config.secrets.masterKey), now: ctx.now })
  // Consent re-asks when the latest published policy changed materially what a granted purpose does.
  const store = policyStore(ctx.database.db)
  const latest = await store.latest()
  const previous = latest && latest.version > 1 ? await store.get(latest.version - 1) : undefined
  const consent = await createConsentService(ctx, {
    ...(latest ? { policyVersion: String(latest.version) } : {}),
    ...(latest && previous ? { materialChanges: diffPolicies(previous.manifest as Manifest, latest.manifest as Manifest) } : {}),
    audit: {
      append: (event) =>
        audit.append({ actor: event.actor, action: event.action, ...(event.subject ? { subjectId: event.subject } : {}), ...(event.details ? { details: { ...event.details } } : {}) }).then(() => {}),
    },
  })
  return {
    audit,
    consent,
    close: async () => {
      await consent.close()
    },
  }
}
