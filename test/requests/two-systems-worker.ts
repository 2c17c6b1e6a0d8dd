/**
 * A worker process for the two-systems crash test: what `amana worker` runs for requests
 * (worker-process.ts), with the shop database and a CRM. The first worker to reach the CRM's erasure
 * kills itself with SIGKILL (the shop database's erasure has committed by then); the marker file
 * `KILL_MARKER` makes every later worker run it through.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { type Connector, openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { twoSystemsManifest } from './two-systems-manifest.ts'
import { runRequestWorker } from './worker-process.ts'

const marker = process.env.KILL_MARKER as string

/** The CRM's erasure, on the first worker only, dies before it starts: kill -9 between two commits. */
const dyingOnce = (c: Connector): Connector => ({
  ...c,
  async erase(subject, options) {
    if (!existsSync(marker)) {
      writeFileSync(marker, 'killed')
      process.kill(process.pid, 'SIGKILL')
      await new Promise(() => {})
    }
    return c.erase(subject, options)
  },
})

await runRequestWorker({
  manifest: twoSystemsManifest('postgres'),
  planEnv: { SHOP_DB_URL: process.env.KILL_SHOP_URL, CRM_DB_URL: process.env.KILL_CRM_URL },
  openConnectors: (plan) => {
    const opened = openConnectors(plan, { newId: randomUUID, now: () => new Date() })
    const connectors = new Map(opened.connectors)
    const crm = connectors.get('crm')
    if (crm) connectors.set('crm', dyingOnce(crm))
    return { ...opened, connectors }
  },
})
