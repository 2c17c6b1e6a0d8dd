import { type Permission, permissions } from '../../platform/http/index.ts'

export const roles = ['owner', 'privacy-officer', 'support-agent', 'viewer', 'developer'] as const
export type Role = (typeof roles)[number]

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value)

const everything = permissions.filter((p) => p !== 'public')

/**
 * What each role may do, as data. The route × role matrix test (test/security/route-matrix.test.ts)
 * checks every route against this table.
 */
export const roleCapabilities: Readonly<Record<Role, readonly Permission[]>> = {
  owner: everything,
  // Everything, but the rules in `canManageRole` keep owners out of a privacy officer's reach.
  'privacy-officer': everything,
  'support-agent': [
    'admin:console',
    'session:self',
    'requests:read',
    'requests:manage',
    'consent:read',
    'complaints:read',
    'complaints:write',
  ],
  viewer: [
    'admin:console',
    'session:self',
    'requests:read',
    'consent:read',
    'manifest:read',
    'decisions:read',
    'incidents:read',
    'complaints:read',
    'retention:read',
  ],
  developer: [
    'admin:console',
    'session:self',
    'api-keys:manage',
    'manifest:read',
    'decisions:read',
    'vault:tokenise',
    'disclosures:write',
    // Wires the shop's account pages to Amana: requests for customers the shop has signed in.
    'requests:submit',
    // Wires the shop's backend: sends the events retention clocks count from.
    'events:write',
    // Runs the shop's systems: may read Amana's metrics and give a scraper a key for them.
    'system:metrics',
  ],
}

export const capabilitiesOf = (role: Role): ReadonlySet<Permission> => new Set(roleCapabilities[role])

/** Capabilities an API key may carry: the shop backend's, never console, staff or key management. */
export const apiKeyScopes = [
  'decisions:read',
  'manifest:read',
  'consent:read',
  'requests:read',
  'requests:manage',
  'requests:submit',
  'consent:write',
  'vault:tokenise',
  'vault:detokenise',
  'disclosures:write',
  'events:write',
  'audit:read',
  'system:metrics',
] as const satisfies readonly Permission[]
export type ApiKeyScope = (typeof apiKeyScopes)[number]

export const isApiKeyScope = (value: unknown): value is ApiKeyScope =>
  typeof value === 'string' && (apiKeyScopes as readonly string[]).includes(value)

/**
 * Whether `actor` may give someone the role `role`, or act on someone who holds it (change their
 * role, sign them out, invite them). Nobody grants capabilities they lack, and only an owner
 * touches owners.
 */
export const canManageRole = (actor: Role, role: Role): boolean => {
  const held = capabilitiesOf(actor)
  if (!held.has('staff:manage')) return false
  if (role === 'owner' && actor !== 'owner') return false
  return roleCapabilities[role].every((c) => held.has(c))
}

export type RoleChangeRefusal = 'self' | 'above-actor' | 'last-owner'

/** The rules for changing `target`'s role from `from` to `to`, as a value. */
export const checkRoleChange = (input: {
  readonly actorId: string
  readonly actorRole: Role
  readonly targetId: string
  readonly from: Role
  readonly to: Role
  readonly ownerCount: number
}): { ok: true } | { ok: false; reason: RoleChangeRefusal } => {
  // Raising or lowering one's own role is always someone else's decision.
  if (input.actorId === input.targetId) return { ok: false, reason: 'self' }
  if (!canManageRole(input.actorRole, input.from) || !canManageRole(input.actorRole, input.to))
    return { ok: false, reason: 'above-actor' }
  if (input.from === 'owner' && input.to !== 'owner' && input.ownerCount <= 1)
    return { ok: false, reason: 'last-owner' }
  return { ok: true }
}

/** An API key's scopes must be a subset of what its creator holds. */
export const ungrantableScopes = (
  creator: ReadonlySet<Permission>,
  scopes: readonly ApiKeyScope[],
): ApiKeyScope[] => scopes.filter((s) => !creator.has(s))

/**
 * What a key may do now: its scopes that its creator's current role still grants. A demoted
 * creator's keys lose what the creator lost; a creator who no longer exists leaves them nothing.
 */
export const effectiveScopes = (scopes: readonly string[], creatorRole: string | null): ApiKeyScope[] => {
  if (!isRole(creatorRole)) return []
  const granted = capabilitiesOf(creatorRole)
  return scopes.filter(isApiKeyScope).filter((s) => granted.has(s))
}
