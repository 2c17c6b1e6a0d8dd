import { createStaffAccess } from './access.ts'
import type { AuditSink } from './audit-port.ts'
import { deriveStaffKeys } from './domain/tokens.ts'
import type { StaffPorts } from './ports.ts'

/**
 * At start: while no staff member exists, a one-time link (24 h) that creates the first owner.
 * Each call replaces the previous link (only its hash is stored, so it cannot be shown again).
 * Returns undefined once anyone exists. There is no default password anywhere.
 */
export const ensureSetupLink = async (
  ctx: StaffPorts,
  audit: AuditSink = { append: async () => {} },
): Promise<string | undefined> => {
  const access = createStaffAccess({
    db: ctx.database.db,
    keys: deriveStaffKeys(ctx.config.secrets),
    audit,
    now: ctx.now,
    publicUrl: ctx.config.http.publicUrl,
    issuer: ctx.shop.name.en,
  })
  return (await access.firstOwnerLink())?.url
}
