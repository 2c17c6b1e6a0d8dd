/**
 * How one kind of sign-in counter slows attempts down: after `freeFailures` failures within
 * `windowMs`, each further attempt waits `firstDelayMs` after the latest failure, doubling with every
 * failure up to `maxDelayMs`. A delay, never a lock: whoever waits gets a try.
 */
export interface Throttle {
  readonly freeFailures: number
  readonly windowMs: number
  readonly firstDelayMs: number
  readonly maxDelayMs: number
}

/** Sign-in and session limits. ASVS 2.2.1 (anti-automation) and 3.3 (session timeouts). */
export interface AccessPolicy {
  /**
   * Per account and address (email × IP): guessing one account's password from one address. A
   * stranger's failures from other addresses never slow the owner down; a success from the address
   * clears its count.
   */
  readonly pairThrottle: Throttle
  /**
   * Per address across all accounts (credential stuffing, password spraying). Generous, because
   * everyone behind one proxy shares an address; it never applies to an account that signed in from
   * that address within `knownAddressMs`, and a correct password with a correct second factor in
   * one request always passes it.
   */
  readonly addressThrottle: Throttle
  readonly knownAddressMs: number
  readonly sessionIdleMs: number
  readonly sessionAbsoluteMs: number
  /** Between a correct password and the second factor. */
  readonly pendingMs: number
  readonly setupLinkMs: number
}

const second = 1000
const minute = 60 * second

export const defaultAccessPolicy: AccessPolicy = {
  // 3 free tries, then 1 s, 2 s, 4 s … 5 min: about a dozen guesses an hour per account and address.
  pairThrottle: { freeFailures: 3, windowMs: 60 * minute, firstDelayMs: second, maxDelayMs: 5 * minute },
  // An office mistyping passwords stays well under 30 failures in 15 minutes; a sprayer does not.
  addressThrottle: { freeFailures: 30, windowMs: 15 * minute, firstDelayMs: second, maxDelayMs: minute },
  knownAddressMs: 30 * 24 * 60 * minute,
  sessionIdleMs: 30 * minute,
  sessionAbsoluteMs: 12 * 60 * minute,
  pendingMs: 5 * minute,
  setupLinkMs: 24 * 60 * minute,
}

/** The wait before the next attempt, in whole seconds; 0 when it may be tried now. */
export const throttleWait = (failures: readonly Date[], throttle: Throttle, now: Date): number => {
  const latest = failures[0]
  const over = failures.length - throttle.freeFailures
  if (!latest || over < 0) return 0
  const delay = Math.min(throttle.maxDelayMs, throttle.firstDelayMs * 2 ** Math.min(over, 30))
  const wait = latest.getTime() + delay - now.getTime()
  return wait > 0 ? Math.ceil(wait / 1000) : 0
}

export type LoginGate =
  | { kind: 'open' }
  | { kind: 'throttled'; by: 'pair' | 'address'; retryAfterSeconds: number }

/**
 * Whether a sign-in may be tried now. `pairFailures` / `addressFailures` are the times of recent
 * failures (newest first), already limited to their window and, for the pair, to after its last
 * success; `addressFailures` is empty for an address the account is known at. Refused attempts are
 * not recorded, so waiting always ends.
 */
export const loginGate = (
  input: { pairFailures: readonly Date[]; addressFailures: readonly Date[]; now: Date },
  policy: AccessPolicy,
): LoginGate => {
  const pair = throttleWait(input.pairFailures, policy.pairThrottle, input.now)
  if (pair > 0) return { kind: 'throttled', by: 'pair', retryAfterSeconds: pair }
  const address = throttleWait(input.addressFailures, policy.addressThrottle, input.now)
  if (address > 0) return { kind: 'throttled', by: 'address', retryAfterSeconds: address }
  return { kind: 'open' }
}

export type SessionState = 'active' | 'idle-expired' | 'expired' | 'revoked'

export const sessionState = (
  session: {
    readonly createdAt: Date
    readonly lastSeenAt: Date
    readonly expiresAt: Date
    readonly revokedAt: Date | null
  },
  now: Date,
  policy: AccessPolicy,
): SessionState => {
  if (session.revokedAt) return 'revoked'
  if (now >= session.expiresAt) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.sessionIdleMs) return 'idle-expired'
  return 'active'
}
