import type { Principal } from '../../platform/http/index.ts'
import type { StaffAuditEvent } from '../audit-port.ts'
import { type AccessPolicy, defaultAccessPolicy } from '../domain/policy.ts'
import {
  csrfTokenFor,
  hashSessionId,
  newSessionId,
  newSetupToken,
  openTotpSecret,
  type StaffKeys,
} from '../domain/tokens.ts'
import { verifyTotp } from '../domain/totp.ts'
import * as store from '../store.ts'
import type { CallContext, IssuedSession, StaffAccessOptions, StaffActor } from './types.ts'

interface CachedApiKey {
  readonly id: string
  readonly createdBy: string
  readonly principal: Principal
  readonly until: number
  lastUsedAt: Date | null
}

/** What the access use cases share: the store, keys, clock, policy, audit, and the API-key cache. */
export interface AccessCore {
  readonly db: store.StaffDb
  readonly keys: StaffKeys
  readonly now: () => Date
  readonly policy: AccessPolicy
  readonly options: StaffAccessOptions
  /**
   * A busy backend sends its API key with every decision; a valid key is looked up again at most
   * once a second, with its creator's current role. Revoking the key or changing its creator's role
   * drops it here at once; other processes follow within that second. Unknown and revoked keys are
   * never cached: each refusal is looked up and audited. The cache is keyed by the key itself (held
   * in memory as the request headers are; never logged), so a cached call skips the SHA-256 too.
   */
  readonly apiKeyCache: Map<string, CachedApiKey>
  audit(event: StaffAuditEvent): Promise<void>
  /** The audit fields of a staff member's action. */
  staffActor(
    actor: StaffActor,
    call: CallContext | undefined,
  ): { actor: { type: 'staff'; id: string }; ip?: string; requestId?: string }
  issueSession(staffId: string, stage: 'active' | 'totp'): Promise<IssuedSession>
  createSetupLink(
    staffId: string | null,
    purpose: 'first-owner' | 'invite',
  ): Promise<{ url: string; expiresAt: Date }>
  /** A TOTP code, each time step accepted once. */
  checkTotp(staff: store.StaffRow, code: string): Promise<boolean>
}

export const createAccessCore = (options: StaffAccessOptions): AccessCore => {
  const { db, keys, now } = options
  const policy = options.policy ?? defaultAccessPolicy
  const setupUrl = (token: string) => `${options.publicUrl}/admin/setup?token=${encodeURIComponent(token)}`
  return {
    db,
    keys,
    now,
    policy,
    options,
    apiKeyCache: new Map(),
    audit: (event) => options.audit.append(event),
    staffActor: (actor, call) => ({
      actor: { type: 'staff' as const, id: actor.id },
      ...(call ? { ip: call.ip } : {}),
      ...(call?.requestId ? { requestId: call.requestId } : {}),
    }),
    async issueSession(staffId, stage) {
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
    },
    async createSetupLink(staffId, purpose) {
      const { token, hash } = newSetupToken()
      const at = now()
      const expiresAt = new Date(at.getTime() + policy.setupLinkMs)
      await store.insertSetupToken(db, { hash, staffId, purpose, now: at, expiresAt })
      return { url: setupUrl(token), expiresAt }
    },
    async checkTotp(staff, code) {
      if (!staff.totpSecret) return false
      const result = verifyTotp(
        openTotpSecret(keys, staff.id, staff.totpSecret),
        code,
        now(),
        staff.totpLastStep ?? -1,
      )
      return result.ok && (await store.claimTotpStep(db, staff.id, result.step))
    },
  }
}
