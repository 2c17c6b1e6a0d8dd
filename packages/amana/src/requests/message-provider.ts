import { AmanaError } from '../platform/errors/index.ts'
import type { MessageProvider } from './ports.ts'

/**
 * A provider reached over HTTP: POST `url` with JSON `{ channel, to, text }` and a bearer token.
 * Adapters for Twilio, Vonage or a WhatsApp Business API gateway take the same port.
 */
export const createHttpMessageProvider = (options: {
  url: string
  token: string
  timeoutMs?: number
}): MessageProvider => ({
  async send(message) {
    let response: Response
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      })
    } catch (error) {
      throw new AmanaError(
        'JOB_FAILED',
        `The ${message.channel} provider could not be reached.`,
        { channel: message.channel },
        { cause: error },
      )
    }
    if (!response.ok)
      throw new AmanaError(
        'JOB_FAILED',
        `The ${message.channel} provider refused the message (HTTP ${response.status}).`,
        { channel: message.channel, status: response.status },
      )
  },
})
