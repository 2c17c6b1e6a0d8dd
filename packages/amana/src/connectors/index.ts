export type {
  AwaitingStaff,
  CollectedTable,
  CollectOutcome,
  Connector,
  EraseOptions,
  EraseOutcome,
  EraseStep,
  FoundFile,
  HeldColumns,
  PreflightIssue,
  PreflightResult,
  Rectification,
  RectifyOutcome,
  Row,
  SkippedColumn,
} from './connector.ts'
export type { UnavailableDetails } from './connector-errors.ts'
export {
  type CollectReport,
  collectSubject,
  type ErasedFile,
  type EraseProgress,
  type EraseReport,
  type ExportedFile,
  eraseSubject,
  type FileRef,
  type Opened,
  type SystemResult,
} from './execute.ts'
export { createLocalFileStore, type FileStore, resolveInStore } from './files/file-store.ts'
export { createManualConnector } from './manual/manual-connector.ts'
export {
  cancelManualTask,
  completeManualTask,
  createManualTask,
  type Evidence,
  isTaskDone,
  type ManualOperation,
  type ManualTask,
  type TaskResult,
} from './manual/manual-task.ts'
export { openConnectors } from './open-connectors.ts'
export {
  type DatasetPlan,
  type DatasetPlanInput,
  DatasetPlanSchema,
  type Field,
  type FieldHold,
  holdUntil,
  type IdentityKind,
  type LegalHold,
  type Reference,
  type Seed,
  type Subject,
  type SubjectIdentifier,
  type System,
  type SystemKind,
  type TablePlan,
  type TablePlanInput,
  TablePlanSchema,
  tablesOf,
} from './plan.ts'
export {
  type LiveCopyParam,
  type LiveFindingCopy,
  type LiveFindingKey,
  liveFindingText,
  withCopy,
} from './sql/copy/index.ts'
export { protectionOfKind, type SensitiveColumn } from './sql/live-findings.ts'
export { inspectLive } from './sql/live-inspect.ts'
export { createMysqlConnector, createMysqlDriver, type MysqlConnection } from './sql/mysql.ts'
export { clockField, holdEventOf, rowHoldUntil } from './sql/plan-erase.ts'
export { createPostgresConnector, createPostgresDriver, type PostgresConnection } from './sql/postgres.ts'
export { createSqlConnector, type SqlDriver, type SqlExecutor } from './sql/sql-connector.ts'
export type { Dialect, DueQuery, Statement } from './sql/statements.ts'
export { signWebhook, verifyWebhook, webhookHeaders } from './webhook/standard-webhooks.ts'
export {
  createWebhookConnector,
  type RetryPolicy,
  type WebhookOperation,
} from './webhook/webhook-connector.ts'
