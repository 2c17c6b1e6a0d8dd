import { randomUUID } from 'node:crypto'
import type { Locale } from '@amana/web'
import type { Kysely } from 'kysely'
import { type DatasetPlan, type Opened, openConnectors } from '../connectors/index.ts'
import type { JurisdictionPack } from '../jurisdictions/index.ts'
import type { Manifest, Text } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { RequestStatus } from './domain/request-state.ts'
import {
  type RequesterKind,
  type RequestType,
  requestTypes,
  type VerificationChannel,
} from './domain/request-types.ts'
import type { PlanIssue } from './plan-from-manifest.ts'
import type {
  HoldEventClock,
  MessageProvider,
  RequestAuditPort,
  RequestMailPort,
  RequestVaultPort,
  RestrictionPort,
  StaffLanguagePort,
} from './ports.ts'
import { createRequestsKit } from './service/kit.ts'
import { approve, type TellKind, tell } from './service/notify.ts'
import { download, issueDownload, statusOf } from './service/requester.ts'
import { addNote, completeTask, deny, extend, merge, retry, sla, verifyProof } from './service/staff.ts'
import { type SubmitMeta, submitRequest } from './service/submit.ts'
import { resendCode, verifyCode } from './service/verify.ts'
import type { RequestRow } from './store.ts'

export interface RequestsOptions {
  /** Types offered on the form and accepted by the API. */
  readonly types: readonly RequestType[]
  /** Run as soon as identity is verified; the others wait for a staff member's approval. */
  readonly autoApprove: readonly RequestType[]
  /** Stronger verification: an order number of the subject's is asked too, and checked before anything runs. */
  readonly orderNumberFor: readonly RequestType[]
  /** Where order numbers live, for that check: a planned table and its key column. */
  readonly orderTable?: { readonly system: string; readonly table: string; readonly column: string }
  readonly codeSendsPerAddressPerHour: number
  readonly submissionsPerIpPerHour: number
  /** How long a worker holds a request before another may resume it. */
  readonly leaseMs: number
  readonly packageDays: number
  readonly downloadMinutes: number
  readonly reminderDays: number
  /** Requests still waiting for a code after this many days are closed. */
  readonly abandonAfterDays: number
}

export const defaultRequestsOptions: RequestsOptions = {
  types: requestTypes,
  autoApprove: [
    'access',
    'portability',
    'know',
    'restriction',
    'objection',
    'opt-out-sale',
    'withdraw-consent',
  ],
  orderNumberFor: [],
  codeSendsPerAddressPerHour: 5,
  submissionsPerIpPerHour: 20,
  leaseMs: 60_000,
  packageDays: 30,
  downloadMinutes: 15,
  reminderDays: 5,
  abandonAfterDays: 7,
}

export interface RequestsDeps {
  readonly db: Kysely<Database>
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  /** planFromManifest's result: a plan, or the issues that stop every execution at pre-flight. */
  readonly plan: { ok: true; plan: DatasetPlan } | { ok: false; issues: readonly PlanIssue[] }
  readonly vault: RequestVaultPort
  readonly audit: RequestAuditPort
  readonly mail: RequestMailPort
  readonly messages?: MessageProvider
  readonly restriction?: RestrictionPort
  readonly enqueueExecution?: (requestId: string) => Promise<void>
  /** `<dataDir>/requests`: sealed proofs, collected data and packages. */
  readonly filesDir: string
  readonly publicUrl: string
  readonly masterKey: Buffer
  readonly logger: Logger
  readonly now: () => Date
  readonly options?: Partial<RequestsOptions>
  /** Retention's event clock; without it a hold with no event column counts from the erasure date. */
  readonly eventClock?: HoldEventClock
  /** Staff members' languages, for deadline reminders; without it they go in the shop's first language. */
  readonly staffLanguages?: StaffLanguagePort
  /** Default: the connectors for the plan, opened once and shared. */
  readonly openConnectors?: (plan: DatasetPlan) => Opened & { close(): Promise<void> }
}

export type Actor = { readonly type: 'staff' | 'api-key' | 'requester' | 'system'; readonly id: string }

export interface SubmitInput {
  readonly type: RequestType
  readonly locale: Locale
  readonly email?: string | undefined
  readonly phone?: string | undefined
  readonly channel: VerificationChannel
  readonly country?: string | undefined
  readonly details?: string | undefined
  readonly orderNumber?: string | undefined
  readonly requester: RequesterKind
  readonly agentName?: string | undefined
  readonly proof?: { readonly name: string; readonly contentType: string; readonly data: Buffer } | undefined
}

export type SubmitProblem = 'email' | 'phone' | 'type' | 'proof' | 'agentName' | 'orderNumber' | 'rateLimited'
export type SubmitOutcome =
  | { ok: true; reference: string; token: string; status: RequestStatus }
  | { ok: false; problems: SubmitProblem[] }

export const textIn = (text: Text | undefined, locale: Locale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

/** The person's masked address for staff screens and logs: `s***@example.com`. */
export const maskAddress = (value: string): string => {
  const at = value.indexOf('@')
  if (at > 0) return `${value[0]}***${value.slice(at)}`
  return value.length > 4 ? `***${value.slice(-3)}` : '***'
}

/** No event clock wired: every hold without an event column counts from the erasure date. */
const noEventTimes: HoldEventClock = async () => new Map()

/**
 * The requests feature's use cases over one kit (options, store, keys, sealing, audit): the
 * requester's (submit, codes, status, download) in `service/submit.ts`, `verify.ts` and
 * `requester.ts`, the staff's in `service/staff.ts`, mail and codes in `service/notify.ts`.
 */
export const createRequestsService = (deps: RequestsDeps) => {
  const k = createRequestsKit(deps)
  let opened: (Opened & { close(): Promise<void> }) | undefined
  return {
    options: k.options,
    store: k.store,
    files: k.files,
    deps,
    statusToken: k.statusToken,
    statusLink: k.statusLink,
    deadlineOf: k.deadlineOf,
    verifiedIdentifiers: k.verifiedIdentifiers,
    tell: (row: RequestRow, kind: TellKind, params?: Record<string, string>) => tell(k, row, kind, params),
    audit: k.audit,
    open: k.open,
    shopName: k.shopName,
    /** The one source of when a hold's event happened (package, dry run and erasure alike). */
    eventTimes: deps.eventClock ?? noEventTimes,
    connectors(plan: DatasetPlan) {
      opened ??= (deps.openConnectors ?? ((p) => openConnectors(p, { newId: randomUUID, now: deps.now })))(
        plan,
      )
      return opened
    },
    submit: (input: SubmitInput, meta: SubmitMeta) => submitRequest(k, input, meta),
    resendCode: (reference: string, token: string) => resendCode(k, reference, token),
    verifyCode: (reference: string, token: string, code: string) => verifyCode(k, reference, token, code),
    statusOf: (reference: string, token: string | undefined) => statusOf(k, reference, token),
    issueDownload: (reference: string, token: string) => issueDownload(k, reference, token),
    download: (reference: string, secret: string) => download(k, reference, secret),
    approve: (id: string, actor: Actor, changes?: unknown[]) => approve(k, id, actor, changes),
    verifyProof: (id: string, actor: Actor) => verifyProof(k, id, actor),
    deny: (id: string, actor: Actor, reason: string) => deny(k, id, actor, reason),
    extend: (id: string, actor: Actor, reason: string) => extend(k, id, actor, reason),
    addNote: (id: string, actor: Actor, note: string) => addNote(k, id, actor, note),
    merge: (id: string, actor: Actor, intoReference: string) => merge(k, id, actor, intoReference),
    retry: (id: string, actor: Actor) => retry(k, id, actor),
    completeTask: (id: string, taskId: string, actor: Actor, evidence: string) =>
      completeTask(k, id, taskId, actor, evidence),
    sla: (row: RequestRow, now: Date) => sla(k, row, now),
    async close() {
      await opened?.close()
      opened = undefined
    },
  }
}

export type RequestsService = ReturnType<typeof createRequestsService>
