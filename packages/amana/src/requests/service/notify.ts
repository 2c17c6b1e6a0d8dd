import { type Locale, tr } from '@amana/web'
import { CODE_TTL_MS, hashCode, newCode } from '../domain/verification-code.ts'
import type { Actor } from '../requests-service.ts'
import type { RequestRow } from '../store.ts'
import type { RequestsKit } from './kit.ts'

export type TellKind =
  | 'received'
  | 'review'
  | 'extended'
  | 'completed'
  | 'completed-held'
  | 'ready'
  | 'denied'

/** Emails (or SMS) the requester in their language; never a code or personal data in a log. */
export const tell = async (
  k: RequestsKit,
  row: RequestRow,
  kind: TellKind,
  params: Record<string, string> = {},
) => {
  const { deps } = k
  const locale = row.locale as Locale
  const to = await k.open(row, 'email', row.email_enc)
  if (!to) return
  const common = {
    reference: row.reference,
    link: k.statusLink(row),
    shop: k.shopName(locale),
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
  await k.store.addEvent(deps.db, row.id, deps.now(), {
    actor: { type: 'system', id: 'requests' },
    kind: 'email',
    details: { message: kind },
  })
}

/** Sends the code by the request's channel (email, SMS, WhatsApp), rate-limited per address. */
const deliverCode = async (k: RequestsKit, row: RequestRow, code: string, now: Date) => {
  const locale = row.locale as Locale
  const params = { code, reference: row.reference, shop: k.shopName(locale) }
  if (row.channel === 'email') {
    const to = await k.open(row, 'email', row.email_enc)
    if (to)
      await k.deps.mail.enqueue(
        {
          kind: 'transactional',
          to,
          subject: tr(locale, 'mail.code.subject', params),
          text: tr(locale, 'mail.code.body', params),
        },
        now,
      )
  } else {
    const to = await k.open(row, 'phone', row.phone_enc)
    if (to && k.deps.messages)
      await k.deps.messages.send({
        channel: row.channel as 'sms' | 'whatsapp',
        to,
        text: tr(locale, 'mail.code.body', params),
      })
  }
}

export const sendCode = async (
  k: RequestsKit,
  row: RequestRow,
  now: Date,
): Promise<'sent' | 'rateLimited'> => {
  const { store } = k
  const destination = row.channel === 'email' ? row.email_index : row.phone_index
  if (
    !destination ||
    !(await store.hit(`code:${destination}`, now, 3_600_000, k.options.codeSendsPerAddressPerHour))
  )
    return 'rateLimited'
  const code = newCode()
  await store.saveCode({
    requestId: row.id,
    codeHash: hashCode(k.keys.code, row.id, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    sentAt: now,
  })
  await deliverCode(k, row, code, now)
  await store.addEvent(k.deps.db, row.id, now, {
    actor: { type: 'system', id: 'requests' },
    kind: 'code-sent',
    details: { channel: row.channel },
  })
  const system: Actor = { type: 'system', id: 'requests' }
  await k.audit('code-sent', system, row.id, { channel: row.channel })
  return 'sent'
}

export const approve = async (k: RequestsKit, id: string, actor: Actor, changes?: unknown[]) => {
  const moved = await k.store.move(
    id,
    ['verified'],
    'in-progress',
    k.deps.now(),
    { actor, kind: 'approved' },
    changes ? { changes: JSON.stringify(changes) } : {},
  )
  if (!moved) return false
  await k.audit('approved', actor, id, { type: moved.type })
  await k.deps.enqueueExecution?.(id)
  return true
}

/** After verification: straight to the queue, or to staff for approval. */
export const afterVerified = async (k: RequestsKit, row: RequestRow, actor: Actor) => {
  const locale = row.locale as Locale
  const deadline = row.extended_due_at ?? row.due_at
  await tell(k, row, 'received', {
    date: deadline.toISOString().slice(0, 10),
    type: tr(locale, `req.type.${row.type}` as never),
  })
  if (!row.needs_approval) await approve(k, row.id, actor)
}
