import { createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { type Locale, tr } from '@amana/web'
import type { Kysely } from 'kysely'
import { type DatasetPlan, type Opened, openConnectors, type SubjectIdentifier } from '../connectors/index.ts'
import type { JurisdictionPack } from '../jurisdictions/index.ts'
import type { Manifest, Text } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import {
  checkExtension,
  deadlineStatus,
  packsForRequester,
  type RequestDeadline,
  requestDeadline,
} from './domain/deadlines.ts'
import { newReference } from './domain/reference.ts'
import { isFinal, type RequestStatus } from './domain/request-state.ts'
import {
  type RequesterKind,
  type RequestType,
  requestTypes,
  type VerificationChannel,
} from './domain/request-types.ts'
import { CODE_TTL_MS, type CodeCheck, checkCode, hashCode, newCode } from './domain/verification-code.ts'
import type { PlanIssue } from './plan-from-manifest.ts'
import type {
  MessageProvider,
  RequestAuditPort,
  RequestMailPort,
  RequestVaultPort,
  RestrictionPort,
} from './ports.ts'
import { createSealedFiles, type SealedFiles } from './sealed-files.ts'
import { type RequestRow, type RequestStore, requestStore } from './store.ts'

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

const derive = (key: Buffer, info: string) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.from('amana-requests'), Buffer.from(info), 32))
const sha = (value: string) => createHash('sha256').update(value).digest('base64url')

export const textIn = (text: Text | undefined, locale: Locale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

/** The person's masked address for staff screens and logs: `s***@example.com`. */
export const maskAddress = (value: string): string => {
  const at = value.indexOf('@')
  if (at > 0) return `${value[0]}***${value.slice(at)}`
  return value.length > 4 ? `***${value.slice(-3)}` : '***'
}

const isEmail = (v: string) => /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(v) && v.length <= 254
const isPhone = (v: string) => /^\+?[0-9 ()-]{6,20}$/.test(v)

export const createRequestsService = (deps: RequestsDeps) => {
  const options: RequestsOptions = { ...defaultRequestsOptions, ...deps.options }
  const store: RequestStore = requestStore(deps.db)
  const keys = {
    code: derive(deps.masterKey, 'code/v1'),
    token: derive(deps.masterKey, 'status-token/v1'),
    ip: derive(deps.masterKey, 'ip/v1'),
  }
  const files: SealedFiles = createSealedFiles(deps.filesDir, deps.vault)
  const shopName = (locale: Locale) =>
    textIn(deps.manifest.organisation.tradingName, locale) ?? deps.manifest.organisation.legalName
  const commitmentDays = deps.manifest.commitments?.requestDeadlineDays
  let opened: (Opened & { close(): Promise<void> }) | undefined

  const statusToken = (id: string) =>
    createHmac('sha256', keys.token).update(`status:${id}`).digest('base64url').slice(0, 32)
  const tokenMatches = (row: RequestRow, token: string | undefined) => {
    if (!token) return false
    const a = Buffer.from(statusToken(row.id))
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
  const statusLink = (row: Pick<RequestRow, 'id' | 'reference' | 'locale'>) =>
    `${deps.publicUrl}/privacy/requests/${row.reference}?token=${statusToken(row.id)}&lang=${row.locale}`

  const audit = async (
    action: string,
    actor: Actor,
    requestId: string,
    details: Record<string, string | number | boolean | null> = {},
  ) => {
    await deps.audit.append({ action: `request.${action}`, actor, subject: requestId, details })
  }

  const field = (row: Pick<RequestRow, 'id'>, name: string) => ({
    record: `dsr_request:${row.id}`,
    field: name,
  })
  const seal = (row: { id: string; subject_id: string }, name: string, value: string | undefined) =>
    value === undefined || value === ''
      ? Promise.resolve(null)
      : deps.vault.encrypt(row.subject_id, field(row, name), value)
  const open = async (row: RequestRow, name: string, value: string | null): Promise<string | undefined> => {
    if (value === null) return undefined
    try {
      return await deps.vault.decrypt(row.subject_id, field(row, name), value)
    } catch {
      return undefined
    }
  }

  /** Only what the requester proved control of is used to find their data. */
  const verifiedIdentifiers = async (row: RequestRow): Promise<SubjectIdentifier[]> => {
    const ids: SubjectIdentifier[] = []
    const customerId = await open(row, 'customer_id', row.customer_id_enc)
    if (customerId) ids.push({ kind: 'customer_id', value: customerId })
    if (row.channel === 'email' || row.channel === 'shop-session') {
      const email = await open(row, 'email', row.email_enc)
      if (email) ids.push({ kind: 'email', value: email })
    }
    if (
      row.channel === 'sms' ||
      row.channel === 'whatsapp' ||
      (row.channel === 'shop-session' && row.verification === 'shop-session')
    ) {
      const phone = await open(row, 'phone', row.phone_enc)
      if (phone && row.channel !== 'shop-session') ids.push({ kind: 'phone', value: phone })
    }
    return ids
  }

  const deadlineOf = (row: Pick<RequestRow, 'received_at' | 'type' | 'country'>): RequestDeadline =>
    requestDeadline({
      receivedAt: row.received_at,
      type: row.type as RequestType,
      packs: packsForRequester(deps.packs, deps.manifest.organisation.homeCountry, row.country ?? undefined),
      commitmentDays,
    })

  /** Emails (or SMS) the requester in their language; never a code or personal data in a log. */
  const tell = async (
    row: RequestRow,
    kind: 'received' | 'review' | 'extended' | 'completed' | 'completed-held' | 'ready' | 'denied',
    params: Record<string, string> = {},
  ) => {
    const locale = row.locale as Locale
    const to = await open(row, 'email', row.email_enc)
    if (!to) return
    const common = {
      reference: row.reference,
      link: statusLink(row),
      shop: shopName(locale),
      type: tr(locale, `req.type.${row.type}` as never),
      ...params,
    }
    const subjectKey =
      kind === 'ready' || kind === 'completed-held'
        ? 'mail.completed.subject'
        : (`mail.${kind}.subject` as const)
    const bodyKey = `mail.${kind}.body` as const
    await deps.mail.enqueue(
      {
        kind: 'transactional',
        to,
        subject: tr(locale, subjectKey, common),
        text: tr(locale, bodyKey, common),
      },
      deps.now(),
    )
    await store.addEvent(deps.db, row.id, deps.now(), {
      actor: { type: 'system', id: 'requests' },
      kind: 'email',
      details: { message: kind },
    })
  }

  const sendCode = async (row: RequestRow, now: Date): Promise<'sent' | 'rateLimited'> => {
    const destination = row.channel === 'email' ? row.email_index : row.phone_index
    if (
      !destination ||
      !(await store.hit(`code:${destination}`, now, 3_600_000, options.codeSendsPerAddressPerHour))
    )
      return 'rateLimited'
    const code = newCode()
    await store.saveCode({
      requestId: row.id,
      codeHash: hashCode(keys.code, row.id, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      sentAt: now,
    })
    const locale = row.locale as Locale
    const params = { code, reference: row.reference, shop: shopName(locale) }
    if (row.channel === 'email') {
      const to = await open(row, 'email', row.email_enc)
      if (to)
        await deps.mail.enqueue(
          {
            kind: 'transactional',
            to,
            subject: tr(locale, 'mail.code.subject', params),
            text: tr(locale, 'mail.code.body', params),
          },
          now,
        )
    } else {
      const to = await open(row, 'phone', row.phone_enc)
      if (to && deps.messages)
        await deps.messages.send({
          channel: row.channel as 'sms' | 'whatsapp',
          to,
          text: tr(locale, 'mail.code.body', params),
        })
    }
    await store.addEvent(deps.db, row.id, now, {
      actor: { type: 'system', id: 'requests' },
      kind: 'code-sent',
      details: { channel: row.channel },
    })
    await audit('code-sent', { type: 'system', id: 'requests' }, row.id, { channel: row.channel })
    return 'sent'
  }

  /** After verification: straight to the queue, or to staff for approval. */
  const afterVerified = async (row: RequestRow, actor: Actor) => {
    const locale = row.locale as Locale
    const deadline = row.extended_due_at ?? row.due_at
    await tell(row, 'received', {
      date: deadline.toISOString().slice(0, 10),
      type: tr(locale, `req.type.${row.type}` as never),
    })
    if (!row.needs_approval) await approve(row.id, actor)
  }

  const approve = async (id: string, actor: Actor, changes?: unknown[]) => {
    const now = deps.now()
    const moved = await store.move(
      id,
      ['verified'],
      'in-progress',
      now,
      { actor, kind: 'approved' },
      changes ? { changes: JSON.stringify(changes) } : {},
    )
    if (!moved) return false
    await audit('approved', actor, id, { type: moved.type })
    await deps.enqueueExecution?.(id)
    return true
  }

  const service = {
    options,
    store,
    files,
    deps,
    statusToken,
    statusLink,
    deadlineOf,
    verifiedIdentifiers,
    tell,
    audit,
    open,
    shopName,
    connectors(plan: DatasetPlan) {
      opened ??= (deps.openConnectors ?? ((p) => openConnectors(p, { newId: randomUUID, now: deps.now })))(
        plan,
      )
      return opened
    },

    async submit(
      input: SubmitInput,
      meta: {
        ip: string
        shopIdentity?: { email?: string; phone?: string; customerId?: string } | undefined
      },
    ): Promise<SubmitOutcome> {
      const now = deps.now()
      const problems: SubmitProblem[] = []
      const email = (meta.shopIdentity?.email ?? input.email)?.trim().toLowerCase() || undefined
      const phone = (meta.shopIdentity?.phone ?? input.phone)?.replace(/[\s()-]/g, '') || undefined
      if (!options.types.includes(input.type)) problems.push('type')
      if (!meta.shopIdentity && (!email || !isEmail(email))) problems.push('email')
      if (input.channel !== 'email' && !meta.shopIdentity && (!phone || !isPhone(phone) || !deps.messages))
        problems.push('phone')
      if (input.requester !== 'self') {
        if (!input.agentName?.trim()) problems.push('agentName')
        if (!input.proof) problems.push('proof')
      }
      if (options.orderNumberFor.includes(input.type) && !meta.shopIdentity && !input.orderNumber?.trim())
        problems.push('orderNumber')
      if (problems.length > 0) return { ok: false, problems }
      const ipHash = createHmac('sha256', keys.ip).update(meta.ip).digest('base64url')
      if (!(await store.hit(`ip:${ipHash}`, now, 3_600_000, options.submissionsPerIpPerHour)))
        return { ok: false, problems: ['rateLimited'] }

      const id = randomUUID()
      const subject = { id, subject_id: `dsr:${id}` }
      const country = input.country && /^[A-Z]{2}$/.test(input.country) ? input.country : null
      const packs = packsForRequester(
        deps.packs,
        deps.manifest.organisation.homeCountry,
        country ?? undefined,
      )
      const deadline = requestDeadline({ receivedAt: now, type: input.type, packs, commitmentDays })
      const signedIn = meta.shopIdentity !== undefined
      const needsStaff = input.requester !== 'self'
      const channel = signedIn ? 'shop-session' : input.channel
      const row = await store.insertRequest({
        id,
        reference: newReference(),
        type: input.type,
        status: 'received',
        locale: input.locale,
        country,
        jurisdictions: JSON.stringify(packs.map((p) => p.id)),
        subject_id: subject.subject_id,
        email_enc: await seal(subject, 'email', email),
        email_index: email ? deps.vault.blindIndex('email', email) : null,
        phone_enc: await seal(subject, 'phone', phone),
        phone_index: phone ? deps.vault.blindIndex('phone', phone) : null,
        customer_id_enc: await seal(subject, 'customer_id', meta.shopIdentity?.customerId),
        details_enc: await seal(subject, 'details', input.details?.trim().slice(0, 4000)),
        order_number_enc: await seal(subject, 'order_number', input.orderNumber?.trim().slice(0, 64)),
        agent_name_enc: await seal(subject, 'agent_name', input.agentName?.trim().slice(0, 200)),
        channel,
        requester_kind: input.requester,
        verification: null,
        needs_approval: !options.autoApprove.includes(input.type),
        status_token_hash: sha(statusToken(id)),
        ip_hash: ipHash,
        received_at: now,
        due_at: deadline.dueAt,
        deadline_source: deadline.source,
        max_extended_due_at: deadline.maxExtendedDueAt,
        updated_at: now,
      })
      const requester: Actor = { type: 'requester', id: row.reference }
      await store.addEvent(deps.db, id, now, {
        actor: requester,
        kind: 'received',
        to: 'received',
        details: { type: input.type, requester: input.requester, deadline: deadline.source },
      })
      await audit('received', requester, id, {
        type: input.type,
        requester: input.requester,
        deadlineSource: deadline.source,
        dueAt: deadline.dueAt.toISOString(),
      })
      if (input.proof) {
        const fileId = randomUUID()
        const { keyEnc } = await files.put(subject.subject_id, fileId, input.proof.data)
        await store.addFile({
          id: fileId,
          request_id: id,
          kind: 'proof',
          name: input.proof.name || 'proof',
          content_type: input.proof.contentType,
          size: input.proof.data.length,
          key_enc: keyEnc,
          created_at: now,
        })
      }
      const duplicates =
        email && row.email_index ? await store.openDuplicates(row.email_index, id, input.type) : []
      if (duplicates.length > 0)
        await store.addEvent(deps.db, id, now, {
          actor: { type: 'system', id: 'requests' },
          kind: 'possible-duplicate',
          details: { of: duplicates.map((d) => d.reference) },
        })

      let status: RequestStatus
      if (signedIn) {
        const moved = await store.move(
          id,
          ['received'],
          needsStaff ? 'awaiting-staff' : 'verified',
          now,
          { actor: requester, kind: 'verified', details: { method: 'shop-session' } },
          { verification: 'shop-session', verified_at: now },
        )
        status = moved?.status as RequestStatus
        await audit('verified', requester, id, { method: 'shop-session' })
        if (moved && !needsStaff) await afterVerified(moved, requester)
      } else {
        const moved = await store.move(id, ['received'], 'verifying', now, {
          actor: requester,
          kind: 'verification-started',
          details: { channel },
        })
        status = 'verifying'
        if (moved) await sendCode(moved, now)
      }
      return {
        ok: true,
        reference: row.reference,
        token: statusToken(id),
        status: ((await store.byId(id))?.status as RequestStatus) ?? status,
      }
    },

    async resendCode(
      reference: string,
      token: string,
    ): Promise<'sent' | 'rateLimited' | 'not-found' | 'not-verifying'> {
      const row = await store.byReference(reference)
      if (!row || !tokenMatches(row, token)) return 'not-found'
      if (row.status !== 'verifying') return 'not-verifying'
      return sendCode(row, deps.now())
    },

    async verifyCode(
      reference: string,
      token: string,
      code: string,
    ): Promise<CodeCheck | { ok: false; reason: 'not-found' | 'not-verifying'; attemptsLeft: 0 }> {
      const now = deps.now()
      const row = await store.byReference(reference)
      if (!row || !tokenMatches(row, token)) return { ok: false, reason: 'not-found', attemptsLeft: 0 }
      if (row.status !== 'verifying') return { ok: false, reason: 'not-verifying', attemptsLeft: 0 }
      const result = await store.checkCode(row.id, (stored) =>
        checkCode(
          stored
            ? { hash: stored.code_hash, expiresAt: stored.expires_at, attempts: stored.attempts }
            : undefined,
          code.trim(),
          hashCode(keys.code, row.id, code.trim()),
          now,
        ),
      )
      const requester: Actor = { type: 'requester', id: row.reference }
      if (!result.ok) {
        await store.addEvent(deps.db, row.id, now, {
          actor: requester,
          kind: 'code-refused',
          details: { reason: result.reason },
        })
        await audit('code-refused', requester, row.id, { reason: result.reason })
        return result
      }
      const needsStaff = row.requester_kind !== 'self'
      const moved = await store.move(
        row.id,
        ['verifying'],
        needsStaff ? 'awaiting-staff' : 'verified',
        now,
        { actor: requester, kind: 'verified', details: { method: `${row.channel}-code` } },
        { verification: `${row.channel}-code`, verified_at: now },
      )
      if (moved) {
        await audit('verified', requester, row.id, { method: `${row.channel}-code` })
        if (needsStaff) await tell(moved, 'review')
        else await afterVerified(moved, requester)
      }
      return result
    },

    /** What the requester's status page shows; undefined for a wrong reference or token. */
    async statusOf(reference: string, token: string | undefined) {
      const row = await store.byReference(reference)
      if (!row || !tokenMatches(row, token)) return undefined
      const merged = row.merged_into ? await store.byId(row.merged_into) : undefined
      const pkg = await store.fileOf(row.id, 'package')
      const now = deps.now()
      const destination =
        row.status === 'verifying'
          ? maskAddress(
              (await open(
                row,
                row.channel === 'email' ? 'email' : 'phone',
                row.channel === 'email' ? row.email_enc : row.phone_enc,
              )) ?? '',
            )
          : undefined
      return {
        row,
        mergedInto: merged?.reference,
        destination,
        download:
          row.status === 'completed' &&
          (row.type === 'access' || row.type === 'portability' || row.type === 'know')
            ? pkg && pkg.expires_at && pkg.expires_at > now
              ? ({ kind: 'available', until: pkg.expires_at } as const)
              : ({ kind: 'gone' } as const)
            : undefined,
      }
    },

    /** A one-time link to the package, for the holder of the status token; expires in minutes. */
    async issueDownload(reference: string, token: string): Promise<string | undefined> {
      const now = deps.now()
      const row = await store.byReference(reference)
      if (!row || !tokenMatches(row, token) || row.status !== 'completed') return undefined
      const pkg = await store.fileOf(row.id, 'package')
      if (!pkg || !pkg.expires_at || pkg.expires_at <= now) return undefined
      const secret = randomBytes(24).toString('base64url')
      await store.addDownload({
        tokenHash: sha(secret),
        requestId: row.id,
        fileId: pkg.id,
        expiresAt: new Date(now.getTime() + options.downloadMinutes * 60_000),
      })
      await store.addEvent(deps.db, row.id, now, {
        actor: { type: 'requester', id: row.reference },
        kind: 'download-link',
      })
      return secret
    },

    /** Serves the package once per link. */
    async download(reference: string, secret: string): Promise<{ name: string; bytes: Buffer } | undefined> {
      const now = deps.now()
      const row = await store.byReference(reference)
      if (!row || !/^[A-Za-z0-9_-]{32}$/.test(secret)) return undefined
      const link = await store.useDownload(sha(secret), row.id, now)
      if (!link) return undefined
      const file = await store.fileById(link.file_id)
      if (!file) return undefined
      const bytes = await files.get(row.subject_id, file.id, file.key_enc)
      const requester: Actor = { type: 'requester', id: row.reference }
      await store.addEvent(deps.db, row.id, now, {
        actor: requester,
        kind: 'downloaded',
        details: { bytes: bytes.length },
      })
      await audit('downloaded', requester, row.id, { bytes: bytes.length })
      return { name: `${row.reference}.zip`, bytes }
    },

    approve,

    /** Staff accept an agent's or guardian's proof of authority (before anything has run). */
    async verifyProof(id: string, actor: Actor) {
      const now = deps.now()
      if (await store.hasStep(id)) return false
      const moved = await store.move(
        id,
        ['awaiting-staff'],
        'verified',
        now,
        { actor, kind: 'proof-accepted' },
        { verified_at: now },
      )
      if (!moved) return false
      await audit('proof-accepted', actor, id)
      await afterVerified(moved, actor)
      return true
    },

    async deny(id: string, actor: Actor, reason: string) {
      const now = deps.now()
      if (reason.trim().length < 5) return false
      const moved = await store.move(
        id,
        ['received', 'verifying', 'awaiting-staff', 'verified', 'in-progress'],
        'denied',
        now,
        { actor, kind: 'denied', details: { reason } },
        { denial_reason: reason.trim(), completed_at: now, lease_owner: null, lease_until: null },
      )
      if (!moved) return false
      await audit('denied', actor, id, { type: moved.type })
      await tell(moved, 'denied', { reason: reason.trim() })
      return true
    },

    async extend(id: string, actor: Actor, reason: string) {
      const now = deps.now()
      const row = await store.byId(id)
      if (!row || isFinal(row.status as RequestStatus) || row.extended_due_at)
        return { ok: false as const, reason: 'this request cannot be extended (closed or already extended)' }
      const check = checkExtension(deadlineOf(row), reason)
      if (!check.ok) return check
      await store.note(
        id,
        now,
        { actor, kind: 'extended', details: { dueAt: check.dueAt.toISOString(), reason } },
        { extended_due_at: check.dueAt, extension_reason: reason.trim() },
      )
      await audit('extended', actor, id, { dueAt: check.dueAt.toISOString() })
      const updated = await store.byId(id)
      if (updated)
        await tell(updated, 'extended', {
          date: check.dueAt.toISOString().slice(0, 10),
          reason: reason.trim(),
        })
      return check
    },

    async addNote(id: string, actor: Actor, note: string) {
      if (!note.trim()) return
      await store.note(id, deps.now(), { actor, kind: 'note', details: { note: note.trim().slice(0, 2000) } })
      await audit('note', actor, id)
    },

    /** Closes a duplicate in favour of `intoReference` (same person, checked by blind index). */
    async merge(id: string, actor: Actor, intoReference: string) {
      const now = deps.now()
      const [row, into] = [await store.byId(id), await store.byReference(intoReference)]
      if (!row || !into || into.id === id || isFinal(into.status as RequestStatus))
        return { ok: false as const, reason: 'choose an open request to keep' }
      if (row.email_index === null || row.email_index !== into.email_index)
        return { ok: false as const, reason: 'only requests from the same address can be merged' }
      const moved = await store.move(
        id,
        ['verifying', 'awaiting-staff', 'verified'],
        'merged',
        now,
        { actor, kind: 'merged', details: { into: into.reference } },
        { merged_into: into.id, completed_at: now },
      )
      if (!moved) return { ok: false as const, reason: 'only a request not yet running can be merged' }
      await store.addEvent(deps.db, into.id, now, {
        actor,
        kind: 'merged-in',
        details: { from: row.reference },
      })
      await audit('merged', actor, id, { into: into.reference })
      return { ok: true as const }
    },

    /** Staff retry a failed execution now (the job's own retries may have run out). */
    async retry(id: string, actor: Actor) {
      const row = await store.byId(id)
      if (!row || (row.status !== 'in-progress' && row.status !== 'awaiting-staff')) return false
      if (row.status === 'awaiting-staff') {
        // Waiting after a step that failed for good (not a review or a task): it runs again.
        if (!(await store.hasStep(id, 'failed'))) return false
        await store.move(id, ['awaiting-staff'], 'in-progress', deps.now(), { actor, kind: 'resumed' })
      }
      await store.note(id, deps.now(), { actor, kind: 'retry' }, { lease_until: null, lease_owner: null })
      await audit('retry', actor, id)
      await deps.enqueueExecution?.(id)
      return true
    },

    async completeTask(id: string, taskId: string, actor: Actor, evidence: string) {
      const now = deps.now()
      if (evidence.trim().length < 3) return false
      const done = await store.completeTask(id, taskId, {
        evidence: evidence.trim().slice(0, 2000),
        by: `${actor.type}:${actor.id}`,
        at: now,
      })
      if (!done) return false
      await store.addEvent(deps.db, id, now, { actor, kind: 'task-done', details: { task: done.title } })
      await audit('task-done', actor, id)
      if (!(await store.hasOpenTask(id))) {
        const moved = await store.move(id, ['awaiting-staff'], 'in-progress', now, { actor, kind: 'resumed' })
        if (moved) await deps.enqueueExecution?.(id)
      }
      return true
    },

    /** SLA countdown against the effective (possibly extended) due date. */
    sla(row: RequestRow, now: Date) {
      if (isFinal(row.status as RequestStatus)) return { kind: 'closed' as const, days: 0 }
      const s = deadlineStatus(row.extended_due_at ?? row.due_at, now, options.reminderDays)
      return s.kind === 'overdue'
        ? { kind: 'overdue' as const, days: s.daysOver }
        : { kind: s.kind, days: s.daysLeft }
    },

    async close() {
      await opened?.close()
      opened = undefined
    },
  }
  return service
}

export type RequestsService = ReturnType<typeof createRequestsService>
