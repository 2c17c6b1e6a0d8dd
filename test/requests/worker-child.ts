/**
 * A worker process for the kill test: what `amana worker` runs for requests (worker-process.ts), over
 * the test's shop database. The test kills it with SIGKILL at random moments.
 */

import { shopManifest } from './shop-manifest.ts'
import { runRequestWorker } from './worker-process.ts'

await runRequestWorker({
  manifest: shopManifest('postgres', { processors: false }),
  planEnv: { SHOP_DB_URL: process.env.KILL_SHOP_URL },
})
