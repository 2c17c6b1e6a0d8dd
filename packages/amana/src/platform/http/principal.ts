import type { FastifyRequest } from 'fastify'
import type { Permission } from './permissions.ts'

/**
 * Who is calling: a signed-in staff member (session cookie) or the shop's backend (API key).
 * Resolved once per request by the `authenticate` port the staff feature provides.
 */
export interface Principal {
  readonly kind: 'staff' | 'api-key'
  readonly id: string
  /** Staff role, or 'api-key'. */
  readonly role: string
  readonly permissions: ReadonlySet<Permission>
  /** Present for cookie sessions: state-changing requests must carry this token. */
  readonly csrfToken?: string
}

/** May answer synchronously (e.g. an API key checked within the last second), else by a promise. */
export type Authenticate = (request: FastifyRequest) => Principal | undefined | Promise<Principal | undefined>

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined
  }
}
