import { apiKeyUseCases } from './access/api-keys.ts'
import { auditRecordUseCases } from './access/audit-records.ts'
import { createAccessCore } from './access/core.ts'
import { memberUseCases } from './access/members.ts'
import { ownAccountUseCases } from './access/own-account.ts'
import { sessionUseCases } from './access/sessions.ts'
import { setupUseCases } from './access/setup.ts'
import { signInUseCases } from './access/sign-in.ts'
import type { StaffAccessOptions } from './access/types.ts'

export type {
  ActionRefusal,
  ApiKeyView,
  CallContext,
  IssuedSession,
  SignInOutcome,
  StaffAccessOptions,
  StaffActor,
  StaffView,
} from './access/types.ts'

/**
 * Staff accounts, sessions, second factor, setup links and API keys, one use case per file in
 * access/. Every outcome a caller can cause is returned as a value; every security-relevant step is
 * appended to the audit ledger.
 */
export const createStaffAccess = (options: StaffAccessOptions) => {
  const core = createAccessCore(options)
  return {
    policy: core.policy,
    ...signInUseCases(core),
    ...sessionUseCases(core),
    ...apiKeyUseCases(core),
    ...memberUseCases(core),
    ...ownAccountUseCases(core),
    ...setupUseCases(core),
    ...auditRecordUseCases(core),
  }
}

export type StaffAccess = ReturnType<typeof createStaffAccess>
