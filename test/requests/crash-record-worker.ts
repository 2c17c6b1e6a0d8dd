/**
 * A worker process for the commit/record crash test: what `amana worker` runs for requests
 * (worker-process.ts) over the test shop, appending to the real audit ledger. Test-only fault point:
 * the first worker whose shop erasure has committed kills itself with SIGKILL before it records the
 * step (the marker file `KILL_MARKER` makes every later worker run through).
 */
import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { type Connector, openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { shopManifest } from './shop-manifest.ts'
import { runRequestWorker } from './worker-process.ts'

const marker = process.env.KILL_MARKER as string

/** The shop's erasure commits, then, on the first worker only, the process dies by kill -9. */
const dyingAfterCommit = (c: Connector): Connector => ({
  ...c,
  async erase(subject, options) {
    const outcome = await c.erase(subject, options)
    if (!options.dryRun && !existsSync(marker)) {
      writeFileSync(marker, 'killed after the commit')
      process.kill(process.pid, 'SIGKILL')
      await new Promise(() => {})
    }
    return outcome
  },
})

await runRequestWorker({
  manifest: shopManifest('postgres', { processors: false }),
  planEnv: { SHOP_DB_URL: process.env.KILL_SHOP_URL },
  auditLedger: true,
  openConnectors: (plan) => {
    const opened = openConnectors(plan, { newId: randomUUID, now: () => new Date() })
    const connectors = new Map(opened.connectors)
    const shop = connectors.get('shop_db')
    if (shop) connectors.set('shop_db', dyingAfterCommit(shop))
    return { ...opened, connectors }
  },
})
