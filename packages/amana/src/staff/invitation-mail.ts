import { formatDate, type Locale, roleLabels, ta } from '@amana/web'
import type { Role } from './domain/roles.ts'
import type { StaffMailPort } from './ports.ts'

/** The invitation email in the invitee's language; its link opens the setup page in that language. */
export const invitationMail = (input: {
  readonly locale: Locale
  readonly shopName: string
  readonly role: Role
  readonly setupUrl: string
  readonly expiresAt: Date
}): { subject: string; text: string; url: string } => {
  const { locale } = input
  const url = `${input.setupUrl}&lang=${locale}`
  return {
    url,
    subject: ta(locale, 'invite.mail.subject', { shop: input.shopName }),
    text: ta(locale, 'invite.mail.body', {
      shop: input.shopName,
      role: roleLabels[locale][input.role] ?? input.role,
      date: formatDate(locale, input.expiresAt),
      url,
    }),
  }
}

/** Queues the invitation in the mail outbox (sent with retries by the worker); the outbox id. */
export const sendInvitation = async (
  mail: StaffMailPort,
  to: string,
  message: { subject: string; text: string },
  locale: Locale,
  now: Date,
): Promise<string> =>
  mail.enqueue(
    {
      kind: 'transactional',
      to,
      subject: message.subject,
      text: message.text,
      headers: { 'Content-Language': locale },
    },
    now,
  )
