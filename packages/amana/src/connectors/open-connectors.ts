import type { Connector } from './connector.ts'
import type { Opened } from './execute.ts'
import { createLocalFileStore, type FileStore } from './files/file-store.ts'
import { createManualConnector } from './manual/manual-connector.ts'
import { type DatasetPlan, tablesOf } from './plan.ts'
import { createMysqlConnector } from './sql/mysql.ts'
import { createPostgresConnector } from './sql/postgres.ts'
import { incomingReferences } from './sql/preflight.ts'
import { createWebhookConnector } from './webhook/webhook-connector.ts'

/** One connector per system of the plan (file stores apart). Connections open lazily on first use. */
export const openConnectors = (
  plan: DatasetPlan,
  deps: { newId: () => string; now: () => Date; connectTimeoutMs?: number },
): Opened & { close(): Promise<void> } => {
  const connectors = new Map<string, Connector>()
  const fileStores = new Map<string, FileStore>()
  const timeout = deps.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: deps.connectTimeoutMs }
  for (const s of plan.systems) {
    const tables = tablesOf(plan, s.id)
    switch (s.kind) {
      case 'postgres':
        connectors.set(
          s.id,
          createPostgresConnector({
            system: s.id,
            connection: { ...s.connection, ...timeout },
            tables,
            incoming: incomingReferences(plan, s.id),
          }),
        )
        break
      case 'mysql':
        connectors.set(
          s.id,
          createMysqlConnector({
            system: s.id,
            connection: { ...s.connection, ...timeout },
            tables,
            incoming: incomingReferences(plan, s.id),
          }),
        )
        break
      case 'webhook':
        connectors.set(
          s.id,
          createWebhookConnector({
            system: s.id,
            url: s.connection.url,
            secret: s.connection.secret,
            tables,
            now: deps.now,
          }),
        )
        break
      case 'manual':
        connectors.set(
          s.id,
          createManualConnector({
            system: s.id,
            instructions: s.connection.instructions,
            tables,
            newId: deps.newId,
            now: deps.now,
          }),
        )
        break
      case 'files':
        fileStores.set(s.id, createLocalFileStore(s.id, s.connection.root))
        break
    }
  }
  return {
    connectors,
    fileStores,
    close: async () => {
      await Promise.all([...connectors.values()].map((c) => c.close()))
    },
  }
}
