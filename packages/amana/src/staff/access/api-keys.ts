import { randomUUID } from 'node:crypto'
import type { Principal } from '../../platform/http/index.ts'
import { type ApiKeyScope, effectiveScopes, ungrantableScopes } from '../domain/roles.ts'
import { hashApiKey, looksLikeApiKey, newApiKey } from '../domain/tokens.ts'
import * as store from '../store.ts'
import type { AccessCore } from './core.ts'
import type { ActionRefusal, ApiKeyView, CallContext, StaffActor } from './types.ts'
import { isUuid, toKeyView } from './views.ts'

/** API keys: resolving one to a principal (cached for a second), creating and revoking them. */
// long-function: a use-case object: each method is one use case of a few lines over the shared core
export const apiKeyUseCases = (core: AccessCore) => {
  const { db, now, audit, staffActor, apiKeyCache } = core
  const apiKeyCacheMs = 1000
  const freshApiKey = (key: string, at: number) => {
    const entry = apiKeyCache.get(key)
    return entry && entry.until > at ? entry : undefined
  }
  // Last use is kept to the minute: no write on the hot path of a busy backend.
  const lastUseDue = (entry: { lastUsedAt: Date | null }, at: number) =>
    !entry.lastUsedAt || at - entry.lastUsedAt.getTime() > 60_000
  return {
    /** The key's principal, without I/O, when it was checked within the last second and its last use is recorded. */
    cachedApiKey(key: string): Principal | undefined {
      const at = now().getTime()
      const entry = freshApiKey(key, at)
      return entry && !lastUseDue(entry, at) ? entry.principal : undefined
    },

    /**
     * Resolves an API key to a principal with its scopes that its creator's current role grants.
     * Revoked or unknown: undefined.
     */
    async authenticateApiKey(key: string, call: CallContext): Promise<Principal | undefined> {
      if (!looksLikeApiKey(key)) return undefined
      const at = now()
      let entry = freshApiKey(key, at.getTime())
      if (!entry) {
        const row = await store.findApiKeyByHash(db, hashApiKey(key))
        if (!row || row.revokedAt) {
          apiKeyCache.delete(key)
          await audit({
            action: 'api-key.refused',
            actor: row ? { type: 'api-key', id: row.id } : { type: 'anonymous', id: 'unknown' },
            ip: call.ip,
            ...(call.requestId ? { requestId: call.requestId } : {}),
            details: { reason: row ? 'revoked' : 'unknown' },
          })
          return undefined
        }
        if (apiKeyCache.size >= 1000) apiKeyCache.clear()
        entry = {
          id: row.id,
          createdBy: row.createdBy,
          lastUsedAt: row.lastUsedAt,
          until: at.getTime() + apiKeyCacheMs,
          principal: {
            kind: 'api-key',
            id: row.id,
            role: 'api-key',
            permissions: new Set(effectiveScopes(row.scopes, row.creatorRole)),
          },
        }
        apiKeyCache.set(key, entry)
      }
      if (lastUseDue(entry, at.getTime())) {
        entry.lastUsedAt = at
        await store.touchApiKey(db, entry.id, at)
      }
      return entry.principal
    },

    async listApiKeys(): Promise<ApiKeyView[]> {
      return (await store.listApiKeys(db)).map(toKeyView)
    },

    /** Creates a key; the secret is returned here once and never again. */
    async createApiKey(
      actor: StaffActor,
      input: { name: string; scopes: readonly ApiKeyScope[] },
      call?: CallContext,
    ): Promise<{ ok: true; key: string; view: ApiKeyView } | ActionRefusal> {
      const scopes = [...new Set(input.scopes)]
      const beyond = ungrantableScopes(actor.permissions, scopes)
      if (beyond.length > 0)
        return {
          ok: false,
          reason: 'invalid',
          field: 'scopes',
          message: `You cannot grant capabilities you do not hold: ${beyond.join(', ')}.`,
        }
      if (scopes.length === 0)
        return { ok: false, reason: 'invalid', field: 'scopes', message: 'Choose at least one scope.' }
      const { key, displayPrefix, hash } = newApiKey()
      const id = randomUUID()
      const createdAt = now()
      await store.insertApiKey(db, {
        id,
        name: input.name,
        displayPrefix,
        hash,
        scopes,
        createdBy: actor.id,
        createdAt,
      })
      await audit({
        action: 'api-key.created',
        ...staffActor(actor, call),
        target: id,
        details: { scopes: scopes.join(' ') },
      })
      return {
        ok: true,
        key,
        view: { id, name: input.name, displayPrefix, scopes, createdAt, lastUsedAt: null, revokedAt: null },
      }
    },

    async revokeApiKey(
      actor: StaffActor,
      id: string,
      call?: CallContext,
    ): Promise<{ ok: true } | ActionRefusal> {
      const row = isUuid(id) ? await store.findApiKey(db, id) : undefined
      if (!row) return { ok: false, reason: 'not-found' }
      if (row.revokedAt) return { ok: true }
      await store.revokeApiKey(db, id, now())
      for (const [cached, entry] of apiKeyCache) if (entry.id === id) apiKeyCache.delete(cached)
      await audit({ action: 'api-key.revoked', ...staffActor(actor, call), target: id })
      return { ok: true }
    },
  }
}
