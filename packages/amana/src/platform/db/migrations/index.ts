import type { Migration } from 'kysely/migration'
import * as foundation from './0001-foundation.ts'
import * as vault from './0002-vault.ts'
import * as audit from './0003-audit.ts'
import * as staff from './0004-staff.ts'
import * as consent from './0005-consent.ts'
import * as mail from './0006-mail.ts'
import * as policy from './0007-policy.ts'
import * as requests from './0008-requests.ts'
import * as mailPurge from './0009-mail-purge.ts'
import * as rateLimit from './0010-rate-limit.ts'
import * as requestHolds from './0011-request-holds.ts'
import * as retention from './0012-retention.ts'
import * as incidentsComplaints from './0014-incidents-complaints.ts'
import * as staffRecoveryCodes from './0015-staff-recovery-codes.ts'
import * as retentionNotices from './0016-retention-notices.ts'
import * as incidentPlacement from './0017-incident-placement.ts'
import * as eraseIntent from './0018-erase-intent.ts'
import * as holdSubjects from './0019-hold-subjects.ts'
import * as ownRecords from './0020-own-records.ts'
import * as taskCodes from './0021-task-codes.ts'
import * as ownRecordsRuns from './0022-own-records-runs.ts'
import * as staffLanguage from './0023-staff-language.ts'

/**
 * Every migration, in order. Names are permanent: never rename or reorder a released one.
 * The same SQL runs on PGlite and PostgreSQL.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-vault': vault,
  '0003-audit': audit,
  '0004-staff': staff,
  '0005-consent': consent,
  '0006-mail': mail,
  '0007-policy': policy,
  '0008-requests': requests,
  '0009-mail-purge': mailPurge,
  '0010-rate-limit': rateLimit,
  '0011-request-holds': requestHolds,
  '0012-retention': retention,
  '0014-incidents-complaints': incidentsComplaints,
  '0015-staff-recovery-codes': staffRecoveryCodes,
  '0016-retention-notices': retentionNotices,
  '0017-incident-placement': incidentPlacement,
  '0018-erase-intent': eraseIntent,
  '0019-hold-subjects': holdSubjects,
  '0020-own-records': ownRecords,
  '0021-task-codes': taskCodes,
  '0022-own-records-runs': ownRecordsRuns,
  '0023-staff-language': staffLanguage,
}
