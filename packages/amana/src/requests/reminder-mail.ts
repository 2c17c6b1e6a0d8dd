import { formatDate, type Locale, type RequestMessageKey, tr } from '@amana/web'
import { ar } from './copy/ar.ts'
import { en } from './copy/en.ts'

/**
 * The deadline reminder one staff recipient reads, in their language: the request's type and status
 * as the console names them, the date as the console writes it, and a link to the request's page.
 */
export const deadlineReminderMail = (
  locale: Locale,
  request: {
    readonly id: string
    readonly reference: string
    readonly type: string
    readonly status: string
  },
  dueAt: Date,
  publicUrl: string,
): { subject: string; text: string } => {
  const copy = locale === 'ar' ? ar : en
  const date = formatDate(locale, dueAt)
  return {
    subject: copy['reminder.subject'](request.reference, date),
    text: copy['reminder.body'](
      request.reference,
      tr(locale, `req.type.${request.type}` as RequestMessageKey),
      tr(locale, `status.${request.status}.label` as RequestMessageKey),
      date,
      `${publicUrl}/admin/requests/${request.id}?lang=${locale}`,
    ),
  }
}
