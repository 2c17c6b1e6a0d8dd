import { createHmac, randomBytes } from 'node:crypto'
import type { StaffKeys } from './tokens.ts'

/** How many codes a member gets when two-step verification is turned on. */
export const RECOVERY_CODE_COUNT = 10

// Crockford's base32 without I, L, O, U: nothing to confuse when read from paper.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Ten random characters (50 bits) shown as XXXXX-XXXXX. */
export const newRecoveryCode = (): string => {
  const bytes = randomBytes(10)
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('')
  return `${chars.slice(0, 5)}-${chars.slice(5)}`
}

/** A typed code as stored: upper case, without spaces or dashes, common misreadings mapped. */
export const normaliseRecoveryCode = (input: string): string =>
  input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')

export const looksLikeRecoveryCode = (input: string): boolean =>
  /^[0-9A-HJKMNP-TV-Z]{10}$/.test(normaliseRecoveryCode(input))

/**
 * Keyed hash, bound to the member: 50 bits are too few against an offline guess of a plain hash, so
 * a stolen table is useless without the server's key.
 */
export const hashRecoveryCode = (keys: StaffKeys, staffId: string, code: string): string =>
  createHmac('sha256', keys.session)
    .update(`recovery:${staffId}:${normaliseRecoveryCode(code)}`)
    .digest('hex')
