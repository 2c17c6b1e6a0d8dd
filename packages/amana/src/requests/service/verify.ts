import { type CodeCheck, checkCode, hashCode } from '../domain/verification-code.ts'
import type { Actor } from '../requests-service.ts'
import type { RequestsKit } from './kit.ts'
import { afterVerified, sendCode, tell } from './notify.ts'

export const resendCode = async (
  k: RequestsKit,
  reference: string,
  token: string,
): Promise<'sent' | 'rateLimited' | 'not-found' | 'not-verifying'> => {
  const row = await k.store.byReference(reference)
  if (!row || !k.tokenMatches(row, token)) return 'not-found'
  if (row.status !== 'verifying') return 'not-verifying'
  return sendCode(k, row, k.deps.now())
}

/** The requester's code: a wrong one is counted and audited; the right one verifies the request. */
export const verifyCode = async (
  k: RequestsKit,
  reference: string,
  token: string,
  code: string,
): Promise<CodeCheck | { ok: false; reason: 'not-found' | 'not-verifying'; attemptsLeft: 0 }> => {
  const { store } = k
  const now = k.deps.now()
  const row = await store.byReference(reference)
  if (!row || !k.tokenMatches(row, token)) return { ok: false, reason: 'not-found', attemptsLeft: 0 }
  if (row.status !== 'verifying') return { ok: false, reason: 'not-verifying', attemptsLeft: 0 }
  const result = await store.checkCode(row.id, (stored) =>
    checkCode(
      stored
        ? { hash: stored.code_hash, expiresAt: stored.expires_at, attempts: stored.attempts }
        : undefined,
      code.trim(),
      hashCode(k.keys.code, row.id, code.trim()),
      now,
    ),
  )
  const requester: Actor = { type: 'requester', id: row.reference }
  if (!result.ok) {
    await store.addEvent(k.deps.db, row.id, now, {
      actor: requester,
      kind: 'code-refused',
      details: { reason: result.reason },
    })
    await k.audit('code-refused', requester, row.id, { reason: result.reason })
    return result
  }
  const needsStaff = row.requester_kind !== 'self'
  const moved = await store.move(
    row.id,
    ['verifying'],
    needsStaff ? 'awaiting-staff' : 'verified',
    now,
    { actor: requester, kind: 'verified', details: { method: `${row.channel}-code` } },
    { verification: `${row.channel}-code`, verified_at: now },
  )
  if (moved) {
    await k.audit('verified', requester, row.id, { method: `${row.channel}-code` })
    if (needsStaff) await tell(k, moved, 'review')
    else await afterVerified(k, moved, requester)
  }
  return result
}
