import type { Principal } from '../../platform/http/index.ts'
import type { AccessCore } from './core.ts'
import type { CallContext } from './types.ts'

/** What access writes to the audit log for other features: audit exports and refused requests. */
export const auditRecordUseCases = (core: AccessCore) => {
  const { audit } = core
  return {
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
