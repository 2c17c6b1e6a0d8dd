import type { Principal } from '../../platform/http/index.ts'
import { sessionState } from '../domain/policy.ts'
import { capabilitiesOf } from '../domain/roles.ts'
import { csrfTokenFor, hashSessionId } from '../domain/tokens.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { CallContext, StaffActor } from './types.ts'

/** Console sessions: resolving a cookie to a principal, signing out. */
export const sessionUseCases = (core: AccessCore) => {
  const { db, keys, now, policy, audit, staffActor } = core
  return {
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

    csrfTokenFor: (sessionId: string) => csrfTokenFor(keys, sessionId),

    async signOut(sessionId: string, actor: StaffActor, call: CallContext): Promise<void> {
      await store.revokeSession(db, hashSessionId(keys, sessionId), now())
      await audit({ action: 'staff.logout', ...staffActor(actor, call) })
    },

    /** Drops a pending (second-factor) session, e.g. when the member goes back to the password step. */
    async discardPending(sessionId: string): Promise<void> {
      await store.revokeSession(db, hashSessionId(keys, sessionId), now())
    },
  }
}
