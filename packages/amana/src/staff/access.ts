import { randomUUID } from 'node:crypto'
import type { Permission, Principal } from '../platform/http/index.ts'
import type { AuditSink, StaffAuditEvent } from './audit-port.ts'
import {
  checkNewPassword,
  hashPassword,
  needsRehash,
  verifyDummyPassword,
  verifyPassword,
} from './domain/password.ts'
import { type AccessPolicy, defaultAccessPolicy, loginGate, sessionState } from './domain/policy.ts'
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './domain/recovery-codes.ts'
import {
  type ApiKeyScope,
  canManageRole,
  capabilitiesOf,
  checkRoleChange,
  effectiveScopes,
  type Role,
  type RoleChangeRefusal,
  ungrantableScopes,
} from './domain/roles.ts'
import {
  attemptKey,
  csrfTokenFor,
  hashApiKey,
  hashSessionId,
  hashSetupToken,
  looksLikeApiKey,
  newApiKey,
  newSessionId,
  newSetupToken,
  normaliseStaffEmail,
  openTotpSecret,
  type StaffKeys,
  sealTotpSecret,
} from './domain/tokens.ts'
import { base32Encode, generateTotpSecret, otpauthUri, verifyTotp } from './domain/totp.ts'
import * as store from './store.ts'

export interface StaffAccessOptions {
  readonly db: store.StaffDb
  readonly keys: StaffKeys
  readonly audit: AuditSink
  readonly now: () => Date
  /** Base of setup links, e.g. https://privacy.example.com. */
  readonly publicUrl: string
  /** Shown in authenticator apps next to the account. */
  readonly issuer: string
  readonly policy?: AccessPolicy
}

/** Where a call comes from, for the audit trail and the per-IP limit. */
export interface CallContext {
  readonly ip: string
  readonly requestId?: string
}

/** A signed-in staff member acting through the console or API. */
export interface StaffActor {
  readonly id: string
  readonly role: Role
  readonly permissions: ReadonlySet<Permission>
}

export interface StaffView {
  readonly id: string
  readonly email: string
  readonly role: Role
  readonly totpEnabled: boolean
  readonly hasPassword: boolean
  readonly createdAt: Date
}

export interface IssuedSession {
  /** The opaque id for the cookie; never stored. */
  readonly id: string
  readonly csrfToken: string
  readonly expiresAt: Date
}

export type SignInOutcome =
  | { ok: true; kind: 'signed-in'; staff: StaffView; session: IssuedSession }
  | { ok: true; kind: 'second-factor'; pending: IssuedSession }
  | { ok: false; reason: 'invalid' | 'second-factor-invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

export type ActionRefusal =
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'invalid'; field: string; message: string }
  | { ok: false; reason: RoleChangeRefusal | 'above-actor' }

export interface ApiKeyView {
  readonly id: string
  readonly name: string
  readonly displayPrefix: string
  readonly scopes: readonly string[]
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  readonly revokedAt: Date | null
}

const toView = (row: store.StaffRow): StaffView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  totpEnabled: row.totpEnabled,
  hasPassword: row.passwordHash !== null,
  createdAt: row.createdAt,
})

const toKeyView = (row: store.ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  displayPrefix: row.displayPrefix,
  scopes: row.scopes,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
})

/** The HMAC keys of one sign-in's counters: the account from this address, and the address. */
interface AttemptKeys {
  readonly pairKey: string
  readonly ipKey: string
}

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

/**
 * Staff accounts, sessions, second factor, setup links and API keys. Every outcome a caller can
 * cause is returned as a value; every security-relevant step is appended to the audit ledger.
 */
export const createStaffAccess = (options: StaffAccessOptions) => {
  const { db, keys, now } = options
  const policy = options.policy ?? defaultAccessPolicy

  const audit = (event: StaffAuditEvent) => options.audit.append(event)
  // A busy backend sends its API key with every decision; a valid key is looked up again at most
  // once a second, with its creator's current role. Revoking the key or changing its creator's role
  // drops it here at once; other processes follow within that second. Unknown and revoked keys are never cached: each refusal is looked up and audited. The
  // cache is keyed by the key itself (held in memory as the request headers are; never logged), so
  // a cached call skips the SHA-256 too.
  const apiKeyCache = new Map<
    string,
    {
      readonly id: string
      readonly createdBy: string
      readonly principal: Principal
      readonly until: number
      lastUsedAt: Date | null
    }
  >()
  const apiKeyCacheMs = 1000
  const freshApiKey = (key: string, at: number) => {
    const entry = apiKeyCache.get(key)
    return entry && entry.until > at ? entry : undefined
  }
  // Last use is kept to the minute: no write on the hot path of a busy backend.
  const lastUseDue = (entry: { lastUsedAt: Date | null }, at: number) =>
    !entry.lastUsedAt || at - entry.lastUsedAt.getTime() > 60_000
  const staffActor = (actor: StaffActor, call: CallContext | undefined) => ({
    actor: { type: 'staff' as const, id: actor.id },
    ...(call ? { ip: call.ip } : {}),
    ...(call?.requestId ? { requestId: call.requestId } : {}),
  })

  const issueSession = async (staffId: string, stage: 'active' | 'totp'): Promise<IssuedSession> => {
    const id = newSessionId()
    const at = now()
    const expiresAt = new Date(
      at.getTime() + (stage === 'active' ? policy.sessionAbsoluteMs : policy.pendingMs),
    )
    await store.insertSession(db, {
      idHash: hashSessionId(keys, id),
      staffId,
      stage,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
    })
    return { id, csrfToken: csrfTokenFor(keys, id), expiresAt }
  }

  const setupUrl = (token: string) => `${options.publicUrl}/admin/setup?token=${encodeURIComponent(token)}`

  const createSetupLink = async (staffId: string | null, purpose: 'first-owner' | 'invite') => {
    const { token, hash } = newSetupToken()
    const at = now()
    const expiresAt = new Date(at.getTime() + policy.setupLinkMs)
    await store.insertSetupToken(db, { hash, staffId, purpose, now: at, expiresAt })
    return { url: setupUrl(token), expiresAt }
  }

  /** Whether this account may be tried from this address now (see AccessPolicy). */
  const gate = async (attempt: AttemptKeys) => {
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
    attempt: AttemptKeys,
    call: CallContext,
    staffId: string | undefined,
    reason: string,
  ): Promise<void> => {
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
    staff: store.StaffRow,
    attempt: AttemptKeys,
    call: CallContext,
    factors: string,
  ) => {
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

  const checkTotp = async (staff: store.StaffRow, code: string): Promise<boolean> => {
    if (!staff.totpSecret) return false
    const result = verifyTotp(
      openTotpSecret(keys, staff.id, staff.totpSecret),
      code,
      now(),
      staff.totpLastStep ?? -1,
    )
    return result.ok && (await store.claimTotpStep(db, staff.id, result.step))
  }

  const attemptKeys = (email: string, ip: string): AttemptKeys => ({
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
    input: { email: string; password: string; totp: string },
    attempt: AttemptKeys,
    call: CallContext,
  ) => {
    const staff = await store.findStaffByEmail(db, input.email)
    if (!staff?.totpEnabled || !staff.passwordHash) return undefined
    const passed =
      (await checkTotp(staff, input.totp)) && (await verifyPassword(input.password, staff.passwordHash))
    if (passed) return succeedSignIn(staff, attempt, call, 'password+totp')
    await store.recordAttempt(db, [{ kind: 'pair', key: attempt.pairKey }], true, now())
    return undefined
  }

  return {
    policy,

    /**
     * Password sign-in. Unknown email, missing password and wrong password give the same answer after
     * the same scrypt work. With a second factor enrolled: `totp` checks it at once (API), or without
     * it a short pending session waits for the code (console).
     */
    async signIn(
      input: { email: string; password: string; totp?: string | undefined; pendingAllowed: boolean },
      call: CallContext,
    ): Promise<SignInOutcome> {
      const email = normaliseStaffEmail(input.email)
      const attempt = attemptKeys(email, call.ip)
      const open = await gate(attempt)
      if (open.kind !== 'open') {
        if (open.by === 'address' && input.totp !== undefined) {
          const passed = await passAddressThrottle({ ...input, email, totp: input.totp }, attempt, call)
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
        await failSignIn(attempt, call, staff?.id, 'credentials')
        return { ok: false, reason: 'invalid' }
      }
      if (staff.passwordHash && needsRehash(staff.passwordHash))
        await store.updateStaff(db, staff.id, { passwordHash: await hashPassword(input.password) }, now())
      if (!staff.totpEnabled) return succeedSignIn(staff, attempt, call, 'password')
      if (input.totp !== undefined) {
        if (await checkTotp(staff, input.totp)) return succeedSignIn(staff, attempt, call, 'password+totp')
        await failSignIn(attempt, call, staff.id, 'second-factor')
        return { ok: false, reason: 'second-factor-invalid' }
      }
      if (!input.pendingAllowed) return { ok: false, reason: 'second-factor-invalid' }
      return { ok: true, kind: 'second-factor', pending: await issueSession(staff.id, 'totp') }
    },

    /** The console's second step: the pending session from `signIn` plus a TOTP code. */
    async completeSecondFactor(pendingId: string, code: string, call: CallContext): Promise<SignInOutcome> {
      const pending = await store.findSession(db, hashSessionId(keys, pendingId))
      if (
        pending?.stage !== 'totp' ||
        sessionState(pending, now(), { ...policy, sessionIdleMs: policy.pendingMs }) !== 'active'
      ) {
        return { ok: false, reason: 'invalid' }
      }
      const attempt = attemptKeys(pending.staff.email, call.ip)
      // The pending session proves the password, and the address throttle let it through then: only
      // the pair's own delay applies to its codes.
      const open = await gate(attempt)
      if (open.kind === 'throttled' && open.by === 'pair') {
        await store.revokeSession(db, pending.idHash, now())
        return { ok: false, reason: 'throttled', retryAfterSeconds: open.retryAfterSeconds }
      }
      const recovery = looksLikeRecoveryCode(code) && !/^\s*\d{6}\s*$/.test(code)
      const passed = recovery
        ? await store.useRecoveryCode(
            db,
            pending.staff.id,
            hashRecoveryCode(keys, pending.staff.id, code),
            now(),
          )
        : await checkTotp(pending.staff, code)
      if (!passed) {
        await failSignIn(attempt, call, pending.staff.id, 'second-factor')
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
      return succeedSignIn(pending.staff, attempt, call, 'password+totp')
    },

    /** Resolves a session cookie to a principal; touches it to extend the idle timeout. */
    async authenticateSession(sessionId: string): Promise<Principal | undefined> {
      const session = await store.findSession(db, hashSessionId(keys, sessionId))
      if (session?.stage !== 'active') return undefined
      const at = now()
      if (sessionState(session, at, policy) !== 'active') return undefined
      // At most one write a minute per session.
      if (at.getTime() - session.lastSeenAt.getTime() > 60_000)
        await store.touchSession(db, session.idHash, at)
      return {
        kind: 'staff',
        id: session.staff.id,
        role: session.staff.role,
        permissions: capabilitiesOf(session.staff.role),
        csrfToken: csrfTokenFor(keys, sessionId),
      }
    },

    /** The key's principal, without I/O, when it was checked within the last second and its last use is recorded. */
    cachedApiKey(key: string): Principal | undefined {
      const at = now().getTime()
      const entry = freshApiKey(key, at)
      return entry && !lastUseDue(entry, at) ? entry.principal : undefined
    },

    /**
     * Resolves an API key to a principal with its scopes that its creator's current role grants.
     * Revoked or unknown: undefined.
     */
    async authenticateApiKey(key: string, call: CallContext): Promise<Principal | undefined> {
      if (!looksLikeApiKey(key)) return undefined
      const at = now()
      let entry = freshApiKey(key, at.getTime())
      if (!entry) {
        const row = await store.findApiKeyByHash(db, hashApiKey(key))
        if (!row || row.revokedAt) {
          apiKeyCache.delete(key)
          await audit({
            action: 'api-key.refused',
            actor: row ? { type: 'api-key', id: row.id } : { type: 'anonymous', id: 'unknown' },
            ip: call.ip,
            ...(call.requestId ? { requestId: call.requestId } : {}),
            details: { reason: row ? 'revoked' : 'unknown' },
          })
          return undefined
        }
        if (apiKeyCache.size >= 1000) apiKeyCache.clear()
        entry = {
          id: row.id,
          createdBy: row.createdBy,
          lastUsedAt: row.lastUsedAt,
          until: at.getTime() + apiKeyCacheMs,
          principal: {
            kind: 'api-key',
            id: row.id,
            role: 'api-key',
            permissions: new Set(effectiveScopes(row.scopes, row.creatorRole)),
          },
        }
        apiKeyCache.set(key, entry)
      }
      if (lastUseDue(entry, at.getTime())) {
        entry.lastUsedAt = at
        await store.touchApiKey(db, entry.id, at)
      }
      return entry.principal
    },

    csrfTokenFor: (sessionId: string) => csrfTokenFor(keys, sessionId),

    async signOut(sessionId: string, actor: StaffActor, call: CallContext): Promise<void> {
      await store.revokeSession(db, hashSessionId(keys, sessionId), now())
      await audit({ action: 'staff.logout', ...staffActor(actor, call) })
    },

    /** Drops a pending (second-factor) session, e.g. when the member goes back to the password step. */
    async discardPending(sessionId: string): Promise<void> {
      await store.revokeSession(db, hashSessionId(keys, sessionId), now())
    },

    async getStaff(id: string): Promise<StaffView | undefined> {
      if (!isUuid(id)) return undefined
      const row = await store.findStaffById(db, id)
      return row && toView(row)
    },

    /** Records that a member downloaded audit entries (the export is itself in the audit log). */
    async recordAuditExport(
      actor: { readonly type: 'staff' | 'api-key'; readonly id: string },
      details: Readonly<Record<string, string | number>>,
      call?: CallContext,
    ): Promise<void> {
      await audit({
        action: 'audit.exported',
        actor: { type: actor.type, id: actor.id },
        ...(call ? { ip: call.ip } : {}),
        ...(call?.requestId ? { requestId: call.requestId } : {}),
        details: { ...details },
      })
    },

    /** How many unused recovery codes a member has left. */
    recoveryCodesLeft: (staffId: string): Promise<number> => store.countUnusedRecoveryCodes(db, staffId),

    async listStaff(): Promise<(StaffView & { liveSessions: number })[]> {
      const [rows, sessions] = await Promise.all([store.listStaff(db), store.countLiveSessions(db, now())])
      return rows.map((r) => ({ ...toView(r), liveSessions: sessions.get(r.id) ?? 0 }))
    },

    /** Invites a member: creates them without a password and returns a one-time setup link. */
    async invite(
      actor: StaffActor,
      input: { email: string; role: Role },
      call?: CallContext,
    ): Promise<{ ok: true; staff: StaffView; setupUrl: string; expiresAt: Date } | ActionRefusal> {
      if (!canManageRole(actor.role, input.role)) return { ok: false, reason: 'above-actor' }
      const email = normaliseStaffEmail(input.email)
      const id = randomUUID()
      if (!(await store.insertStaff(db, { id, email, role: input.role, passwordHash: null, now: now() }))) {
        return { ok: false, reason: 'conflict', message: 'A staff member with this email already exists.' }
      }
      const link = await createSetupLink(id, 'invite')
      await audit({
        action: 'staff.invited',
        ...staffActor(actor, call),
        target: id,
        details: { role: input.role },
      })
      const staff = await store.findStaffById(db, id)
      return {
        ok: true,
        staff: toView(staff as store.StaffRow),
        setupUrl: link.url,
        expiresAt: link.expiresAt,
      }
    },

    /** A new setup link for an invited member who has not finished (the old one stops working). */
    async reissueInvite(
      actor: StaffActor,
      staffId: string,
      call?: CallContext,
    ): Promise<{ ok: true; setupUrl: string; expiresAt: Date } | ActionRefusal> {
      const target = isUuid(staffId) ? await store.findStaffById(db, staffId) : undefined
      if (!target) return { ok: false, reason: 'not-found' }
      if (!canManageRole(actor.role, target.role)) return { ok: false, reason: 'above-actor' }
      if (target.passwordHash)
        return { ok: false, reason: 'conflict', message: 'This member has already set a password.' }
      const link = await createSetupLink(target.id, 'invite')
      await audit({
        action: 'staff.invited',
        ...staffActor(actor, call),
        target: target.id,
        details: { role: target.role, reissued: true },
      })
      return { ok: true, setupUrl: link.url, expiresAt: link.expiresAt }
    },

    async changeRole(
      actor: StaffActor,
      targetId: string,
      role: Role,
      call?: CallContext,
    ): Promise<{ ok: true; staff: StaffView } | ActionRefusal> {
      const target = isUuid(targetId) ? await store.findStaffById(db, targetId) : undefined
      if (!target) return { ok: false, reason: 'not-found' }
      const check = checkRoleChange({
        actorId: actor.id,
        actorRole: actor.role,
        targetId,
        from: target.role,
        to: role,
        ownerCount: await store.countOwners(db),
      })
      if (!check.ok) {
        await audit({
          action: 'staff.role-change-refused',
          ...staffActor(actor, call),
          target: target.id,
          details: { from: target.role, to: role, reason: check.reason },
        })
        return { ok: false, reason: check.reason }
      }
      if (target.role === role) return { ok: true, staff: toView(target) }
      await store.updateStaff(db, target.id, { role }, now())
      // A changed role takes effect at once: every existing session of the member ends, and the keys
      // they created are checked against the new role from the next call on.
      await store.revokeSessionsOf(db, target.id, now())
      for (const [cached, entry] of apiKeyCache) if (entry.createdBy === target.id) apiKeyCache.delete(cached)
      await audit({
        action: 'staff.role-changed',
        ...staffActor(actor, call),
        target: target.id,
        details: { from: target.role, to: role },
      })
      return { ok: true, staff: { ...toView(target), role } }
    },

    async revokeSessions(
      actor: StaffActor,
      targetId: string,
      call?: CallContext,
    ): Promise<{ ok: true; revoked: number } | ActionRefusal> {
      const target = isUuid(targetId) ? await store.findStaffById(db, targetId) : undefined
      if (!target) return { ok: false, reason: 'not-found' }
      if (actor.id !== target.id && !canManageRole(actor.role, target.role))
        return { ok: false, reason: 'above-actor' }
      const revoked = await store.revokeSessionsOf(db, target.id, now())
      await audit({
        action: 'staff.sessions-revoked',
        ...staffActor(actor, call),
        target: target.id,
        details: { count: revoked },
      })
      return { ok: true, revoked }
    },

    /** Changes one's own password; every session ends and a new one is issued to the caller. */
    async changePassword(
      actor: StaffActor,
      input: { current: string; next: string },
      call: CallContext,
    ): Promise<{ ok: true; session: IssuedSession } | ActionRefusal> {
      const staff = await store.findStaffById(db, actor.id)
      if (!staff?.passwordHash || !(await verifyPassword(input.current, staff.passwordHash))) {
        return { ok: false, reason: 'invalid', field: 'current', message: 'The current password is wrong.' }
      }
      const rule = checkNewPassword(input.next)
      if (!rule.ok)
        return { ok: false, reason: 'invalid', field: 'next', message: `The new password ${rule.message}.` }
      await store.updateStaff(db, staff.id, { passwordHash: await hashPassword(input.next) }, now())
      await store.revokeSessionsOf(db, staff.id, now())
      await audit({ action: 'staff.password-changed', ...staffActor(actor, call), target: staff.id })
      return { ok: true, session: await issueSession(staff.id, 'active') }
    },

    /**
     * Starts TOTP enrolment: a new secret, shown once (base32 and otpauth URI). It is trusted only
     * after `confirmTotp` proves the authenticator holds it.
     */
    async beginTotp(actor: StaffActor): Promise<{ ok: true; secret: string; uri: string } | ActionRefusal> {
      const staff = await store.findStaffById(db, actor.id)
      if (!staff) return { ok: false, reason: 'not-found' }
      if (staff.totpEnabled)
        return {
          ok: false,
          reason: 'conflict',
          message: 'A second factor is already enrolled. Remove it first.',
        }
      const secret = generateTotpSecret()
      await store.updateStaff(
        db,
        staff.id,
        { totpSecret: sealTotpSecret(keys, staff.id, secret), totpLastStep: null },
        now(),
      )
      return {
        ok: true,
        secret: base32Encode(secret),
        uri: otpauthUri(secret, { issuer: options.issuer, account: staff.email }),
      }
    },

    async confirmTotp(
      actor: StaffActor,
      code: string,
      call?: CallContext,
    ): Promise<{ ok: true; recoveryCodes: string[] } | ActionRefusal> {
      const staff = await store.findStaffById(db, actor.id)
      if (!staff?.totpSecret || staff.totpEnabled)
        return { ok: false, reason: 'conflict', message: 'Start enrolment first.' }
      if (!(await checkTotp(staff, code)))
        return {
          ok: false,
          reason: 'invalid',
          field: 'code',
          message: 'The code is wrong or expired. Enter the current code from your authenticator app.',
        }
      await store.updateStaff(db, staff.id, { totpEnabled: true }, now())
      // Shown once; only keyed hashes are kept.
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
      await store.replaceRecoveryCodes(
        db,
        staff.id,
        recoveryCodes.map((c) => hashRecoveryCode(keys, staff.id, c)),
        now(),
      )
      await audit({ action: 'staff.totp-enabled', ...staffActor(actor, call), target: staff.id })
      return { ok: true, recoveryCodes }
    },

    async disableTotp(
      actor: StaffActor,
      code: string,
      call?: CallContext,
    ): Promise<{ ok: true } | ActionRefusal> {
      const staff = await store.findStaffById(db, actor.id)
      if (!staff?.totpEnabled)
        return { ok: false, reason: 'conflict', message: 'No second factor is enrolled.' }
      if (!(await checkTotp(staff, code)))
        return { ok: false, reason: 'invalid', field: 'code', message: 'The code is wrong or expired.' }
      await store.updateStaff(
        db,
        staff.id,
        { totpEnabled: false, totpSecret: null, totpLastStep: null },
        now(),
      )
      await store.replaceRecoveryCodes(db, staff.id, [], now())
      await audit({ action: 'staff.totp-disabled', ...staffActor(actor, call), target: staff.id })
      return { ok: true }
    },

    /** A first-owner setup link while no staff exists; each call replaces the previous link. */
    async firstOwnerLink(): Promise<{ url: string; expiresAt: Date } | undefined> {
      if ((await store.countStaff(db)) > 0) return undefined
      return createSetupLink(null, 'first-owner')
    },

    /** Creates a member directly (the CLI, run by whoever operates the server). */
    async createMember(input: {
      email: string
      role: Role
      password?: string
    }): Promise<{ ok: true; staff: StaffView; setupUrl?: string; expiresAt?: Date } | ActionRefusal> {
      if (input.password !== undefined) {
        const rule = checkNewPassword(input.password)
        if (!rule.ok)
          return { ok: false, reason: 'invalid', field: 'password', message: `The password ${rule.message}.` }
      }
      const id = randomUUID()
      const email = normaliseStaffEmail(input.email)
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
      if (!(await store.insertStaff(db, { id, email, role: input.role, passwordHash, now: now() }))) {
        return { ok: false, reason: 'conflict', message: 'A staff member with this email already exists.' }
      }
      await audit({
        action: 'staff.invited',
        actor: { type: 'system', id: 'cli' },
        target: id,
        details: { role: input.role },
      })
      const staff = toView((await store.findStaffById(db, id)) as store.StaffRow)
      if (passwordHash) return { ok: true, staff }
      const link = await createSetupLink(id, 'invite')
      return { ok: true, staff, setupUrl: link.url, expiresAt: link.expiresAt }
    },

    /** What a setup link is for, without using it up (the setup page's GET). */
    async describeSetupLink(
      token: string,
    ): Promise<{ purpose: 'first-owner' } | { purpose: 'invite'; email: string } | undefined> {
      const row = await store.findSetupToken(db, hashSetupToken(token), now())
      if (!row) return undefined
      if (row.purpose === 'first-owner')
        return (await store.countStaff(db)) === 0 ? { purpose: 'first-owner' } : undefined
      const staff = row.staffId ? await store.findStaffById(db, row.staffId) : undefined
      return staff && !staff.passwordHash ? { purpose: 'invite', email: staff.email } : undefined
    },

    /** Uses a setup link once: sets the invited member's password, or creates the first owner. */
    async completeSetup(
      input: { token: string; password: string; email?: string | undefined },
      call: CallContext,
    ): Promise<{ ok: true; staff: StaffView } | ActionRefusal> {
      const rule = checkNewPassword(input.password)
      if (!rule.ok)
        return { ok: false, reason: 'invalid', field: 'password', message: `The password ${rule.message}.` }
      const passwordHash = await hashPassword(input.password)
      const at = now()
      const result = await db.transaction().execute(async (trx) => {
        const token = await store.consumeSetupToken(trx, hashSetupToken(input.token), at)
        if (!token) return undefined
        if (token.purpose === 'first-owner') {
          if (!input.email || (await store.countStaff(trx)) > 0) return undefined
          const id = randomUUID()
          if (
            !(await store.insertStaff(trx, {
              id,
              email: normaliseStaffEmail(input.email),
              role: 'owner',
              passwordHash,
              now: at,
            }))
          )
            return undefined
          return store.findStaffById(trx, id)
        }
        const staff = token.staffId ? await store.findStaffById(trx, token.staffId) : undefined
        if (!staff || staff.passwordHash) return undefined
        await store.updateStaff(trx, staff.id, { passwordHash }, at)
        return { ...staff, passwordHash }
      })
      if (!result) return { ok: false, reason: 'not-found' }
      await audit({
        action: 'staff.setup-completed',
        actor: { type: 'staff', id: result.id },
        ip: call.ip,
        ...(call.requestId ? { requestId: call.requestId } : {}),
        details: { role: result.role },
      })
      return { ok: true, staff: toView(result) }
    },

    async listApiKeys(): Promise<ApiKeyView[]> {
      return (await store.listApiKeys(db)).map(toKeyView)
    },

    /** Creates a key; the secret is returned here once and never again. */
    async createApiKey(
      actor: StaffActor,
      input: { name: string; scopes: readonly ApiKeyScope[] },
      call?: CallContext,
    ): Promise<{ ok: true; key: string; view: ApiKeyView } | ActionRefusal> {
      const scopes = [...new Set(input.scopes)]
      const beyond = ungrantableScopes(actor.permissions, scopes)
      if (beyond.length > 0)
        return {
          ok: false,
          reason: 'invalid',
          field: 'scopes',
          message: `You cannot grant capabilities you do not hold: ${beyond.join(', ')}.`,
        }
      if (scopes.length === 0)
        return { ok: false, reason: 'invalid', field: 'scopes', message: 'Choose at least one scope.' }
      const { key, displayPrefix, hash } = newApiKey()
      const id = randomUUID()
      const createdAt = now()
      await store.insertApiKey(db, {
        id,
        name: input.name,
        displayPrefix,
        hash,
        scopes,
        createdBy: actor.id,
        createdAt,
      })
      await audit({
        action: 'api-key.created',
        ...staffActor(actor, call),
        target: id,
        details: { scopes: scopes.join(' ') },
      })
      return {
        ok: true,
        key,
        view: { id, name: input.name, displayPrefix, scopes, createdAt, lastUsedAt: null, revokedAt: null },
      }
    },

    async revokeApiKey(
      actor: StaffActor,
      id: string,
      call?: CallContext,
    ): Promise<{ ok: true } | ActionRefusal> {
      const row = isUuid(id) ? await store.findApiKey(db, id) : undefined
      if (!row) return { ok: false, reason: 'not-found' }
      if (row.revokedAt) return { ok: true }
      await store.revokeApiKey(db, id, now())
      for (const [cached, entry] of apiKeyCache) if (entry.id === id) apiKeyCache.delete(cached)
      await audit({ action: 'api-key.revoked', ...staffActor(actor, call), target: id })
      return { ok: true }
    },

    async auditRefusal(
      request: {
        principal: Principal | undefined
        ip: string
        id: string
        method: string
        route: string
        permission: string
      },
      code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CSRF_FAILED',
    ): Promise<void> {
      const actor = request.principal
        ? { type: request.principal.kind, id: request.principal.id }
        : { type: 'anonymous' as const, id: 'unknown' }
      await audit({
        action: 'access.refused',
        actor,
        ip: request.ip,
        requestId: request.id,
        details: { code, method: request.method, route: request.route, permission: request.permission },
      })
    },
  }
}

export type StaffAccess = ReturnType<typeof createStaffAccess>
