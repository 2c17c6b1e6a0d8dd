import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Transporter } from 'nodemailer'
import type { AmanaDatabase } from '../db/index.ts'
import { AmanaError } from '../errors/index.ts'
import type { JobEngine } from '../jobs/index.ts'
import type { MailOutboxTable } from './schema.ts'
import { type MessageContent, openMessage, sealMessage } from './sealed-message.ts'
import { sendMailJob } from './send-mail-job.ts'

export interface OutgoingMail {
  readonly kind: 'marketing' | 'transactional'
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string
  readonly headers?: Readonly<Record<string, string>>
  /** Marketing only: the purpose (suppression list) and the subject it is sent to, both checked again at delivery. */
  readonly purpose?: string
  readonly subjectHash?: string
}

/** Asked at delivery for every marketing message: may this still go out? (The consent feature answers.) */
export type MarketingGate = (message: {
  readonly subjectHash: string | null
  readonly purpose: string | null
  readonly recipientHash: string
}) => Promise<boolean>

export type DeliveryOutcome = 'sent' | 'suppressed' | 'already-done' | 'no-transport'

export interface Mailer {
  /** Stores the message in the outbox and queues its delivery job (when a job engine runs). */
  enqueue(mail: OutgoingMail, now: Date): Promise<string>
  /** Sends one outbox message; throws on SMTP failure so the job retries. */
  deliver(outboxId: string, now: Date): Promise<DeliveryOutcome>
  isSuppressed(recipientHash: string, list: string): Promise<boolean>
  suppress(recipientHash: string, list: string, reason: string): Promise<void>
  /** An opaque token for a List-Unsubscribe URL; only its hash is stored. */
  issueUnsubscribeToken(
    entry: { recipientHash: string; subjectHash: string | null; list: string },
    now: Date,
  ): Promise<string>
  /** Marks the token used and suppresses its list at once. Idempotent; undefined for an unknown token. */
  redeemUnsubscribeToken(
    token: string,
    now: Date,
  ): Promise<
    { recipientHash: string; subjectHash: string | null; list: string; firstUse: boolean } | undefined
  >
  status(outboxId: string): Promise<MailOutboxTable['status'] | undefined>
}

export interface MailerOptions {
  readonly database: AmanaDatabase
  readonly transport: Transporter | undefined
  readonly from: string
  readonly jobs: JobEngine | undefined
  readonly hashRecipient: (address: string) => string
  readonly gate: MarketingGate
  /** 32 bytes that seal a queued message's address and body (derived from the root key; never stored). */
  readonly sealKey: Buffer
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url')

/**
 * A message's address and body carry the person's address, codes and status-page links. While it
 * waits they are sealed under a key the database does not hold (sealed-message.ts); once it has left
 * (or will never leave) they go, and the row keeps the proof (keyed recipient hash, kind, purpose,
 * status, timestamps). Not sealed under the subject's vault key: the mailer is platform code serving
 * every feature, most mail has no vault subject, and an erasure's own notice must still be delivered
 * after the subject's keys are shredded.
 */
const purged = { recipient: null, message: null } as const

/** SMTP errors often quote the recipient (`550 <a@b.example>: mailbox unavailable`). */
const withoutAddresses = (text: string, to: string) =>
  text.replaceAll(to, '<address>').replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')

/** Outbox, suppression list and unsubscribe tokens over one database; the transport is nodemailer's. */
// long-function: the outbox's methods share the transport, the sealing key and the job queue
export const createMailer = (options: MailerOptions): Mailer => {
  const { db } = options.database
  const isSuppressed = async (recipientHash: string, list: string) =>
    (await db
      .selectFrom('mail_suppression')
      .select('list')
      .where('recipient_hash', '=', recipientHash)
      .where('list', 'in', [list, '*'])
      .executeTakeFirst()) !== undefined
  const suppress = async (recipientHash: string, list: string, reason: string) => {
    await db
      .insertInto('mail_suppression')
      .values({ recipient_hash: recipientHash, list, reason })
      .onConflict((oc) => oc.columns(['recipient_hash', 'list']).doNothing())
      .execute()
  }
  return {
    async enqueue(mail, now) {
      if (mail.kind === 'marketing' && !mail.purpose)
        throw new AmanaError('VALIDATION_FAILED', 'A marketing mail needs the purpose it is sent for.')
      const id = randomUUID()
      const sealed = sealMessage(options.sealKey, id, {
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: mail.headers ?? {},
      })
      await db
        .insertInto('mail_outbox')
        .values({
          id,
          kind: mail.kind,
          recipient: null,
          recipient_hash: options.hashRecipient(mail.to),
          subject_hash: mail.subjectHash ?? null,
          purpose: mail.purpose ?? null,
          message: JSON.stringify({ sealed }),
          status: 'queued',
          last_error: null,
          created_at: now,
        })
        .execute()
      if (options.jobs) await options.jobs.send(sendMailJob, { outboxId: id })
      return id
    },
    async deliver(outboxId, now) {
      const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', outboxId).executeTakeFirst()
      if (row?.status !== 'queued' || row.message === null) return 'already-done'
      if (row.kind === 'marketing') {
        // Checked at delivery, not only at enqueue: an unsubscribe in between stops this message.
        const suppressed = await isSuppressed(row.recipient_hash, row.purpose ?? '*')
        if (
          suppressed ||
          !(await options.gate({
            subjectHash: row.subject_hash,
            purpose: row.purpose,
            recipientHash: row.recipient_hash,
          }))
        ) {
          await db
            .updateTable('mail_outbox')
            .set({ status: 'suppressed', ...purged })
            .where('id', '=', outboxId)
            .execute()
          return 'suppressed'
        }
      }
      if (!options.transport) return 'no-transport'
      let content: MessageContent
      try {
        content =
          'sealed' in row.message
            ? openMessage(options.sealKey, row.id, row.message.sealed)
            : { ...row.message, to: row.recipient ?? '' }
      } catch (error) {
        await db
          .updateTable('mail_outbox')
          .set({ status: 'failed', last_error: 'the sealed message does not open with this key', ...purged })
          .where('id', '=', outboxId)
          .execute()
        throw new AmanaError(
          'JOB_FAILED',
          `Outbox message ${outboxId} does not open with the configured key; it is given up.`,
          undefined,
          { cause: error },
        )
      }
      try {
        await options.transport.sendMail({
          from: options.from,
          to: content.to,
          subject: content.subject,
          text: content.text,
          ...(content.html ? { html: content.html } : {}),
          headers: { ...content.headers },
          messageId: `<${row.id}@${options.from.split('@')[1] ?? 'amana.local'}>`,
        })
      } catch (error) {
        const reason =
          error instanceof Error ? withoutAddresses(error.message, content.to).slice(0, 200) : 'send failed'
        // The job's last try gives up: the message is marked failed and its address and body go too.
        const lastTry = row.attempts >= (sendMailJob.retryLimit ?? 0)
        await db
          .updateTable('mail_outbox')
          .set((eb) => ({
            attempts: eb('attempts', '+', 1),
            last_error: reason,
            ...(lastTry ? { status: 'failed' as const, ...purged } : {}),
          }))
          .where('id', '=', outboxId)
          .execute()
        throw new AmanaError(
          'JOB_FAILED',
          `SMTP delivery of outbox message ${outboxId} failed; ${lastTry ? 'it is given up' : 'it will be retried'}.`,
          undefined,
          { cause: error },
        )
      }
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: now,
          attempts: eb('attempts', '+', 1),
          last_error: null,
          ...purged,
        }))
        .where('id', '=', outboxId)
        .execute()
      return 'sent'
    },
    isSuppressed,
    suppress,
    async issueUnsubscribeToken(entry, now) {
      const token = randomBytes(24).toString('base64url')
      await db
        .insertInto('mail_unsubscribe_token')
        .values({
          token_hash: tokenHash(token),
          recipient_hash: entry.recipientHash,
          subject_hash: entry.subjectHash,
          list: entry.list,
          created_at: now,
        })
        .execute()
      return token
    },
    async redeemUnsubscribeToken(token, now) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('mail_unsubscribe_token')
          .selectAll()
          .where('token_hash', '=', tokenHash(token))
          .forUpdate()
          .executeTakeFirst()
        if (!row) return undefined
        const firstUse = row.used_at === null
        if (firstUse)
          await trx
            .updateTable('mail_unsubscribe_token')
            .set({ used_at: now })
            .where('token_hash', '=', row.token_hash)
            .execute()
        await trx
          .insertInto('mail_suppression')
          .values({ recipient_hash: row.recipient_hash, list: row.list, reason: 'one-click unsubscribe' })
          .onConflict((oc) => oc.columns(['recipient_hash', 'list']).doNothing())
          .execute()
        return { recipientHash: row.recipient_hash, subjectHash: row.subject_hash, list: row.list, firstUse }
      })
    },
    async status(outboxId) {
      return (
        await db.selectFrom('mail_outbox').select('status').where('id', '=', outboxId).executeTakeFirst()
      )?.status
    },
  }
}

/** Registers the delivery job's handler (the worker role). */
export const registerMailJobs = (jobs: JobEngine, mailer: Mailer, now: () => Date): void => {
  jobs.register(sendMailJob, async ({ outboxId }) => {
    await mailer.deliver(outboxId, now())
  })
}
