import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MailboxMessage } from '../platform/mail/index.ts'

export type { MailboxMessage }

const idPattern = /^[0-9TZ-]+-[0-9a-f]{8}$/

/** Messages in the demo mailbox, newest first. A missing directory is an empty mailbox. */
export const listMailbox = async (dir: string): Promise<MailboxMessage[]> => {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const ids = names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => idPattern.test(id))
    .sort()
    .reverse()
  const messages = await Promise.all(ids.map((id) => readMessage(dir, id)))
  return messages.filter((m): m is MailboxMessage => m !== undefined)
}

/** One message by id; undefined for an id that is not one (never a path outside the mailbox). */
export const readMessage = async (dir: string, id: string): Promise<MailboxMessage | undefined> => {
  if (!idPattern.test(id)) return undefined
  try {
    return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as MailboxMessage
  } catch {
    return undefined
  }
}

/** The language a message was written in, for its `lang` and direction: Arabic script → ar. */
export const languageOf = (message: Pick<MailboxMessage, 'subject' | 'text'>): 'en' | 'ar' =>
  /[\u0600-\u06FF]/.test(`${message.subject}\n${message.text}`) ? 'ar' : 'en'

/** `layla.ahmad@example.com` → `l***@…`: enough to tell messages apart on a terminal, no address. */
export const maskAddress = (address: string): string => `${address.trim().charAt(0) || '?'}***@…`

/**
 * The terminal line for a delivered message. Digit runs are masked: a subject may carry the
 * verification code ("Your code for request …: 482913"), and codes never reach a log.
 */
export const mailboxNotice = (message: MailboxMessage, mailboxUrl: string): string =>
  `mail to ${message.to.map(maskAddress).join(', ')} : ${message.subject.replace(/\d{3,}/g, '•••')} — open ${mailboxUrl}`

/**
 * Calls `onMessage` for each message delivered after the call (polls every `intervalMs`);
 * returns a stop function.
 */
export const watchMailbox = async (
  dir: string,
  onMessage: (message: MailboxMessage) => void,
  intervalMs = 500,
): Promise<() => void> => {
  const seen = new Set((await listMailbox(dir)).map((m) => m.id))
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    listMailbox(dir)
      .then((messages) => {
        for (const m of messages.reverse())
          if (!seen.has(m.id)) {
            seen.add(m.id)
            onMessage(m)
          }
      })
      .catch(() => {})
      .finally(() => {
        busy = false
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
