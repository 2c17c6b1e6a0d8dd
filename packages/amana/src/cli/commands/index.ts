import type { Command } from '../cli-kit.ts'
import { apiKeyCreateCommand, apiKeyListCommand, apiKeyRevokeCommand } from './api-key.ts'
import { auditExportCommand, auditVerifyCommand } from './audit.ts'
import { checkCommand } from './check.ts'
import { demoResetCommand } from './demo.ts'
import { migrateCommand } from './migrate.ts'
import { policyDiffCommand, policyExplainCommand, policyListCommand, policyPublishCommand } from './policy.ts'
import { retentionPlanCommand, retentionRunCommand } from './retention.ts'
import { schemaCommand } from './schema.ts'
import { staffCreateCommand } from './staff.ts'
import { startCommand, workerCommand } from './start.ts'
import { versionCommand } from './version.ts'

/** Every command; one file each. */
export const commands: readonly Command[] = [
  startCommand,
  workerCommand,
  migrateCommand,
  versionCommand,
  checkCommand,
  schemaCommand,
  policyPublishCommand,
  policyDiffCommand,
  policyListCommand,
  policyExplainCommand,
  auditVerifyCommand,
  auditExportCommand,
  staffCreateCommand,
  apiKeyCreateCommand,
  apiKeyListCommand,
  apiKeyRevokeCommand,
  demoResetCommand,
  retentionPlanCommand,
  retentionRunCommand,
]
