import type { Locale } from './locale.ts'

/** The console's incident and complaint pages, in English and Arabic. */
const en = {
  'inc.title': 'Incidents',
  'inc.lead':
    'Every incident with its clocks: the time left to notify each authority and the people affected.',
  'inc.none': 'No incident is recorded.',
  'inc.reference': 'Reference',
  'inc.status': 'Status',
  'inc.discovered': 'Discovered',
  'inc.summary': 'What happened',
  'inc.clocks': 'Clocks',
  'inc.people': 'People',
  'inc.status.investigating': 'Investigating',
  'inc.status.contained': 'Contained',
  'inc.status.closed': 'Closed',
  'inc.clock.regulator': 'authority',
  'inc.clock.individuals': 'people affected',
  'inc.clock.left': '{hours} h left',
  'inc.clock.expired': 'expired',
  'inc.clock.none': 'no deadline set',
  'inc.clock.unverified': 'value not verified',
  'cmp.title': 'Complaints',
  'cmp.lead': 'Privacy complaints by due date. An open complaint past its due date is overdue.',
  'cmp.none': 'No complaint is recorded.',
  'cmp.reference': 'Reference',
  'cmp.channel': 'Channel',
  'cmp.language': 'Language',
  'cmp.due': 'Due',
  'cmp.status': 'Status',
  'cmp.assignee': 'Assigned to',
  'cmp.overdue': 'Overdue (day {day})',
  'cmp.open': 'Open (day {day})',
  'cmp.resolved': 'Resolved',
} as const

export type IncidentAdminMessageKey = keyof typeof en

const ar: Record<IncidentAdminMessageKey, string> = {
  'inc.title': 'الحوادث',
  'inc.lead': 'كل حادثة مع مواعيدها: الوقت المتبقي لإخطار كل جهة رقابية والأشخاص المتأثرين.',
  'inc.none': 'لا توجد حوادث مسجلة.',
  'inc.reference': 'المرجع',
  'inc.status': 'الحالة',
  'inc.discovered': 'تاريخ الاكتشاف',
  'inc.summary': 'ماذا حدث',
  'inc.clocks': 'المواعيد',
  'inc.people': 'الأشخاص',
  'inc.status.investigating': 'قيد التحقيق',
  'inc.status.contained': 'تمت السيطرة عليها',
  'inc.status.closed': 'مغلقة',
  'inc.clock.regulator': 'الجهة الرقابية',
  'inc.clock.individuals': 'الأشخاص المتأثرون',
  'inc.clock.left': 'متبقٍ {hours} ساعة',
  'inc.clock.expired': 'انتهت المهلة',
  'inc.clock.none': 'لا يوجد موعد محدد',
  'inc.clock.unverified': 'قيمة لم يُتحقق منها',
  'cmp.title': 'الشكاوى',
  'cmp.lead': 'شكاوى الخصوصية حسب موعد الرد. الشكوى المفتوحة بعد موعدها متأخرة.',
  'cmp.none': 'لا توجد شكاوى مسجلة.',
  'cmp.reference': 'المرجع',
  'cmp.channel': 'القناة',
  'cmp.language': 'اللغة',
  'cmp.due': 'موعد الرد',
  'cmp.status': 'الحالة',
  'cmp.assignee': 'المسؤول',
  'cmp.overdue': 'متأخرة (اليوم {day})',
  'cmp.open': 'مفتوحة (اليوم {day})',
  'cmp.resolved': 'تم حلها',
}

export const ti = (
  locale: Locale,
  key: IncidentAdminMessageKey,
  params: Record<string, string> = {},
): string =>
  Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), (locale === 'ar' ? ar : en)[key])

export const incidentAdminMessageKeys = Object.keys(en) as IncidentAdminMessageKey[]
