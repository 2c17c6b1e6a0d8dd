import { checkNewPassword, hashPassword, verifyPassword } from '../domain/password.ts'
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from '../domain/recovery-codes.ts'
import { sealTotpSecret } from '../domain/tokens.ts'
import { base32Encode, generateTotpSecret, otpauthUri } from '../domain/totp.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { ActionRefusal, CallContext, IssuedSession, StaffActor } from './types.ts'

/** One's own account: password, second factor enrolment, recovery codes. */
// long-function: a use-case object: each method is one use case of a few lines over the shared core
export const ownAccountUseCases = (core: AccessCore) => {
  const { db, keys, now, audit, staffActor, issueSession, checkTotp, options } = core
  return {
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

    /** Changes the language of the mail Amana sends one (reminders); audited like other account changes. */
    async changeLanguage(
      actor: StaffActor,
      language: store.StaffLanguage,
      call?: CallContext,
    ): Promise<{ ok: true } | ActionRefusal> {
      const staff = await store.findStaffById(db, actor.id)
      if (!staff) return { ok: false, reason: 'not-found' }
      if (staff.language === language) return { ok: true }
      await store.updateStaff(db, staff.id, { language }, now())
      await audit({
        action: 'staff.language-changed',
        ...staffActor(actor, call),
        target: staff.id,
        details: { from: staff.language, to: language },
      })
      return { ok: true }
    },

    /** How many unused recovery codes a member has left. */
    recoveryCodesLeft: (staffId: string): Promise<number> => store.countUnusedRecoveryCodes(db, staffId),
  }
}
