import { createHmac, randomUUID } from 'node:crypto'
import { packsForRequester, type RequestDeadline, requestDeadline } from '../domain/deadlines.ts'
import { newReference } from '../domain/reference.ts'
import type { RequestStatus } from '../domain/request-state.ts'
import type { Actor, SubmitInput, SubmitOutcome, SubmitProblem } from '../requests-service.ts'
import type { RequestRow } from '../store.ts'
import { type RequestsKit, sha } from './kit.ts'
import { afterVerified, sendCode } from './notify.ts'

const isEmail = (v: string) => /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(v) && v.length <= 254
const isPhone = (v: string) => /^\+?[0-9 ()-]{6,20}$/.test(v)

export type SubmitMeta = {
  ip: string
  shopIdentity?: { email?: string; phone?: string; customerId?: string } | undefined
}

type Contact = { email: string | undefined; phone: string | undefined }

/** Which fields are missing or malformed, named for the form. */
const problemsOf = (k: RequestsKit, input: SubmitInput, meta: SubmitMeta, c: Contact): SubmitProblem[] => {
  const { options } = k
  const problems: SubmitProblem[] = []
  if (!options.types.includes(input.type)) problems.push('type')
  if (!meta.shopIdentity && (!c.email || !isEmail(c.email))) problems.push('email')
  if (input.channel !== 'email' && !meta.shopIdentity && (!c.phone || !isPhone(c.phone) || !k.deps.messages))
    problems.push('phone')
  if (input.requester !== 'self') {
    if (!input.agentName?.trim()) problems.push('agentName')
    if (!input.proof) problems.push('proof')
  }
  if (options.orderNumberFor.includes(input.type) && !meta.shopIdentity && !input.orderNumber?.trim())
    problems.push('orderNumber')
  return problems
}

/** The new request's row: every field the requester gave sealed, its deadline from the laws that apply. */
const insertNew = async (
  k: RequestsKit,
  input: SubmitInput,
  meta: SubmitMeta,
  c: Contact,
  at: { now: Date; ipHash: string },
): Promise<{ row: RequestRow; deadline: RequestDeadline }> => {
  const { deps } = k
  const { now } = at
  const id = randomUUID()
  const subject = { id, subject_id: `dsr:${id}` }
  const country = input.country && /^[A-Z]{2}$/.test(input.country) ? input.country : null
  const packs = packsForRequester(deps.packs, deps.manifest.organisation.homeCountry, country ?? undefined)
  const deadline = requestDeadline({
    receivedAt: now,
    type: input.type,
    packs,
    commitmentDays: k.commitmentDays,
  })
  const row = await k.store.insertRequest({
    id,
    reference: newReference(),
    type: input.type,
    status: 'received',
    locale: input.locale,
    country,
    jurisdictions: JSON.stringify(packs.map((p) => p.id)),
    subject_id: subject.subject_id,
    email_enc: await k.seal(subject, 'email', c.email),
    email_index: c.email ? deps.vault.blindIndex('email', c.email) : null,
    phone_enc: await k.seal(subject, 'phone', c.phone),
    phone_index: c.phone ? deps.vault.blindIndex('phone', c.phone) : null,
    customer_id_enc: await k.seal(subject, 'customer_id', meta.shopIdentity?.customerId),
    details_enc: await k.seal(subject, 'details', input.details?.trim().slice(0, 4000)),
    order_number_enc: await k.seal(subject, 'order_number', input.orderNumber?.trim().slice(0, 64)),
    agent_name_enc: await k.seal(subject, 'agent_name', input.agentName?.trim().slice(0, 200)),
    channel: meta.shopIdentity !== undefined ? 'shop-session' : input.channel,
    requester_kind: input.requester,
    verification: null,
    needs_approval: !k.options.autoApprove.includes(input.type),
    status_token_hash: sha(k.statusToken(id)),
    ip_hash: at.ipHash,
    received_at: now,
    due_at: deadline.dueAt,
    deadline_source: deadline.source,
    max_extended_due_at: deadline.maxExtendedDueAt,
    updated_at: now,
  })
  return { row, deadline }
}

/** Records the request's receipt (event and audit), its sealed proof, and a possible duplicate. */
const recordReceipt = async (
  k: RequestsKit,
  input: SubmitInput,
  row: RequestRow,
  deadline: RequestDeadline,
  now: Date,
) => {
  const { store } = k
  const id = row.id
  const requester: Actor = { type: 'requester', id: row.reference }
  await store.addEvent(k.deps.db, id, now, {
    actor: requester,
    kind: 'received',
    to: 'received',
    details: { type: input.type, requester: input.requester, deadline: deadline.source },
  })
  await k.audit('received', requester, id, {
    type: input.type,
    requester: input.requester,
    deadlineSource: deadline.source,
    dueAt: deadline.dueAt.toISOString(),
  })
  if (input.proof) {
    const fileId = randomUUID()
    const { keyEnc } = await k.files.put(row.subject_id, fileId, input.proof.data)
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
  const duplicates = row.email_index ? await store.openDuplicates(row.email_index, id, input.type) : []
  if (duplicates.length > 0)
    await store.addEvent(k.deps.db, id, now, {
      actor: { type: 'system', id: 'requests' },
      kind: 'possible-duplicate',
      details: { of: duplicates.map((d) => d.reference) },
    })
}

/** Signed in at the shop: verified at once; otherwise a code is sent by the chosen channel. */
const startVerification = async (k: RequestsKit, row: RequestRow, signedIn: boolean, now: Date) => {
  const requester: Actor = { type: 'requester', id: row.reference }
  if (signedIn) {
    const needsStaff = row.requester_kind !== 'self'
    const moved = await k.store.move(
      row.id,
      ['received'],
      needsStaff ? 'awaiting-staff' : 'verified',
      now,
      { actor: requester, kind: 'verified', details: { method: 'shop-session' } },
      { verification: 'shop-session', verified_at: now },
    )
    await k.audit('verified', requester, row.id, { method: 'shop-session' })
    if (moved && !needsStaff) await afterVerified(k, moved, requester)
    return moved?.status as RequestStatus
  }
  const moved = await k.store.move(row.id, ['received'], 'verifying', now, {
    actor: requester,
    kind: 'verification-started',
    details: { channel: row.channel },
  })
  if (moved) await sendCode(k, moved, now)
  return 'verifying' as const
}

/** A new request from the form, the API or the shop's session; refused with the fields to fix. */
export const submitRequest = async (
  k: RequestsKit,
  input: SubmitInput,
  meta: SubmitMeta,
): Promise<SubmitOutcome> => {
  const now = k.deps.now()
  const email = (meta.shopIdentity?.email ?? input.email)?.trim().toLowerCase() || undefined
  const phone = (meta.shopIdentity?.phone ?? input.phone)?.replace(/[\s()-]/g, '') || undefined
  const problems = problemsOf(k, input, meta, { email, phone })
  if (problems.length > 0) return { ok: false, problems }
  const ipHash = createHmac('sha256', k.keys.ip).update(meta.ip).digest('base64url')
  if (!(await k.store.hit(`ip:${ipHash}`, now, 3_600_000, k.options.submissionsPerIpPerHour)))
    return { ok: false, problems: ['rateLimited'] }
  const { row, deadline } = await insertNew(k, input, meta, { email, phone }, { now, ipHash })
  await recordReceipt(k, input, row, deadline, now)
  const status = await startVerification(k, row, meta.shopIdentity !== undefined, now)
  return {
    ok: true,
    reference: row.reference,
    token: k.statusToken(row.id),
    status: ((await k.store.byId(row.id))?.status as RequestStatus) ?? status,
  }
}
