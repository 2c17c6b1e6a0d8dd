import { once } from 'node:events'
import { join } from 'node:path'
import { openManifest } from '../../app/app-manifest.ts'
import { ensurePortFree, startAmana } from '../../app/start.ts'
import {
  type DemoAppPorts,
  type DemoApps,
  type DemoShop,
  demoAppsSourceOf,
  demoShopSourceOf,
  mailboxNotice,
  reserveDemoAppPorts,
  startDemoApps,
  startDemoAutopilot,
  startDemoShop,
  watchMailbox,
} from '../../demo/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import type { Config } from '../../platform/config/index.ts'
import { createLogger, type Logger } from '../../platform/logging/index.ts'
import { policyStore, publishPolicy } from '../../policy/index.ts'
import { ensureSetupLink } from '../../staff/index.ts'
import { type Command, type CommandIo, exitCodes } from '../cli-kit.ts'
import { serverOptions, workerOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'
import { demoShopScopes, provisionDemoShopKeyWhenReady } from './demo-shop-key.ts'

/**
 * In demo mode the example's own shop database (`shop/` beside the manifest) runs embedded in
 * `<data dir>/shop`, unless the operator already points the manifest's connection at a database.
 */
const openDemoShop = async (
  config: Config,
  manifest: Manifest,
  env: Readonly<Record<string, string | undefined>>,
): Promise<DemoShop | undefined> => {
  if (config.mode !== 'demo') return undefined
  const source = demoShopSourceOf(config.manifestPath)
  const named = Object.values(manifest.systems ?? {}).find((s) => s.kind === 'postgres')?.connection?.env
  if (!source || !named || env[named]) return undefined
  return startDemoShop({ dir: join(config.dataDir, 'shop'), source, manifest })
}

/**
 * With the embedded shop database, the example's shop and its payment/courier sandbox run too, as
 * their own processes. The shop's API key is written beside its database once an owner exists.
 */
const openDemoApps = async (
  config: Config,
  ports: DemoAppPorts | undefined,
  shop: DemoShop | undefined,
  ctx: Parameters<typeof provisionDemoShopKeyWhenReady>[0],
  env: Readonly<Record<string, string | undefined>>,
  say: (line: string) => void,
): Promise<{ apps: DemoApps; stopKey: () => void } | undefined> => {
  const source = demoAppsSourceOf(config.manifestPath)
  if (!shop || !source || !ports) return undefined
  const keyFile = join(config.dataDir, 'shop', 'amana-api-key')
  const apps = await startDemoApps({
    source,
    ports,
    shopEnv: shop.env,
    amanaUrl: config.http.publicUrl,
    keyFile,
    baseEnv: env,
  })
  const stopKey = provisionDemoShopKeyWhenReady(ctx, keyFile, () =>
    say(`  The shop's API key (${demoShopScopes.join(', ')}) is in ${keyFile}, created for the first owner.`),
  )
  return { apps, stopKey }
}

type Running = Awaited<ReturnType<typeof startAmana>>
type Configured = ReturnType<typeof configFor>
type OpenManifest = Awaited<ReturnType<typeof openManifest>>

/** The demo publishes its first policy version so /privacy/policy shows a published policy at once. */
const publishFirstDemoPolicy = async (running: Running, manifest: OpenManifest) => {
  if (await policyStore(running.ctx.database.db).latest()) return
  await publishPolicy(running.ctx.database.db, manifest.manifest, {
    effectiveDate: manifest.manifest.organisation.effectiveDate,
    now: new Date(),
  })
}

/** Demo only: requests run to the end with nobody at the console (approvals, manual inbox tasks), as system:demo-autopilot. */
const demoAutopilot = (running: Running, manifest: OpenManifest, io: CommandIo, logger: Logger) =>
  startDemoAutopilot(
    {
      list: (filter) => running.services.requests.store.list(filter),
      tasks: (id) => running.services.requests.store.tasks(id),
      approve: (id, actor) => running.services.requests.approve(id, actor),
      completeTask: (id, taskId, actor, evidence) =>
        running.services.requests.completeTask(id, taskId, actor, evidence),
    },
    {
      manualSystems: Object.entries(manifest.manifest.systems ?? {})
        .filter(([, system]) => system.kind === 'manual')
        .map(([id]) => id),
      processors: Object.keys(manifest.manifest.processors ?? {}),
      say: (line) => io.out(line),
      onError: (error) => logger.warn({ err: error }, 'demo autopilot'),
    },
  )

/** Where to go, printed once the server is up; returns the mailbox watcher's stop. */
const printWhereToGo = async (
  io: CommandIo,
  config: Configured,
  running: Running,
  demo: {
    apps: Awaited<ReturnType<typeof openDemoApps>> | undefined
    shop: Awaited<ReturnType<typeof openDemoShop>>
    autopilot: boolean
  },
): Promise<() => void> => {
  const demoApps = demo.apps
  const shop = demo.shop
  const base = config.http.publicUrl
  io.out(
    `Amana ${running.ctx.version} is running on ${config.database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}.`,
  )
  if (demoApps)
    io.out(`  Shop            ${demoApps.apps.shopUrl}/en   (Arabic: ${demoApps.apps.shopUrl}/ar)`)
  io.out(`  Privacy centre  ${base}/privacy   (Arabic: ${base}/privacy?lang=ar)`)
  io.out(`  Admin console   ${base}/admin`)
  // No staff yet: a one-time link (24 h) creates the first owner. There is no default password.
  const setup = await ensureSetupLink(running.ctx)
  if (setup) io.out(`  First owner     ${setup}   (one-time link, valid 24 hours)`)
  const mailbox = config.mail.mailboxDir
  if (mailbox) io.out(`  Demo mailbox    ${base}/admin/mailbox   (mail is caught here; files in ${mailbox})`)
  io.out(`  API docs        ${base}/api/docs`)
  if (demo.autopilot)
    io.out(
      '  Demo autopilot  approves erasures and does the support-inbox and processor tasks, as system:demo-autopilot (demo mode only; audited)',
    )
  if (shop)
    io.out(
      `  Shop database   ${shop.databaseUrl}   (RUMROM Bakery, ${shop.seeded ? 'seeded now' : 'kept from the last start'}; uploads in ${shop.uploadsDir})`,
    )
  if (demoApps)
    io.out(
      `  Sandbox         ${demoApps.apps.sandboxUrl}/courier/deliveries   (payments and courier; what the courier received)`,
    )
  const stopWatching = mailbox
    ? await watchMailbox(mailbox, (m) => io.out(mailboxNotice(m, `${base}/admin/mailbox`)))
    : () => {}
  io.out('Press Ctrl+C to stop.')
  return stopWatching
}

const runServer =
  (role: 'server' | 'worker'): Command['run'] =>
  async ({ values }, io) => {
    const configured = configFor(values, io)
    const logger = createLogger({ level: configured.log.level })
    for (const notice of configured.notices) io.err(`amana: ${notice}`)
    const manifest = await openManifest(configured.manifestPath)
    // A taken port is reported before the demo shop is seeded and the database migrated.
    if (role === 'server') await ensurePortFree(configured)
    const shop = role === 'server' ? await openDemoShop(configured, manifest.manifest, io.env) : undefined
    // The demo shop's pages show Amana's banner: its origin may record consent like the manifest's website.
    const ports = shop && demoAppsSourceOf(configured.manifestPath) ? await reserveDemoAppPorts() : undefined
    const config = ports
      ? {
          ...configured,
          http: { ...configured.http, allowedOrigins: [...configured.http.allowedOrigins, ports.shopUrl] },
        }
      : configured
    // The demo shop's connection variables are passed to Amana beside the environment, never set in it.
    const env = shop ? { ...io.env, ...shop.env } : io.env
    const running = await startAmana({ config, logger, manifest, role, env }).catch(
      async (error: unknown) => {
        await shop?.close()
        throw error
      },
    )
    let stopWatching = () => {}
    const demoApps =
      role === 'server'
        ? await openDemoApps(config, ports, shop, running.ctx, io.env, (line) => io.out(line)).catch(
            async (error: unknown) => {
              await running.stop()
              await shop?.close()
              throw error
            },
          )
        : undefined
    if (role === 'server' && config.mode === 'demo') await publishFirstDemoPolicy(running, manifest)
    const stopAutopilot =
      role === 'server' && config.mode === 'demo' ? demoAutopilot(running, manifest, io, logger) : undefined
    if (role === 'server') {
      stopWatching = await printWhereToGo(io, config, running, {
        apps: demoApps,
        shop,
        autopilot: stopAutopilot !== undefined,
      })
    } else {
      io.out(`Amana worker ${running.ctx.version} is processing jobs. Press Ctrl+C to stop.`)
    }
    // Graceful shutdown: finish in-flight requests and jobs, then close the database.
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')])
    io.err('amana: stopping…')
    stopWatching()
    stopAutopilot?.()
    demoApps?.stopKey()
    await demoApps?.apps.stop()
    await running.stop()
    await shop?.close()
    return exitCodes.ok
  }

export const startCommand: Command = {
  name: 'start',
  summary: 'Start the HTTP server (and the job worker, unless AMANA_WORKER=off)',
  usage:
    'amana start [--demo] [--port 3000] [--host 127.0.0.1] [--database-url postgres://…] [--data-dir .amana]',
  options: serverOptions,
  run: runServer('server'),
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run only the job worker, as its own process',
  usage: 'amana worker [--demo] [--database-url postgres://…] [--data-dir .amana]',
  options: workerOptions,
  run: runServer('worker'),
}
