import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from '../domain/password.ts'
import { loginGate, sessionState } from '../domain/policy.ts'
import { hashRecoveryCode, looksLikeRecoveryCode } from '../domain/recovery-codes.ts'
import { attemptKey, hashSessionId, normaliseStaffEmail } from '../domain/tokens.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { CallContext, SignInOutcome } from './types.ts'
import { toView } from './views.ts'

/** The HMAC keys of one sign-in's counters: the account from this address, and the address. */
interface AttemptKeys {
  readonly pairKey: string
  readonly ipKey: string
}

/** Whether this account may be tried from this address now (see AccessPolicy). */
const gate = async (core: AccessCore, attempt: AttemptKeys) => {
  const { db, now, policy } = core
  const at = now()
  const since = (ms: number) => new Date(at.getTime() - ms)
  const [pairFailures, known] = await Promise.all([
    store.recentFailures(db, 'pair', attempt.pairKey, since(policy.pairThrottle.windowMs)),
    store.hasSucceeded(db, attempt.pairKey, since(policy.knownAddressMs)),
  ])
  const addressFailures = known
    ? []
    : await store.recentFailures(db, 'ip', attempt.ipKey, since(policy.addressThrottle.windowMs))
  return loginGate({ pairFailures, addressFailures, now: at }, policy)
}

const failSignIn = async (
  core: AccessCore,
  attempt: AttemptKeys,
  call: CallContext,
  staffId: string | undefined,
  reason: string,
): Promise<void> => {
  const { db, now, audit } = core
  await store.recordAttempt(
    db,
    [
      { kind: 'pair', key: attempt.pairKey },
      { kind: 'ip', key: attempt.ipKey },
    ],
    true,
    now(),
  )
  await audit({
    action: 'staff.login-failed',
    actor: staffId ? { type: 'staff', id: staffId } : { type: 'anonymous', id: 'unknown' },
    ip: call.ip,
    ...(call.requestId ? { requestId: call.requestId } : {}),
    details: { reason },
  })
}

const succeedSignIn = async (
  core: AccessCore,
  staff: store.StaffRow,
  attempt: AttemptKeys,
  call: CallContext,
  factors: string,
) => {
  const { db, now, policy, audit, issueSession } = core
  const at = now()
  await store.recordAttempt(db, [{ kind: 'pair', key: attempt.pairKey }], false, at)
  // Old rows only slow the counters down: a day is longer than every window. Successes are kept
  // as long as they make an address known.
  await store.pruneAttempts(db, {
    failuresBefore: new Date(at.getTime() - 24 * 60 * 60_000),
    successesBefore: new Date(at.getTime() - policy.knownAddressMs),
  })
  const session = await issueSession(staff.id, 'active')
  await audit({
    action: 'staff.login',
    actor: { type: 'staff', id: staff.id },
    ip: call.ip,
    ...(call.requestId ? { requestId: call.requestId } : {}),
    details: { factors },
  })
  return { ok: true as const, kind: 'signed-in' as const, staff: toView(staff), session }
}

const attemptKeys = ({ keys }: AccessCore, email: string, ip: string): AttemptKeys => ({
  pairKey: attemptKey(keys, 'pair', `${email}\n${ip}`),
  ipKey: attemptKey(keys, 'ip', ip),
})

/**
 * The one way past an address throttle: a correct second factor and password in one request. The
 * code is checked first (no scrypt for a stranger), and a wrong one counts against the pair, so
 * the codes cannot be guessed here faster than anywhere else. Anything short of both answers as
 * the throttle did: an attacker learns nothing about the password.
 */
const passAddressThrottle = async (
  core: AccessCore,
  input: { email: string; password: string; totp: string },
  attempt: AttemptKeys,
  call: CallContext,
) => {
  const { db, now, checkTotp } = core
  const staff = await store.findStaffByEmail(db, input.email)
  if (!staff?.totpEnabled || !staff.passwordHash) return undefined
  const passed =
    (await checkTotp(staff, input.totp)) && (await verifyPassword(input.password, staff.passwordHash))
  if (passed) return succeedSignIn(core, staff, attempt, call, 'password+totp')
  await store.recordAttempt(db, [{ kind: 'pair', key: attempt.pairKey }], true, now())
  return undefined
}

/**
 * Password sign-in. Unknown email, missing password and wrong password give the same answer after
 * the same scrypt work. With a second factor enrolled: `totp` checks it at once (API), or without
 * it a short pending session waits for the code (console).
 */
const signIn = async (
  core: AccessCore,
  input: { email: string; password: string; totp?: string | undefined; pendingAllowed: boolean },
  call: CallContext,
): Promise<SignInOutcome> => {
  const { db, now, audit, issueSession, checkTotp } = core
  const email = normaliseStaffEmail(input.email)
  const attempt = attemptKeys(core, email, call.ip)
  const open = await gate(core, attempt)
  if (open.kind !== 'open') {
    if (open.by === 'address' && input.totp !== undefined) {
      const passed = await passAddressThrottle(core, { ...input, email, totp: input.totp }, attempt, call)
      if (passed) return passed
    }
    await audit({
      action: 'staff.login-failed',
      actor: { type: 'anonymous', id: 'unknown' },
      ip: call.ip,
      ...(call.requestId ? { requestId: call.requestId } : {}),
      details: { reason: open.kind, by: open.by },
    })
    return { ok: false, reason: 'throttled', retryAfterSeconds: open.retryAfterSeconds }
  }
  const staff = await store.findStaffByEmail(db, email)
  const passwordOk = staff?.passwordHash
    ? await verifyPassword(input.password, staff.passwordHash)
    : await verifyDummyPassword(input.password)
  if (!staff || !passwordOk) {
    await failSignIn(core, attempt, call, staff?.id, 'credentials')
    return { ok: false, reason: 'invalid' }
  }
  if (staff.passwordHash && needsRehash(staff.passwordHash))
    await store.updateStaff(db, staff.id, { passwordHash: await hashPassword(input.password) }, now())
  if (!staff.totpEnabled) return succeedSignIn(core, staff, attempt, call, 'password')
  if (input.totp !== undefined) {
    if (await checkTotp(staff, input.totp)) return succeedSignIn(core, staff, attempt, call, 'password+totp')
    await failSignIn(core, attempt, call, staff.id, 'second-factor')
    return { ok: false, reason: 'second-factor-invalid' }
  }
  if (!input.pendingAllowed) return { ok: false, reason: 'second-factor-invalid' }
  return { ok: true, kind: 'second-factor', pending: await issueSession(staff.id, 'totp') }
}

/** The console's second step: the pending session from `signIn` plus a TOTP code. */
const completeSecondFactor = async (
  core: AccessCore,
  pendingId: string,
  code: string,
  call: CallContext,
): Promise<SignInOutcome> => {
  const { db, keys, now, policy, audit, checkTotp } = core
  const pending = await store.findSession(db, hashSessionId(keys, pendingId))
  if (
    pending?.stage !== 'totp' ||
    sessionState(pending, now(), { ...policy, sessionIdleMs: policy.pendingMs }) !== 'active'
  ) {
    return { ok: false, reason: 'invalid' }
  }
  const attempt = attemptKeys(core, pending.staff.email, call.ip)
  // The pending session proves the password, and the address throttle let it through then: only
  // the pair's own delay applies to its codes.
  const open = await gate(core, attempt)
  if (open.kind === 'throttled' && open.by === 'pair') {
    await store.revokeSession(db, pending.idHash, now())
    return { ok: false, reason: 'throttled', retryAfterSeconds: open.retryAfterSeconds }
  }
  const recovery = looksLikeRecoveryCode(code) && !/^\s*\d{6}\s*$/.test(code)
  const passed = recovery
    ? await store.useRecoveryCode(db, pending.staff.id, hashRecoveryCode(keys, pending.staff.id, code), now())
    : await checkTotp(pending.staff, code)
  if (!passed) {
    await failSignIn(core, attempt, call, pending.staff.id, 'second-factor')
    return { ok: false, reason: 'second-factor-invalid' }
  }
  if (recovery)
    await audit({
      action: 'staff.recovery-code-used',
      actor: { type: 'staff', id: pending.staff.id },
      target: pending.staff.id,
      ip: call.ip,
      ...(call.requestId ? { requestId: call.requestId } : {}),
      details: { left: await store.countUnusedRecoveryCodes(db, pending.staff.id) },
    })
  // A fresh id once fully signed in: the pending id never becomes a session (fixation).
  await store.revokeSession(db, pending.idHash, now())
  return succeedSignIn(core, pending.staff, attempt, call, 'password+totp')
}

/** Signing in: password, second factor, and the throttles on both (see AccessPolicy). */
export const signInUseCases = (core: AccessCore) => ({
  signIn: (input: Parameters<typeof signIn>[1], call: CallContext) => signIn(core, input, call),
  completeSecondFactor: (pendingId: string, code: string, call: CallContext) =>
    completeSecondFactor(core, pendingId, code, call),
})
