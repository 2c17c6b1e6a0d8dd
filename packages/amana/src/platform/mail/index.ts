export { createMailTransport, dkimHeaderFields } from './mail-transport.ts'
export { type MailboxMessage, mailboxTransport } from './mailbox-transport.ts'
export {
  createMailer,
  type DeliveryOutcome,
  type Mailer,
  type MailerOptions,
  type MarketingGate,
  type OutgoingMail,
  registerMailJobs,
} from './mailer.ts'
export type { MailTables } from './schema.ts'
export { sendMailJob } from './send-mail-job.ts'
