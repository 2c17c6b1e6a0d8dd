export { type ComplaintDeps, type Complaints, createComplaints } from './complaints-service.ts'
export { escalationRoutes, renderAcknowledgement } from './domain/acknowledgement.ts'
export {
  complaintChannels,
  complaintDeadline,
  DEFAULT_COMPLAINT_DAYS,
  isOverdue,
} from './domain/complaint.ts'
export type {
  ComplaintAuditPort,
  ComplaintFreezePort,
  ComplaintMailPort,
  ComplaintsAppPorts,
  ComplaintVaultPort,
} from './ports.ts'
export { complaintsRoutes } from './routes.ts'
