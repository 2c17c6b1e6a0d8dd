import { randomBytes } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Transport } from 'nodemailer'

/** One message as the demo mailbox keeps it (`<id>.json`, beside the raw `<id>.eml`). */
export interface MailboxMessage {
  readonly id: string
  /** ISO date-time the message was handed over. */
  readonly date: string
  readonly from: string
  readonly to: readonly string[]
  readonly subject: string
  readonly text: string
  readonly html?: string
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : ''

/**
 * A nodemailer transport that delivers into a directory instead of an SMTP server: the demo's
 * stand-in for the customers' inboxes, kept outside Amana's database. Each message is written as
 * the raw RFC 5322 `.eml` nodemailer built and a `.json` with what a reader shows; the JSON is
 * renamed into place last, so a reader never sees half a message.
 */
export const mailboxTransport = (dir: string): Transport => ({
  name: 'amana-demo-mailbox',
  version: '1',
  send(mail, callback) {
    mail.message.build((buildError, raw) => {
      if (buildError) return callback(buildError, undefined)
      const now = new Date()
      const id = `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`
      const envelope = mail.message.getEnvelope()
      const message: MailboxMessage = {
        id,
        date: now.toISOString(),
        from: envelope.from || '',
        to: envelope.to,
        subject: asText(mail.data.subject),
        text: asText(mail.data.text),
        ...(mail.data.html ? { html: asText(mail.data.html) } : {}),
      }
      const write = async () => {
        await mkdir(dir, { recursive: true, mode: 0o700 })
        await writeFile(join(dir, `${id}.eml`), raw, { mode: 0o600 })
        const partial = join(dir, `.${id}.json.part`)
        await writeFile(partial, JSON.stringify(message, null, 2), { mode: 0o600 })
        await rename(partial, join(dir, `${id}.json`))
      }
      write().then(
        () => callback(null, { envelope, messageId: mail.message.messageId() }),
        (error: Error) => callback(error, undefined),
      )
    })
  },
})
