import { randomUUID } from 'node:crypto'
import { canManageRole, checkRoleChange, type Role } from '../domain/roles.ts'
import { normaliseStaffEmail } from '../domain/tokens.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { ActionRefusal, CallContext, StaffActor, StaffView } from './types.ts'
import { isUuid, toView } from './views.ts'

/** Staff members: listing, inviting, roles, ending their sessions. */
// long-function: a use-case object: each method is one use case of a few lines over the shared core
export const memberUseCases = (core: AccessCore) => {
  const { db, now, audit, staffActor, createSetupLink, apiKeyCache } = core
  return {
    async getStaff(id: string): Promise<StaffView | undefined> {
      if (!isUuid(id)) return undefined
      const row = await store.findStaffById(db, id)
      return row && toView(row)
    },

    async listStaff(): Promise<(StaffView & { liveSessions: number })[]> {
      const [rows, sessions] = await Promise.all([store.listStaff(db), store.countLiveSessions(db, now())])
      return rows.map((r) => ({ ...toView(r), liveSessions: sessions.get(r.id) ?? 0 }))
    },

    /** Invites a member: creates them without a password and returns a one-time setup link. */
    async invite(
      actor: StaffActor,
      input: { email: string; role: Role; language?: store.StaffLanguage | undefined },
      call?: CallContext,
    ): Promise<{ ok: true; staff: StaffView; setupUrl: string; expiresAt: Date } | ActionRefusal> {
      if (!canManageRole(actor.role, input.role)) return { ok: false, reason: 'above-actor' }
      const email = normaliseStaffEmail(input.email)
      const id = randomUUID()
      // The member reads Amana's mail in the language their invitation was written in.
      const inserted = await store.insertStaff(db, {
        id,
        email,
        role: input.role,
        passwordHash: null,
        language: input.language,
        now: now(),
      })
      if (!inserted) {
        return { ok: false, reason: 'conflict', message: 'A staff member with this email already exists.' }
      }
      const link = await createSetupLink(id, 'invite')
      await audit({
        action: 'staff.invited',
        ...staffActor(actor, call),
        target: id,
        details: { role: input.role, language: input.language ?? 'en' },
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
  }
}
