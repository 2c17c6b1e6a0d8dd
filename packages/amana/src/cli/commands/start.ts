import { once } from 'node:events'
import { openManifest } from '../../app/app-manifest.ts'
import { startAmana } from '../../app/start.ts'
import { createLogger } from '../../platform/logging/index.ts'
import { policyStore, publishPolicy } from '../../policy/index.ts'
import { ensureSetupLink } from '../../staff/index.ts'
import { type Command, exitCodes } from '../cli-kit.ts'
import { serverOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

const runServer =
  (role: 'server' | 'worker'): Command['run'] =>
  async ({ values }, io) => {
    const config = configFor(values, io)
    const logger = createLogger({ level: config.log.level })
    for (const notice of config.notices) io.err(`amana: ${notice}`)
    const manifest = await openManifest(config.manifestPath)
    const running = await startAmana({ config, logger, manifest, role, env: io.env })
    if (
      role === 'server' &&
      config.mode === 'demo' &&
      !(await policyStore(running.ctx.database.db).latest())
    ) {
      // The demo publishes its first policy version so /privacy/policy shows a published policy at once.
      await publishPolicy(running.ctx.database.db, manifest.manifest, {
        effectiveDate: manifest.manifest.organisation.effectiveDate,
        now: new Date(),
      })
    }
    if (role === 'server') {
      const base = config.http.publicUrl
      io.out(
        `Amana ${running.ctx.version} is running on ${config.database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}.`,
      )
      io.out(`  Privacy centre  ${base}/privacy   (Arabic: ${base}/privacy?lang=ar)`)
      io.out(`  Admin console   ${base}/admin`)
      io.out(`  API docs        ${base}/api/docs`)
      // No staff yet: a one-time link (24 h) creates the first owner. There is no default password.
      const setup = await ensureSetupLink(running.ctx)
      if (setup) io.out(`  First owner     ${setup}   (one-time link, valid 24 hours)`)
      io.out('Press Ctrl+C to stop.')
    } else {
      io.out(`Amana worker ${running.ctx.version} is processing jobs. Press Ctrl+C to stop.`)
    }
    // Graceful shutdown: finish in-flight requests and jobs, then close the database.
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')])
    io.err('amana: stopping…')
    await running.stop()
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
  usage: 'amana worker [--database-url postgres://…] [--data-dir .amana]',
  options: serverOptions,
  run: runServer('worker'),
}
