export { disclosureCounts } from './counts.ts'
export {
  checkDisclosure,
  type DisclosureAsk,
  type DisclosureCheck,
  type FieldValue,
  type Refusal,
  type RefusalReason,
} from './domain/check-disclosure.ts'
export type { DisclosureAuditEvent, DisclosureAuditPort, DisclosuresAppPorts } from './ports.ts'
export { disclosuresRoutes } from './routes.ts'
