/** Retention's words in English: the auditors' report and the inactivity notice (ar.ts has the same keys). */
export const en = {
  'report.title': 'Retention report',
  'report.generated': 'Generated {at} for {organisation}.',
  'report.intro':
    'Every retention rule as the sweep reads it, with the place in the manifest the privacy policy cites, then every sweep with the rows it deleted or anonymised and the digest of what went.',
  'report.rules': 'Rules',
  'report.runs': 'Sweeps',
  'report.rule': 'Rule',
  'report.system': 'System',
  'report.table': 'Table',
  'report.categories': 'Categories',
  'report.keep': 'Kept for',
  'report.after': 'Counted from',
  'report.action': 'Then',
  'report.declaredAt': 'Declared at',
  'report.run': 'Sweep',
  'report.status': 'Status',
  'report.trigger': 'Started by',
  'report.asOf': 'As of',
  'report.finished': 'Finished',
  'report.results': 'Rows per table',
  'report.digest': 'Digest',
  'report.noRules': 'The manifest declares no retention rule.',
  'report.noRuns': 'No sweep has run yet.',
  'report.nothing': 'nothing was due',
  'action.delete': 'delete',
  'action.anonymise': 'anonymise',
  'action.crypto-shred': 'destroy the key (crypto-shred)',
  'action.staff-task': 'staff task',
  'status.completed': 'completed',
  'status.running': 'running',
  'status.interrupted': 'interrupted, to be resumed',
  'status.failed': 'failed',
  'notice.subject': 'Your {shop} account will be deleted on {date}',
  'notice.body':
    'Hello,\n\nYou have not signed in to {shop} since {lastActivity}. As our privacy policy says, we delete the data of accounts that are not used for {period}, so we will delete your account and its data on {date}.\n\nIf you want to keep your account, sign in before then; signing in cancels the deletion.\n\n{shop}',
} as const

export type RetentionCopyKey = keyof typeof en
export type RetentionCopy = { readonly [K in RetentionCopyKey]: string }
