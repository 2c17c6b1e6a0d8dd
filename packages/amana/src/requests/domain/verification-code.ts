import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

export const CODE_TTL_MS = 10 * 60_000
export const MAX_CODE_ATTEMPTS = 5

/** Six digits, uniformly drawn (leading zeros kept). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0')

/** Codes are stored only as a keyed hash bound to the request, so a stolen table gives nothing. */
export const hashCode = (key: Buffer, requestId: string, code: string): string =>
  createHmac('sha256', key).update(`${requestId}:${code}`).digest('base64url')

export type CodeCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong' | 'expired' | 'exhausted' | 'none'; attemptsLeft: number }

export const checkCode = (
  stored: { hash: string; expiresAt: Date; attempts: number } | undefined,
  given: string,
  expected: string,
  now: Date,
): CodeCheck => {
  if (!stored) return { ok: false, reason: 'none', attemptsLeft: 0 }
  if (stored.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, reason: 'exhausted', attemptsLeft: 0 }
  if (now > stored.expiresAt) return { ok: false, reason: 'expired', attemptsLeft: 0 }
  const a = Buffer.from(stored.hash)
  const b = Buffer.from(expected)
  if (/^\d{6}$/.test(given) && a.length === b.length && timingSafeEqual(a, b)) return { ok: true }
  const left = MAX_CODE_ATTEMPTS - stored.attempts - 1
  return { ok: false, reason: left <= 0 ? 'exhausted' : 'wrong', attemptsLeft: Math.max(0, left) }
}
