import { z } from 'zod'
import { migrationStatus } from '../platform/db/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { apiDocs } from './api-docs.ts'
import type { SystemPorts } from './ports.ts'

const HealthView = z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() })
const ReadyView = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
  }),
  pendingMigrations: z.array(z.string()),
})

/** Liveness, readiness, metrics and the OpenAPI document. Probes log only warnings: they run every
 * few seconds. /metrics needs the system:metrics capability. /healthz and /metrics are for machines, not browsers, so they skip the browser security headers. */
export const systemRoutes = (ctx: SystemPorts) => async (app: AmanaServer) => {
  // Probes run every few seconds and under load, and log nothing but warnings (the shell gives such
  // routes one shared logger). Liveness has nothing to wait for: its answer is returned, not a
  // promise, and stringified without a schema pass (the schema still documents it).
  const probe = { logLevel: 'warn' } as const
  // Descriptions and examples the OpenAPI document adds to operations (the shell builds it once, lazily).
  for (const [key, doc] of Object.entries(apiDocs)) app.apiDocs.set(key, doc)
  app.get(
    '/healthz',
    {
      schema: { tags: ['system'], summary: 'The process is alive', response: { 200: HealthView } },
      config: { permission: 'public', securityHeaders: false },
      ...probe,
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    () => ({
      status: 'ok' as const,
      version: ctx.version,
      uptimeSeconds: Math.round(process.uptime()),
    }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The database answers and migrations are current',
        response: { 200: ReadyView, 503: ReadyView },
      },
      config: { permission: 'public' },
      ...probe,
    },
    async (_request, reply) => {
      try {
        const status = await migrationStatus(ctx.database.db)
        const view = {
          status: status.current ? ('ready' as const) : ('not-ready' as const),
          checks: {
            database: 'ok' as const,
            migrations: status.current ? ('current' as const) : ('pending' as const),
          },
          pendingMigrations: [...status.pending],
        }
        return reply.code(status.current ? 200 : 503).send(view)
      } catch {
        return reply.code(503).send({
          status: 'not-ready',
          checks: { database: 'unreachable', migrations: 'unknown' },
          pendingMigrations: [],
        })
      }
    },
  )

  // Operational counters only; no personal data is ever a label. Still not for everyone: route
  // names, traffic and error rates map the service for an attacker. A scraper sends an API key with
  // the system:metrics scope ("Authorization: Bearer …").
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { permission: 'system:metrics', securityHeaders: false }, ...probe },
    async (_request, reply) => {
      reply.type(app.metrics.registry.contentType)
      return app.metrics.registry.metrics()
    },
  )

  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () =>
    app.swagger(),
  )
}
