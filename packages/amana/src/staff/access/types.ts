import type { Permission } from '../../platform/http/index.ts'
import type { AuditSink } from '../audit-port.ts'
import type { AccessPolicy } from '../domain/policy.ts'
import type { Role, RoleChangeRefusal } from '../domain/roles.ts'
import type { StaffKeys } from '../domain/tokens.ts'
import type * as store from '../store.ts'

export interface StaffAccessOptions {
  readonly db: store.StaffDb
  readonly keys: StaffKeys
  readonly audit: AuditSink
  readonly now: () => Date
  /** Base of setup links, e.g. https://privacy.example.com. */
  readonly publicUrl: string
  /** Shown in authenticator apps next to the account. */
  readonly issuer: string
  readonly policy?: AccessPolicy
}

/** Where a call comes from, for the audit trail and the per-IP limit. */
export interface CallContext {
  readonly ip: string
  readonly requestId?: string
}

/** A signed-in staff member acting through the console or API. */
export interface StaffActor {
  readonly id: string
  readonly role: Role
  readonly permissions: ReadonlySet<Permission>
}

export interface StaffView {
  readonly id: string
  readonly email: string
  readonly role: Role
  readonly totpEnabled: boolean
  readonly hasPassword: boolean
  /** The language of the mail Amana sends the member. */
  readonly language: 'en' | 'ar'
  readonly createdAt: Date
}

export interface IssuedSession {
  /** The opaque id for the cookie; never stored. */
  readonly id: string
  readonly csrfToken: string
  readonly expiresAt: Date
}

export type SignInOutcome =
  | { ok: true; kind: 'signed-in'; staff: StaffView; session: IssuedSession }
  | { ok: true; kind: 'second-factor'; pending: IssuedSession }
  | { ok: false; reason: 'invalid' | 'second-factor-invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

export type ActionRefusal =
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; message: string }
  | { ok: false; reason: 'invalid'; field: string; message: string }
  | { ok: false; reason: RoleChangeRefusal | 'above-actor' }

export interface ApiKeyView {
  readonly id: string
  readonly name: string
  readonly displayPrefix: string
  readonly scopes: readonly string[]
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  readonly revokedAt: Date | null
}
