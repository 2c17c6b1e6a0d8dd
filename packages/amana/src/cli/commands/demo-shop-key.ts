import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { AppContext } from '../../app/app-context.ts'
import { createAuditLedger, deriveAuditSigningKey } from '../../audit/index.ts'
import {
  capabilitiesOf,
  createLedgerAuditSink,
  createStaffAccess,
  deriveStaffKeys,
  isRole,
} from '../../staff/index.ts'

/** What the demo shop's backend does with Amana: hand orders to the courier, show and record consent (a parent's, the newsletter's), send its newsletter. */
export const demoShopScopes = ['disclosures:write', 'consent:read', 'consent:write'] as const

/**
 * Writes the demo shop's API key to `keyFile` once an owner exists: created on the first owner's
 * behalf (an API key needs a creator whose role grants its scopes) and recorded in the audit ledger
 * as api-key.created, like a key made in the console. True once the file is there.
 */
export const provisionDemoShopKey = async (ctx: AppContext, keyFile: string): Promise<boolean> => {
  if (existsSync(keyFile)) return true
  const ledger = createAuditLedger({
    db: ctx.database.db,
    signingKey: deriveAuditSigningKey(ctx.config.secrets.rootKey),
  })
  const access = createStaffAccess({
    db: ctx.database.db,
    keys: deriveStaffKeys(ctx.config.secrets),
    audit: createLedgerAuditSink(ledger),
    now: ctx.now,
    publicUrl: ctx.config.http.publicUrl,
    issuer: ctx.shop.name.en,
  })
  const owner = (await access.listStaff()).find((s) => s.role === 'owner')
  if (!owner || !isRole(owner.role)) return false
  const created = await access.createApiKey(
    { id: owner.id, role: owner.role, permissions: capabilitiesOf(owner.role) },
    { name: 'RUMROM demo shop', scopes: [...demoShopScopes] },
  )
  await ledger.flush()
  if (!created.ok) return false
  await writeFile(keyFile, `${created.key}\n`, { mode: 0o600 })
  return true
}

/** Tries now and then every few seconds until the first owner has signed up; returns a stop function. */
export const provisionDemoShopKeyWhenReady = (
  ctx: AppContext,
  keyFile: string,
  onReady: () => void,
): (() => void) => {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const attempt = async () => {
    const done = await provisionDemoShopKey(ctx, keyFile).catch(() => false)
    if (done) onReady()
    else if (!stopped) timer = setTimeout(attempt, 3000).unref()
  }
  void attempt()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
