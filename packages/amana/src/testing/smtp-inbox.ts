import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface SmtpInbox {
  /** Every raw message received, in order. */
  readonly received: string[]
  /** The URL to put in AMANA_SMTP_URL. */
  readonly url: string
  /** Waits until a message matching `match` arrives; returns it. */
  waitFor(match: (raw: string) => boolean, timeoutMs?: number): Promise<string>
  close(): Promise<void>
}

/** A real SMTP server on loopback that keeps every message it receives (no mocks of mail). */
export const startSmtpInbox = async (): Promise<SmtpInbox> => {
  const received: string[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(match, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = received.find(match)
        if (found) return found
        if (Date.now() > deadline)
          throw new Error(`no matching mail within ${timeoutMs} ms (${received.length} received)`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A header's value from a raw message (folded lines unfolded). */
export const mailHeader = (message: string, name: string): string | undefined => {
  const head = message.split(/\r\n\r\n/)[0] ?? ''
  return head
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    ?.slice(name.length + 1)
    .trim()
}

/** The text body of a raw single-part message, decoded (base64 or quoted-printable, UTF-8). */
export const mailText = (message: string): string => {
  const [, ...rest] = message.split(/\r\n\r\n/)
  const body = rest.join('\r\n\r\n')
  const encoding = mailHeader(message, 'Content-Transfer-Encoding')?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8')
  return body
}

/** The Subject header decoded (RFC 2047 encoded words, base64 or quoted-printable, UTF-8). */
export const mailSubject = (message: string): string =>
  (mailHeader(message, 'Subject') ?? '').replace(
    /=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi,
    (_m, encoding: string, data: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replaceAll('_', ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
  )
