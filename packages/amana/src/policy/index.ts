export {
  diffPolicies,
  type MaterialChange,
  type MaterialChangeKind,
  materialChangeKinds,
} from './diff-policies.ts'
export {
  type Block,
  type Figure,
  type PolicyDocument,
  type PolicySection,
  type PolicyTable,
  type PolicyVersion,
  type SectionId,
  type Statement,
  sectionIds,
  statementsOf,
  type TableRow,
} from './document.ts'
// The complaint escalation routes in one language: the policy and the complaint acknowledgement state them.
export { type EscalationLine, escalationLines } from './escalation.ts'
export { explainPolicy } from './explain.ts'
// "2 years" / "سنتين": retention's inactivity notice states the period as the policy does.
export { formatDuration } from './format.ts'
// The policy's words for the manifest's vocabulary, for other features' documents (the access package).
export { basisLabels, categoryLabels, rightLabels, serviceLabels } from './labels.ts'
export { manifestHash } from './policy-version.ts'
export {
  diffVersions,
  documentOf,
  type PublishedDocuments,
  type PublishOutcome,
  publishPolicy,
  renderAll,
} from './publish.ts'
export { type RenderOptions, renderPolicy } from './render-policy.ts'
export { type PolicyAuditPort, type PolicyConsoleDeps, policyConsoleRoutes } from './routes/console.ts'
export {
  type DisclosureCountsPort,
  type ManifestConsoleDeps,
  manifestConsoleRoutes,
} from './routes/console-manifest.ts'
export { policyRoutes } from './routes.ts'
export type { PolicyTables } from './schema.ts'
export { isScheduled, policyDay, policyStore, type StoredPolicyVersion } from './store.ts'
export { toHtml } from './to-html.ts'
export { toJson, toMarkdown } from './to-markdown.ts'
