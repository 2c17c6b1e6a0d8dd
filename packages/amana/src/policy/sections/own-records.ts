import { auditRetentionMonthsOf, type OwnRecordKind, ownRecordPeriods } from '../../manifest/index.ts'
import type { PolicyMessageKey } from '../copy/index.ts'
import { formatDuration } from '../format.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Row = { key: string; keep: string; path: string | undefined; after: string; outcome: string }

const outcomeOf: Record<OwnRecordKind, string> = {
  sentMail: 'delete',
  verificationCodes: 'delete',
  accessPackages: 'delete',
  requestRecords: 'reduce',
  consentRecords: 'keep-current',
}

const afterOf: Record<OwnRecordKind, string> = {
  sentMail: 'sent',
  verificationCodes: 'expired',
  accessPackages: 'ready',
  requestRecords: 'closed',
  consentRecords: 'replaced',
}

/** Each kind's period from ownRecordPeriods (what the own-records sweep reads), and the audit trail's. */
const rowsOf = (c: PolicyContext): Row[] => {
  const periods = ownRecordPeriods(c.manifest)
  const months = c.manifest.commitments?.auditRetentionMonths
  return [
    ...Object.entries(periods).map(([kind, period]) => ({
      key: kind,
      keep: period.keep,
      path: period.path,
      after: afterOf[kind as OwnRecordKind],
      outcome: outcomeOf[kind as OwnRecordKind],
    })),
    {
      key: 'audit',
      keep: `P${auditRetentionMonthsOf(c.manifest)}M`,
      path: months === undefined ? undefined : 'commitments.auditRetentionMonths',
      after: 'recorded',
      outcome: 'delete',
    },
  ]
}

const text = (c: PolicyContext, key: string) => c.t(key as PolicyMessageKey)

/**
 * The records Amana itself keeps about a person's requests and choices, each with the period the
 * own-records sweep (and the ledger's pruning) carries out. A period the manifest declares traces to
 * its field; Amana's default traces to the laws served, whose rights make these records exist.
 */
export const ownRecords: SectionRenderer = (c, b) => {
  b.table(
    'own-records',
    c.t('retention.own'),
    [
      c.t('retention.own.record'),
      c.t('retention.periods.keep'),
      c.t('retention.periods.after'),
      c.t('retention.periods.action'),
    ],
    rowsOf(c).map((row) => ({
      id: `retention.own-${row.key}`,
      cells: [
        text(c, `retention.own.${row.key}`),
        formatDuration(row.keep, c.locale, 'nominative'),
        text(c, `retention.own.after.${row.after}`),
        text(c, `retention.own.then.${row.outcome}`),
      ],
      sourcePaths: [row.path ?? 'jurisdictions'],
    })),
  )
  const logs = c.manifest.ownRecords?.logs
  b.p(
    'own-logs',
    logs === undefined
      ? c.t('retention.own.logs')
      : c.t('retention.own.logs.kept', { keep: formatDuration(logs, c.locale) }),
    [logs === undefined ? 'jurisdictions' : 'ownRecords.logs'],
    ['retention'],
  )
}
