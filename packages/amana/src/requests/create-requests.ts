import { join } from 'node:path'
import { durationDays, ownRecordPeriods } from '../manifest/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { executeRequestJob } from './jobs.ts'
import { planFromManifest } from './plan-from-manifest.ts'
import type {
  HoldEventClock,
  MessageProvider,
  RequestAuditPort,
  RequestMailPort,
  RequestsAppPorts,
  RequestVaultPort,
  RestrictionPort,
  StaffLanguagePort,
} from './ports.ts'
import { noAudit } from './ports.ts'
import {
  createRequestsService,
  type RequestsDeps,
  type RequestsOptions,
  type RequestsService,
} from './requests-service.ts'

export interface RequestsFeatureDeps {
  readonly vault: RequestVaultPort
  readonly mail: RequestMailPort
  readonly audit?: RequestAuditPort
  readonly messages?: MessageProvider
  readonly restriction?: RestrictionPort
  /** Environment variables the manifest's connections name (e.g. RUMROM_DATABASE_URL); passed in, never read here. */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly options?: Partial<RequestsOptions>
  readonly openConnectors?: RequestsDeps['openConnectors']
  /** Retention's event clock (`POST /v1/events`), for holds counted from an event the shop recorded. */
  readonly eventClock?: HoldEventClock
  /** Default: ctx.jobs. */
  readonly jobs?: JobEngine
  /** Staff members' languages (the staff feature's reader), for deadline reminders. */
  readonly staffLanguages?: StaffLanguagePort
}

/** Builds the requests feature from the app context: the plan from the manifest, sealed files in the data dir. */
export const createRequests = (ctx: RequestsAppPorts, deps: RequestsFeatureDeps): RequestsService => {
  const plan = planFromManifest(ctx.manifest.manifest, deps.env)
  if (!plan.ok)
    ctx.logger.warn(
      { issues: plan.issues },
      'the manifest does not map to a dataset plan; requests will stop at pre-flight',
    )
  const jobs = deps.jobs ?? ctx.jobs
  return createRequestsService({
    db: ctx.database.db,
    manifest: ctx.manifest.manifest,
    packs: ctx.manifest.packs,
    plan,
    vault: deps.vault,
    audit: deps.audit ?? noAudit,
    mail: deps.mail,
    ...(deps.messages ? { messages: deps.messages } : {}),
    ...(deps.restriction ? { restriction: deps.restriction } : {}),
    ...(jobs
      ? {
          enqueueExecution: async (requestId: string) => {
            await jobs.send(executeRequestJob, { requestId })
          },
        }
      : {}),
    filesDir: join(ctx.config.dataDir, 'requests'),
    publicUrl: ctx.config.http.publicUrl,
    masterKey: ctx.config.secrets.rootKey,
    logger: ctx.logger,
    now: ctx.now,
    // An access package stays downloadable for the manifest's `ownRecords.accessPackages`, which the policy states.
    options: {
      packageDays: durationDays(ownRecordPeriods(ctx.manifest.manifest).accessPackages.keep),
      ...deps.options,
    },
    ...(deps.openConnectors ? { openConnectors: deps.openConnectors } : {}),
    ...(deps.eventClock ? { eventClock: deps.eventClock } : {}),
    ...(deps.staffLanguages ? { staffLanguages: deps.staffLanguages } : {}),
  })
}
