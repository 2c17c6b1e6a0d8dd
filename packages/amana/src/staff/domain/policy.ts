/** Sign-in and session limits. ASVS 2.2.1 (anti-automation) and 3.3 (session timeouts). */
export interface AccessPolicy {
  /** Failed sign-ins for one email within `accountWindowMs` that lock it, known account or not. */
  readonly maxFailuresPerAccount: number
  readonly accountWindowMs: number
  /** Failed sign-ins from one IP within `ipWindowMs` before that IP is slowed down. */
  readonly maxFailuresPerIp: number
  readonly ipWindowMs: number
  readonly sessionIdleMs: number
  readonly sessionAbsoluteMs: number
  /** Between a correct password and the second factor. */
  readonly pendingMs: number
  readonly setupLinkMs: number
}

const minute = 60_000

export const defaultAccessPolicy: AccessPolicy = {
  maxFailuresPerAccount: 5,
  accountWindowMs: 15 * minute,
  maxFailuresPerIp: 20,
  ipWindowMs: 15 * minute,
  sessionIdleMs: 30 * minute,
  sessionAbsoluteMs: 12 * 60 * minute,
  pendingMs: 5 * minute,
  setupLinkMs: 24 * 60 * minute,
}

export type LoginGate = { kind: 'open' } | { kind: 'locked' | 'rate-limited'; retryAfterSeconds: number }

/**
 * Whether a sign-in may be tried. `emailFailures` / `ipFailures` are the times of recent failures
 * (newest first), already limited to their window and, for the email, to after its last success.
 * Refused attempts are not recorded, so an attacker cannot keep an account locked for ever.
 */
export const loginGate = (
  input: { emailFailures: readonly Date[]; ipFailures: readonly Date[]; now: Date },
  policy: AccessPolicy,
): LoginGate => {
  const retry = (failures: readonly Date[], max: number, windowMs: number) => {
    const oldest = failures[max - 1]
    return Math.max(1, Math.ceil(((oldest?.getTime() ?? 0) + windowMs - input.now.getTime()) / 1000))
  }
  if (input.ipFailures.length >= policy.maxFailuresPerIp) {
    return {
      kind: 'rate-limited',
      retryAfterSeconds: retry(input.ipFailures, policy.maxFailuresPerIp, policy.ipWindowMs),
    }
  }
  if (input.emailFailures.length >= policy.maxFailuresPerAccount) {
    return {
      kind: 'locked',
      retryAfterSeconds: retry(input.emailFailures, policy.maxFailuresPerAccount, policy.accountWindowMs),
    }
  }
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
