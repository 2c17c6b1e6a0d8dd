import type { StaffMailCopy } from './en.ts'

/** A Latin value (a reference, a date) isolated from the Arabic around it (FSI … PDI). */
const iso = (value: string) => `\u2068${value}\u2069`

/** The deadline reminder staff receive, in Arabic. */
export const ar: StaffMailCopy = {
  'reminder.subject': (reference, date) =>
    `يحين موعد الرد على طلب الخصوصية ${iso(reference)} في ${iso(date)}`,
  'reminder.body': (reference, type, status, date, link) =>
    `يجب الرد على الطلب ${iso(reference)} (${type}؛ حالته الآن: ${status}) قبل ${iso(date)}.\n\nافتحه في لوحة التحكم:\n${link}`,
}
