import { createHmac, type KeyObject } from 'node:crypto'
import { type NormaliseOptions, normaliseForIndex } from './normalise.ts'

/**
 * Keyed HMAC-SHA256 of the normalised value, base64url. Without the blind-index key a digest reveals
 * nothing and cannot be checked against guesses; with it, equal values give equal digests.
 */
export const blindIndex = (
  key: KeyObject | Buffer,
  kind: string,
  value: string,
  options: NormaliseOptions = {},
): string =>
  createHmac('sha256', key)
    .update(`blind/v1${JSON.stringify([kind, normaliseForIndex(kind, value, options)])}`)
    .digest('base64url')

/** The per-subject lookup that makes tokenise deterministic for (subject, kind, value). */
export const tokenLookup = (
  key: KeyObject | Buffer,
  subjectId: string,
  kind: string,
  value: string,
  options: NormaliseOptions = {},
): string =>
  createHmac('sha256', key)
    .update(`token/v1${JSON.stringify([subjectId, kind, normaliseForIndex(kind, value, options)])}`)
    .digest('base64url')
