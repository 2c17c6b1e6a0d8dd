export {
  type BreachAudience,
  type BreachCommitment,
  type BreachDeadline,
  breachDeadlines,
} from './domain/breach-deadline.ts'
export { type BreachClock, breachClocks } from './domain/clocks.ts'
export { incidentStatuses } from './domain/incident.ts'
export { createFreezeWriter } from './freeze-store.ts'
export { createIncidents, type IncidentDeps, type Incidents, type IncidentView } from './incidents-service.ts'
export { createLedgerReader } from './ledger-reader.ts'
export { createOwnRecordsReader } from './own-records-reader.ts'
export type {
  IncidentAuditEvent,
  IncidentAuditPort,
  IncidentLedgerPort,
  IncidentMailPort,
  IncidentOwnRecordsPort,
  RetentionFreezePort,
  ShopReaderPort,
} from './ports.ts'
export { incidentReminderJob, registerIncidentJobs, remindTeam } from './reminders.ts'
export { incidentsRoutes } from './routes.ts'
export { createShopReader } from './shop-reader.ts'
