import { createHmac, timingSafeEqual } from 'node:crypto'

/** Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body`, key = base64 after `whsec_`. */
const keyOf = (secret: string) =>
  Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64')

export const signWebhook = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`

export type WebhookHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

export const webhookHeaders = (secret: string, id: string, now: Date, body: string): WebhookHeaders => {
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  }
}

/**
 * The receiving side, for shops writing an endpoint and for tests: one of the space-separated
 * signatures must match, and the timestamp be within `toleranceSeconds` of `now`.
 */
export const verifyWebhook = (
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean => {
  const id = headers['webhook-id']
  const ts = headers['webhook-timestamp']
  const sigs = headers['webhook-signature']
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sigs !== 'string') return false
  const timestamp = Number(ts)
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds)
    return false
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice(3), 'base64')
  return sigs.split(' ').some((s) => {
    if (!s.startsWith('v1,')) return false
    const given = Buffer.from(s.slice(3), 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
