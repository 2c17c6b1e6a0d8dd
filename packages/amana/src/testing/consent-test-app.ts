// Test support: a real server (platform shell + site + consent routes) over a real test database.
import type { AppContext } from '../app/app-context.ts'
import { type LoadedManifest, shopProfileOf } from '../app/app-manifest.ts'
import { amanaVersion } from '../app/version.ts'
import type { AuditPort, ConsentAuditEvent } from '../consent/index.ts'
import {
  type ConsentDeps,
  type ConsentService,
  consentRoutes,
  createConsentService,
} from '../consent/index.ts'
import { packsFor } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import { type AmanaServer, type Authenticate, createServer, isPermission } from '../platform/http/index.ts'
import { siteRoutes } from '../site/index.ts'
import { createTestConfig, createTestLogger, loadDemoManifest } from './test-app.ts'
import { createTestDatabase } from './test-database.ts'

/** `Authorization: Bearer test:consent:read,decisions:read` → an API key with those permissions. */
export const testAuthenticate: Authenticate = async (request) => {
  const auth = request.headers.authorization
  if (!auth?.startsWith('Bearer test:')) return undefined
  const permissions = new Set(auth.slice('Bearer test:'.length).split(',').filter(isPermission))
  return { kind: 'api-key', id: 'test-key', role: 'api-key', permissions }
}

export const staff = (...permissions: string[]) => ({ authorization: `Bearer test:${permissions.join(',')}` })

/** The RUMROM manifest, optionally changed (e.g. served under CCPA) for one test. */
export const demoManifest = async (change: (m: Manifest) => Manifest = (m) => m): Promise<LoadedManifest> => {
  const loaded = await loadDemoManifest()
  const manifest = change(structuredClone(loaded.manifest))
  return { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) }
}

export interface ConsentTestApp {
  readonly app: AmanaServer
  readonly ctx: AppContext
  readonly consent: ConsentService
  readonly database: AmanaDatabase
  readonly audit: ConsentAuditEvent[]
  close(): Promise<void>
}

export const createConsentTestApp = async (
  options: {
    manifest?: LoadedManifest
    config?: Config
    database?: AmanaDatabase
    deps?: Partial<ConsentDeps>
    now?: () => Date
    routes?: (app: AmanaServer) => Promise<void>
    recordRateLimit?: number
  } = {},
): Promise<ConsentTestApp> => {
  const database = options.database ?? (await createTestDatabase())
  const config = options.config ?? createTestConfig()
  const logger = createTestLogger()
  const manifest = options.manifest ?? (await loadDemoManifest())
  const ctx: AppContext = {
    config,
    database,
    logger,
    jobs: undefined,
    manifest,
    shop: shopProfileOf(manifest.manifest),
    version: amanaVersion,
    now: options.now ?? (() => new Date()),
  }
  const audit: ConsentAuditEvent[] = []
  const auditPort: AuditPort = { append: async (e) => void audit.push(e) }
  const consent = await createConsentService(ctx, { audit: auditPort, ...options.deps })
  const app = await createServer({
    logger,
    bodyLimit: config.http.bodyLimit,
    trustProxy: false,
    publicUrl: config.http.publicUrl,
    version: amanaVersion,
    authenticate: testAuthenticate,
  })
  await app.register(siteRoutes(ctx))
  await app.register(
    consentRoutes(ctx, {
      consent,
      ...(options.recordRateLimit ? { recordRateLimit: options.recordRateLimit } : {}),
    }),
  )
  if (options.routes) await app.register(options.routes)
  await app.ready()
  return {
    app,
    ctx,
    consent,
    database,
    audit,
    close: async () => {
      await app.close()
      await consent.close()
      if (!options.database) await database.close()
    },
  }
}
