/**
 * Named capabilities. Every route declares exactly one in `config.permission`; a route without one
 * fails at start (see create-server.ts). 'public' routes need no caller identity.
 */
export const permissions = [
  'public',
  'system:metrics',
  'admin:console',
  'audit:read',
  'staff:manage',
  'requests:read',
  'requests:manage',
  // The shop's backend submits a request for a customer it has signed in (no emailed code).
  'requests:submit',
  'consent:read',
  'consent:write',
  'manifest:read',
  'policy:publish',
  'vault:tokenise',
  'vault:detokenise',
  'decisions:read',
  // The incident register and privacy complaints (issue 19).
  'incidents:read',
  'incidents:write',
  'complaints:read',
  'complaints:write',
  // Retention (issue 16): the shop's events that start retention clocks; the plan, runs and report; the pause switch.
  'events:write',
  'retention:read',
  'retention:manage',
  // Hand a person's fields to a processor the manifest names (the shop's backend, before it sends them).
  'disclosures:write',
  // Any signed-in staff member acting on their own session (sign out, second factor, password).
  'session:self',
  'api-keys:manage',
] as const

export type Permission = (typeof permissions)[number]

export const isPermission = (value: unknown): value is Permission =>
  typeof value === 'string' && (permissions as readonly string[]).includes(value)

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission
  }
}
