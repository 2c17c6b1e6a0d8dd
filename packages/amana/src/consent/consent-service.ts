import { createHash } from 'node:crypto'
import { isJurisdictionId, type JurisdictionId } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { createMailer, createMailTransport, type Mailer } from '../platform/mail/index.ts'
import { type MaterialChange, manifestHash } from '../policy/index.ts'
import { type AuditPort, noAudit } from './audit-port.ts'
import { type ConsentLedger, createConsentLedger, type RecordOutcome } from './consent-ledger.ts'
import { type ConsentKeys, deriveConsentKeys, signLinkToken, verifyLinkToken } from './domain/consent-keys.ts'
import type { Channel, ConsentRecord, SubjectRef } from './domain/consent-record.ts'
import type { ConsentState } from './domain/consent-state.ts'
import { type Decision, type DecisionContext, decide } from './domain/decide.ts'
import { type PurposeRule, purposeRule } from './domain/purpose-rules.ts'
import { receiptBody, signReceipt } from './domain/receipt.ts'
import type { ConsentPorts } from './ports.ts'
import { createStateReader, type StateReader } from './state-reader.ts'
import { getRecords, setRestriction } from './store.ts'

/** decideCached()'s answer when the subject's state is not in memory. */
export const notCached = Symbol('not cached')

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
  preferenceLink(subject: SubjectRef, now: Date, validDays?: number): string
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

const uuidFrom = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

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
  // Rules of the manifest's purposes, built once per jurisdiction. An unknown purpose id is not
  // kept: callers choose the ids they send, and a map of every id ever asked for would only grow.
  const rules = new Map<JurisdictionId, Map<string, PurposeRule>>()
  const rule = (purposeId: string, jurisdiction: JurisdictionId) => {
    let byPurpose = rules.get(jurisdiction)
    if (!byPurpose) {
      byPurpose = new Map()
      rules.set(jurisdiction, byPurpose)
    }
    let found = byPurpose.get(purposeId)
    if (!found) {
      found = purposeRule(manifest, purposeId, jurisdiction)
      if (found) byPurpose.set(purposeId, found)
    }
    return found
  }
  const origins = new Set<string>([new URL(ctx.config.http.publicUrl).origin])
  if (manifest.organisation.website) origins.add(new URL(manifest.organisation.website).origin)
  for (const o of manifest.websites ?? []) origins.add(new URL(o).origin)
  for (const o of deps.allowedOrigins ?? []) origins.add(new URL(o).origin)

  const ruleFor = (state: ConsentState, purposeId: string, context: DecideContext) =>
    rule(
      purposeId,
      context.jurisdiction ??
        (state.jurisdiction && isJurisdictionId(state.jurisdiction) ? state.jurisdiction : home),
    )
  const decideFor: ConsentService['decide'] = async (subjectHash, purposeId, context = {}) => {
    const state = await reader.read(subjectHash)
    const r = ruleFor(state, purposeId, context)
    return r ? decide(state, r, context) : undefined
  }
  // A cached state is replaced, never changed, when its subject's consent changes, so the answers
  // already given for it hold for as long as the reader keeps it. Each is kept under a small slot
  // number per rule (purpose and jurisdiction), channel and the child and GPC flags: a repeated
  // question reads one array slot instead of the state's restriction list and choice entries,
  // which for many subjects in rotation are rarely in the processor's cache.
  const answered = new WeakMap<ConsentState, (Decision | undefined)[]>()
  const slots = new Map<PurposeRule, Map<string, number>>()
  let nextSlot = 0
  const slotOf = (r: PurposeRule, context: DecideContext) => {
    let byChannel = slots.get(r)
    if (!byChannel) {
      byChannel = new Map()
      slots.set(r, byChannel)
    }
    let base = byChannel.get(context.channel ?? '')
    if (base === undefined) {
      base = nextSlot
      nextSlot += 4
      byChannel.set(context.channel ?? '', base)
    }
    return base + (context.child === true ? 1 : 0) + (context.gpc === true ? 2 : 0)
  }
  const decideCached: ConsentService['decideCached'] = (subjectHash, purposeId, context = {}) => {
    const state = reader.peek(subjectHash)
    if (!state) return notCached
    const r = ruleFor(state, purposeId, context)
    if (!r) return undefined
    const slot = slotOf(r, context)
    let known = answered.get(state)
    if (!known) {
      known = []
      answered.set(state, known)
    }
    let decision = known[slot]
    if (!decision) {
      decision = decide(state, r, context)
      known[slot] = decision
    }
    return decision
  }

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
    async receipt(recordId) {
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
    },
    async restrict(subject, purposes, now) {
      const hash = keys.hashSubject(subject)
      await setRestriction(ctx.database.db, hash, purposes, now)
      reader.invalidate([hash])
    },
    preferenceLink(subject, now, validDays = 30) {
      const token = signLinkToken(keys.linkKey, 'preferences', {
        h: keys.hashSubject(subject),
        e: Math.floor(now.getTime() / 1000) + validDays * 86_400,
      })
      return `${ctx.config.http.publicUrl}/privacy/preferences?token=${encodeURIComponent(token)}`
    },
    verifyPreferenceToken: (token, now) => verifyLinkToken(keys.linkKey, 'preferences', token, now),
    async sendMarketingMail(mail, now) {
      const subjectHash = keys.hashSubject(mail.subject)
      const decision = await decideFor(subjectHash, mail.purpose, {
        channel: 'email',
        ...(mail.jurisdiction ? { jurisdiction: mail.jurisdiction } : {}),
      })
      if (!decision) return { ok: false, reason: 'unknown-purpose' }
      if (!decision.allow) return { ok: false, reason: decision.reason }
      const recipientHash = keys.hashRecipient(mail.to)
      if (await mailer.isSuppressed(recipientHash, mail.purpose)) return { ok: false, reason: 'suppressed' }
      const token = await mailer.issueUnsubscribeToken(
        { recipientHash, subjectHash, list: mail.purpose },
        now,
      )
      const mailto = ctx.config.mail.from.replace(/^.*<|>.*$/g, '')
      // Every marketing mail carries the link in its body too: where the sender wrote
      // {unsubscribe}, or on a line of its own at the end.
      const link = `${ctx.config.http.publicUrl}/v1/unsubscribe/${token}`
      const withLink = (body: string, encode: (s: string) => string, end: string) =>
        body.includes('{unsubscribe}') ? body.replaceAll('{unsubscribe}', encode(link)) : `${body}${end}`
      const outboxId = await mailer.enqueue(
        {
          kind: 'marketing',
          to: mail.to,
          subject: mail.subjectLine,
          text: withLink(mail.text, (s) => s, `\n\n${link}\n`),
          ...(mail.html
            ? {
                html: withLink(
                  mail.html,
                  (s) => s.replaceAll('&', '&amp;'),
                  `<p><a href="${link}">${link}</a></p>`,
                ),
              }
            : {}),
          purpose: mail.purpose,
          subjectHash,
          headers: {
            // RFC 8058: an HTTPS URI with an opaque token, plus mailto for older clients.
            'List-Unsubscribe': `<${ctx.config.http.publicUrl}/v1/unsubscribe/${token}>, <mailto:${mailto}?subject=unsubscribe%20${token}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        },
        now,
      )
      return { ok: true, outboxId }
    },
    async unsubscribe(token, now) {
      const redeemed = await mailer.redeemUnsubscribeToken(token, now)
      if (!redeemed) return 'unknown-token'
      if (redeemed.subjectHash) {
        // The record id is derived from the token, so every repeat of the POST (mail clients retry,
        // or a crash came between suppression and ledger) lands on the same record: recorded once.
        await ledger.record({
          id: uuidFrom(`unsubscribe:${token}`),
          subjectHash: redeemed.subjectHash,
          subjectKind: 'account',
          method: 'email-unsubscribe',
          items: [
            { target: 'purpose', id: redeemed.list, channel: 'email' satisfies Channel, granted: false },
          ],
          policyVersion,
          notice: 'email:list-unsubscribe',
          locale: 'und',
          jurisdiction: (await reader.read(redeemed.subjectHash)).jurisdiction ?? home,
          source: 'mail',
          gpc: false,
          conflict: false,
          child: false,
          recordedAt: now,
        })
      }
      return 'unsubscribed'
    },
    async close() {
      await reader.close()
    },
  }
  return service
}
