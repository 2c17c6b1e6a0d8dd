import { randomUUID } from 'node:crypto'
import { checkNewPassword, hashPassword } from '../domain/password.ts'
import type { Role } from '../domain/roles.ts'
import { hashSetupToken, normaliseStaffEmail } from '../domain/tokens.ts'
import type { StaffLanguage } from '../store.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { ActionRefusal, CallContext, StaffView } from './types.ts'
import { toView } from './views.ts'

/** Setup links: the first owner, members the CLI creates, and using a link once. */
// long-function: a use-case object: each method is one use case of a few lines over the shared core
export const setupUseCases = (core: AccessCore) => {
  const { db, now, audit, createSetupLink } = core
  return {
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
      language?: StaffLanguage
    }): Promise<{ ok: true; staff: StaffView; setupUrl?: string; expiresAt?: Date } | ActionRefusal> {
      if (input.password !== undefined) {
        const rule = checkNewPassword(input.password)
        if (!rule.ok)
          return { ok: false, reason: 'invalid', field: 'password', message: `The password ${rule.message}.` }
      }
      const id = randomUUID()
      const email = normaliseStaffEmail(input.email)
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
      const language = input.language
      if (
        !(await store.insertStaff(db, { id, email, role: input.role, passwordHash, language, now: now() }))
      ) {
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
      input: {
        token: string
        password: string
        email?: string | undefined
        /** The setup page's language: the first owner's (an invited member's came with the invitation). */
        language?: StaffLanguage | undefined
      },
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
              language: input.language,
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
  }
}
