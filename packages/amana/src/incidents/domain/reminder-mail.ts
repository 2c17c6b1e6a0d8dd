import type { BreachClock } from './clocks.ts'
import { copyFor, type NoticeLocale } from './notice.ts'

/** What one team reminder says: the incident, the clock about to run out, and how long is left. */
export interface ReminderFacts {
  readonly reference: string
  readonly discoveredAt: Date
  readonly clock: BreachClock
  /** The clock's jurisdiction as people name it (the pack's name), in each language. */
  readonly jurisdictionName: { readonly en: string; readonly ar: string }
  /** Hours left on the clock, to one decimal. */
  readonly hoursLeft: number
}

/** A moment on an incident's clock, to the minute, in UTC as the clocks count. */
const at = (locale: NoticeLocale, moment: Date) =>
  `${new Intl.DateTimeFormat(locale === 'ar' ? 'ar-KW-u-ca-gregory' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(moment)} ${copyFor(locale)['reminder.utc']}`

/** The team reminder in one language, from the incident catalogue (references and dates isolated in Arabic). */
export const reminderMail = (
  locale: NoticeLocale,
  facts: ReminderFacts,
): { subject: string; text: string } => {
  const copy = copyFor(locale)
  const { clock } = facts
  const who =
    clock.audience === 'regulator'
      ? copy['reminder.regulator'](clock.authority[locale], facts.jurisdictionName[locale])
      : copy['reminder.individuals'](facts.jurisdictionName[locale])
  const lines = [copy['reminder.discovered'](facts.reference, at(locale, facts.discoveredAt))]
  if (clock.dueAt && clock.hours !== null)
    lines.push(
      copy['reminder.due'](who, at(locale, new Date(clock.dueAt)), copy['reminder.hours'](clock.hours)),
    )
  lines.push(copy['reminder.people'](clock.people))
  return {
    subject: copy['reminder.subject'](facts.reference, copy['reminder.hours'](facts.hoursLeft), who),
    text: lines.join('\n'),
  }
}
