import type { LoadedManifest } from '../app/app-manifest.ts'
import type { Role } from '../staff/domain/roles.ts'
import { addMember, type SignedIn, signIn } from '../staff/testing.ts'
import { mailHeader, mailSubject, mailText, type SmtpInbox, startSmtpInbox } from './smtp-inbox.ts'
import { createTestApp, createTestConfig, type TestApp } from './test-app.ts'

/** A received message's recipient, decoded subject and text. */
export const decodeMail = (raw: string): { to: string; subject: string; text: string } => ({
  to: mailHeader(raw, 'to') ?? '',
  subject: mailSubject(raw),
  text: mailText(raw),
})

export interface MailFlow {
  readonly t: TestApp
  readonly smtp: SmtpInbox
  /** The signed-in staff member; `signInAgain` replaces it (after the clock jumps past a session). */
  readonly staff: SignedIn
  signInAgain(): Promise<SignedIn>
  close(): Promise<void>
}

/**
 * The set-up the incident and complaint flows share: a real SMTP inbox, the app with its job worker
 * delivering the outbox to it (mail from privacy@rumrom.example) on the caller's clock, and one staff
 * member of `role` signed in.
 */
export const startMailFlow = async (options: {
  readonly role: Role
  readonly now: () => Date
  readonly manifest?: LoadedManifest
  readonly env?: Record<string, string>
}): Promise<MailFlow> => {
  const smtp = await startSmtpInbox()
  const t = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: smtp.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    now: options.now,
    worker: true,
    ...(options.manifest ? { manifest: options.manifest } : {}),
    ...(options.env ? { env: options.env } : {}),
  })
  const member = await addMember(t, options.role)
  const flow = {
    t,
    smtp,
    staff: await signIn(t, member.email, member.password),
    async signInAgain() {
      flow.staff = await signIn(t, member.email, member.password)
      return flow.staff
    },
    async close() {
      await t.close()
      await smtp.close()
    },
  }
  return flow
}
