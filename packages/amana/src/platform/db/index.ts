export { isConnectionLoss } from './connection-loss.ts'
export {
  type AmanaDatabase,
  type DatabaseTarget,
  describeUrl,
  openDatabase,
  type SqlExecutor,
} from './database.ts'
export { likeLiteral } from './like.ts'
export { type MigrationOutcome, type MigrationStatus, migrateToLatest, migrationStatus } from './migrate.ts'
export type { Database } from './schema.ts'
