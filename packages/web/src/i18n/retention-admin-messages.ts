import type { Locale } from './locale.ts'

/** The console's retention page, in English and Arabic. */
const en = {
  'ret.title': 'Retention',
  'ret.lead':
    'What the retention rules will delete or anonymise soon, the last sweeps, and the switch that pauses them.',
  'ret.calendar': 'Coming up',
  'ret.calendarLead': 'How many rows (or people) fall due, per category and system.',
  'ret.categories': 'Categories',
  'ret.system': 'System',
  'ret.table': 'Table',
  'ret.rule': 'Rule',
  'ret.today': 'Today',
  'ret.week': 'This week',
  'ret.month': 'This month',
  'ret.unit': 'Counted in',
  'ret.rows': 'rows',
  'ret.subjects': 'people',
  'ret.unreachable': 'could not be counted: {reason}',
  'ret.noRules': 'The manifest declares no retention rule.',
  'ret.runs': 'Last sweeps',
  'ret.run.started': 'Started',
  'ret.run.trigger': 'Started by',
  'ret.run.status': 'Status',
  'ret.run.rows': 'Rows changed',
  'ret.noRuns': 'No sweep has run yet.',
  'ret.status.completed': 'Completed',
  'ret.status.running': 'Running',
  'ret.status.interrupted': 'Interrupted, to be resumed',
  'ret.status.failed': 'Failed',
  'ret.pause': 'Pause switch',
  'ret.paused': 'Paused: no sweep deletes or anonymises anything until it is resumed.',
  'ret.running': 'Running: sweeps carry out the rules on schedule.',
  'ret.pauseButton': 'Pause retention',
  'ret.resumeButton': 'Resume retention',
  'ret.reason': 'Reason (kept in the audit log)',
  'ret.report': 'Report for auditors',
  'ret.reportHtml': 'Printable report',
  'ret.reportCsv': 'CSV',
} as const

export type RetentionAdminMessageKey = keyof typeof en

const ar: Record<RetentionAdminMessageKey, string> = {
  'ret.title': 'الاحتفاظ بالبيانات',
  'ret.lead':
    'ما ستحذفه قواعد الاحتفاظ أو تجعله مجهول الهوية قريبًا، وآخر عمليات الحذف الدوري، ومفتاح إيقافها.',
  'ret.calendar': 'القادم',
  'ret.calendarLead': 'عدد الصفوف (أو الأشخاص) المستحقة، لكل فئة ونظام.',
  'ret.categories': 'الفئات',
  'ret.system': 'النظام',
  'ret.table': 'الجدول',
  'ret.rule': 'القاعدة',
  'ret.today': 'اليوم',
  'ret.week': 'هذا الأسبوع',
  'ret.month': 'هذا الشهر',
  'ret.unit': 'وحدة العدّ',
  'ret.rows': 'صفوف',
  'ret.subjects': 'أشخاص',
  'ret.unreachable': 'تعذّر العدّ: {reason}',
  'ret.noRules': 'لا يعلن البيان أي قاعدة احتفاظ.',
  'ret.runs': 'آخر عمليات الحذف الدوري',
  'ret.run.started': 'بدأت',
  'ret.run.trigger': 'بدأها',
  'ret.run.status': 'الحالة',
  'ret.run.rows': 'الصفوف المعدّلة',
  'ret.noRuns': 'لم تُجرَ أي عملية حذف دوري بعد.',
  'ret.status.completed': 'اكتملت',
  'ret.status.running': 'قيد التنفيذ',
  'ret.status.interrupted': 'توقفت وستُستأنف',
  'ret.status.failed': 'فشلت',
  'ret.pause': 'مفتاح الإيقاف',
  'ret.paused': 'متوقف: لا تحذف أي عملية حذف دوري شيئًا ولا تخفي هويته حتى يُستأنف.',
  'ret.running': 'يعمل: تنفّذ عمليات الحذف الدوري القواعد في مواعيدها.',
  'ret.pauseButton': 'إيقاف الاحتفاظ مؤقتًا',
  'ret.resumeButton': 'استئناف الاحتفاظ',
  'ret.reason': 'السبب (يُحفظ في سجل التدقيق)',
  'ret.report': 'تقرير للمدققين',
  'ret.reportHtml': 'تقرير قابل للطباعة',
  'ret.reportCsv': 'CSV',
}

export const tret = (
  locale: Locale,
  key: RetentionAdminMessageKey,
  params: Record<string, string> = {},
): string =>
  Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), (locale === 'ar' ? ar : en)[key])

export const retentionAdminMessageKeys = Object.keys(en) as RetentionAdminMessageKey[]
