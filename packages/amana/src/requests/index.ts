export { type OpenRequestItem, openRequestsToday, type StaffWait, staffWaitOf } from './console-today.ts'
export { createRequests, type RequestsFeatureDeps } from './create-requests.ts'
export {
  addDays,
  DEFAULT_DEADLINE_DAYS,
  type DeadlineStatus,
  deadlineStatus,
  packsForRequester,
  type RequestDeadline,
  requestDeadline,
} from './domain/deadlines.ts'
export { isFinal, type RequestStatus, requestStatuses, transition } from './domain/request-state.ts'
export { isRequestType, type RequestType, requestTypes, rightOf } from './domain/request-types.ts'
export { createExecutor, type Executor, type RunOutcome, stepsFor } from './execute-request.ts'
export { finishHold, type HoldRow, listExpiredHolds } from './execution/store.ts'
export { executeRequestJob, registerRequestJobs } from './jobs.ts'
export { createHttpMessageProvider } from './message-provider.ts'
export { PACKAGE_SCHEMA } from './package/build-access-package.ts'
export { readZip } from './package/zip.ts'
export { type LiveFinding, planFindings } from './plan-findings.ts'
export { type PlanIssue, type PlanResult, planFromManifest } from './plan-from-manifest.ts'
export type {
  MessageProvider,
  RequestAuditEvent,
  RequestAuditPort,
  RequestMailPort,
  RequestVaultPort,
  RestrictionPort,
  ShopSessionHook,
} from './ports.ts'
export {
  createRequestsService,
  defaultRequestsOptions,
  type RequestsDeps,
  type RequestsOptions,
  type RequestsService,
} from './requests-service.ts'
export { type RequestsRoutesDeps, requestsRoutes } from './routes.ts'
export type { RequestTables } from './schema.ts'
export { type SweepReport, sweepRequests } from './sweep.ts'
