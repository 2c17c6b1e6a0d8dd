import { isJurisdictionId, type JurisdictionId } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { createMailer, createMailTransport, type Mailer } from '../platform/mail/index.ts'
import { type MaterialChange, manifestHash } from '../policy/index.ts'
import { type AuditPort, noAudit } from './audit-port.ts'
import { type ConsentLedger, createConsentLedger, type RecordOutcome } from './consent-ledger.ts'
import { createDecisions, notCached, purposeRules } from './decisions.ts'
import { type ConsentKeys, deriveConsentKeys, signLinkToken, verifyLinkToken } from './domain/consent-keys.ts'
import type { ConsentRecord, SubjectRef } from './domain/consent-record.ts'
import type { ConsentState } from './domain/consent-state.ts'
import type { Decision, DecisionContext } from './domain/decide.ts'
import type { PurposeRule } from './domain/purpose-rules.ts'
import { receiptBody, signReceipt } from './domain/receipt.ts'
import { marketingMail } from './marketing-mail.ts'
import type { ConsentPorts } from './ports.ts'
import { createStateReader, type StateReader } from './state-reader.ts'
import { getRecords, setRestriction } from './store.ts'

export { notCached }

/** What a caller may tell decide() beyond the state: the domain's context, and the jurisdiction. */
export type DecideContext = DecisionContext & { readonly jurisdiction?: JurisdictionId | undefined }

export interface ConsentDeps {
  /** Default: the app's manifest (ctx.manifest). */
  readonly manifest?: Manifest
  /** Shown on banners and records; default: the manifest's hash (first 16 hex digits). */
  readonly policyVersion?: string
  /** `diffPolicies(previous, manifest)`: purposes whose consent is asked again. Unknown when absent. */
  readonly materialChanges?: readonly MaterialChange[]
  readonly audit?: AuditPort
  /** Default: nodemailer from AMANA_SMTP_URL with the outbox in the database. */
  readonly mailer?: Mailer
  /** Origins (besides AMANA_PUBLIC_URL and the manifest's website; the app passes AMANA_ALLOWED_ORIGINS) allowed to call the public consent API from a browser. */
  readonly allowedOrigins?: readonly string[]
  /** `lastUpdate` in /.well-known/gpc.json; default: the manifest's effective date. */
  readonly gpcLastUpdate?: string
}

export type MarketingSendResult =
  | { ok: true; outboxId: string }
  | { ok: false; reason: Decision['reason'] | 'suppressed' | 'unknown-purpose' }

export interface ConsentService {
  readonly manifest: Manifest
  readonly policyVersion: string
  readonly reaskPurposes: readonly string[] | undefined
  readonly keys: ConsentKeys
  readonly audit: AuditPort
  readonly mailer: Mailer
  readonly allowedOrigins: ReadonlySet<string>
  readonly gpcLastUpdate: string
  readonly homeJurisdiction: JurisdictionId
  record(record: ConsentRecord): Promise<RecordOutcome>
  state(subjectHash: string): Promise<ConsentState>
  rule(purposeId: string, jurisdiction: JurisdictionId): PurposeRule | undefined
  /** decide() for a subject, from the database-backed state (cached only while LISTEN works). */
  decide(subjectHash: string, purposeId: string, context?: DecideContext): Promise<Decision | undefined>
  /**
   * decide() answered synchronously from the state held in memory (no promise, no database), or
   * `notCached` when that state is not in memory: then call decide().
   */
  decideCached(
    subjectHash: string,
    purposeId: string,
    context?: DecideContext,
  ): Decision | undefined | typeof notCached
  receipt(recordId: string): Promise<string | undefined>
  restrict(subject: SubjectRef, purposes: readonly string[] | null, now: Date): Promise<void>
  /**
   * A signed link to the preference page. Several subjects when one person's choices are recorded
   * under more than one (a customer id and an address): the page shows and changes them all.
   */
  preferenceLink(
    subject: SubjectRef | readonly [SubjectRef, ...SubjectRef[]],
    now: Date,
    validDays?: number,
  ): string
  verifyPreferenceToken(token: string, now: Date): ReturnType<typeof verifyLinkToken>
  sendMarketingMail(
    mail: {
      subject: SubjectRef
      to: string
      purpose: string
      subjectLine: string
      text: string
      html?: string
      jurisdiction?: JurisdictionId
    },
    now: Date,
  ): Promise<MarketingSendResult>
  /** One-click unsubscribe (RFC 8058): suppresses at once and records the withdrawal. Idempotent. */
  unsubscribe(token: string, now: Date): Promise<'unsubscribed' | 'unknown-token'>
  close(): Promise<void>
}

/** The origins allowed to call the public consent API from a browser. */
const allowedOriginsOf = (manifest: Manifest, publicUrl: string, extra: readonly string[] = []) => {
  const origins = new Set<string>([new URL(publicUrl).origin])
  if (manifest.organisation.website) origins.add(new URL(manifest.organisation.website).origin)
  for (const o of manifest.websites ?? []) origins.add(new URL(o).origin)
  for (const o of extra) origins.add(new URL(o).origin)
  return origins
}

/** A record's receipt, signed, naming the shop and its privacy contact. */
const signedReceipt = async (ctx: ConsentPorts, manifest: Manifest, keys: ConsentKeys, recordId: string) => {
  const [record] = await getRecords(ctx.database.db, [recordId])
  if (!record) return undefined
  const email = manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts.email
  return signReceipt(
    receiptBody(record, {
      name: manifest.organisation.legalName,
      contact: email,
      url: manifest.organisation.website,
    }),
    keys.receiptKey,
  )
}

/** Signed links to the preference page, and their check. */
const preferenceLinks = (
  keys: ConsentKeys,
  publicUrl: string,
): Pick<ConsentService, 'preferenceLink' | 'verifyPreferenceToken'> => ({
  preferenceLink(subject, now, validDays = 30) {
    const [first, ...rest] = 'kind' in subject ? [subject] : subject
    const h = keys.hashSubject(first)
    const token = signLinkToken(keys.linkKey, 'preferences', {
      h,
      e: Math.floor(now.getTime() / 1000) + validDays * 86_400,
      a: [...new Set(rest.map((s) => keys.hashSubject(s)))].filter((x) => x !== h),
    })
    return `${publicUrl}/privacy/preferences?token=${encodeURIComponent(token)}`
  },
  verifyPreferenceToken: (token, now) => verifyLinkToken(keys.linkKey, 'preferences', token, now),
})

/** Builds the consent feature over the app's database; call close() at shutdown (it holds a LISTEN connection). */
export const createConsentService = async (ctx: ConsentPorts, deps: ConsentDeps): Promise<ConsentService> => {
  const manifest = deps.manifest ?? ctx.manifest.manifest
  const keys = deriveConsentKeys(ctx.config.secrets)
  const reader: StateReader = await createStateReader(ctx.database, ctx.logger)
  // PGlite runs one statement at a time: a second batch in flight would only wait.
  const ledger: ConsentLedger = createConsentLedger(
    ctx.database.db,
    (subjects) => reader.invalidate(subjects),
    { maxInFlight: ctx.database.kind === 'postgres' ? 2 : 1 },
  )
  const home = manifest.jurisdictions.find(isJurisdictionId) ?? 'kw'
  const policyVersion = deps.policyVersion ?? manifestHash(manifest).slice(0, 16)
  const rule = purposeRules(manifest)
  const origins = allowedOriginsOf(manifest, ctx.config.http.publicUrl, deps.allowedOrigins)
  const { decide: decideFor, decideCached } = createDecisions(reader, rule, home)

  const mailer =
    deps.mailer ??
    createMailer({
      database: ctx.database,
      transport: createMailTransport(ctx.config.mail),
      from: ctx.config.mail.from,
      jobs: ctx.jobs,
      hashRecipient: keys.hashRecipient,
      sealKey: keys.outboxKey,
      gate: async ({ subjectHash, purpose }) => {
        if (!subjectHash || !purpose) return false
        return (await decideFor(subjectHash, purpose, { channel: 'email' }))?.allow === true
      },
    })

  const service: ConsentService = {
    manifest,
    policyVersion,
    reaskPurposes: deps.materialChanges
      ? [...new Set(deps.materialChanges.flatMap((c) => c.purposes))]
      : undefined,
    keys,
    audit: deps.audit ?? noAudit,
    mailer,
    allowedOrigins: origins,
    gpcLastUpdate: deps.gpcLastUpdate ?? manifest.organisation.effectiveDate,
    homeJurisdiction: home,
    record: (record) => ledger.record(record),
    state: (subjectHash) => reader.read(subjectHash),
    rule,
    decide: decideFor,
    decideCached,
    receipt: (recordId) => signedReceipt(ctx, manifest, keys, recordId),
    async restrict(subject, purposes, now) {
      const hash = keys.hashSubject(subject)
      await setRestriction(ctx.database.db, hash, purposes, now)
      reader.invalidate([hash])
    },
    ...preferenceLinks(keys, ctx.config.http.publicUrl),
    ...marketingMail({
      keys,
      mailer,
      ledger,
      reader,
      decide: decideFor,
      publicUrl: ctx.config.http.publicUrl,
      from: ctx.config.mail.from,
      policyVersion,
      home,
    }),
    async close() {
      await reader.close()
    },
  }
  return service
}
