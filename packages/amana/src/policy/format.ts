import type { Locale } from '../jurisdictions/index.ts'
import { parseDuration, type Text } from '../manifest/index.ts'

/** Picks the locale's text; falls back to English, then Arabic. */
export const pick = (text: Text | undefined, locale: Locale): string | undefined => {
  if (text === undefined) return undefined
  if (typeof text === 'string') return text
  return text[locale] ?? text.en ?? text.ar
}

const cache = new Map<string, Intl.ListFormat | Intl.DisplayNames | Intl.DateTimeFormat>()
const cached = <T extends Intl.ListFormat | Intl.DisplayNames | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T => {
  let value = cache.get(key)
  if (value === undefined) {
    value = make()
    cache.set(key, value)
  }
  return value as T
}

const intlLocale = (locale: Locale): string => (locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB')

export const joinList = (
  items: readonly string[],
  locale: Locale,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string =>
  cached(
    `list:${locale}:${type}`,
    () => new Intl.ListFormat(intlLocale(locale), { style: 'long', type }),
  ).format(items)

export const countryName = (code: string, locale: Locale): string =>
  cached(`region:${locale}`, () => new Intl.DisplayNames([intlLocale(locale)], { type: 'region' })).of(
    code,
  ) ?? code

export const formatDate = (isoDate: string, locale: Locale): string =>
  cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(new Date(`${isoDate}T00:00:00Z`))

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour'

const english: Record<Unit, [string, string]> = {
  year: ['year', 'years'],
  month: ['month', 'months'],
  week: ['week', 'weeks'],
  day: ['day', 'days'],
  hour: ['hour', 'hours'],
}

// Arabic counted nouns: 1 and 2 have their own forms, 3–10 take the plural, 11+ the singular accusative.
const arabic: Record<Unit, [one: string, two: string, few: string, many: string]> = {
  year: ['سنة واحدة', 'سنتان', 'سنوات', 'سنة'],
  month: ['شهر واحد', 'شهران', 'أشهر', 'شهرًا'],
  week: ['أسبوع واحد', 'أسبوعان', 'أسابيع', 'أسبوعًا'],
  day: ['يوم واحد', 'يومان', 'أيام', 'يومًا'],
  hour: ['ساعة واحدة', 'ساعتان', 'ساعات', 'ساعة'],
}

export const formatCount = (amount: number, unit: Unit, locale: Locale): string => {
  if (locale === 'en') return `${amount} ${english[unit][amount === 1 ? 0 : 1]}`
  const [one, two, few, many] = arabic[unit]
  if (amount === 1) return one
  if (amount === 2) return two
  return `${amount} ${amount >= 3 && amount <= 10 ? few : many}`
}

/** "7 years", "6 months and 2 weeks", "سنتان"; a zero duration reads "immediately". */
export const formatDuration = (iso: string, locale: Locale): string => {
  const d = parseDuration(iso)
  const parts: string[] = []
  if (d.years) parts.push(formatCount(d.years, 'year', locale))
  if (d.months) parts.push(formatCount(d.months, 'month', locale))
  if (d.weeks) parts.push(formatCount(d.weeks, 'week', locale))
  if (d.days) parts.push(formatCount(d.days, 'day', locale))
  if (d.hours) parts.push(formatCount(d.hours, 'hour', locale))
  if (parts.length === 0) return locale === 'en' ? 'immediately' : 'فورًا'
  return joinList(parts, locale)
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Ends a sentence once, whatever the manifest text ended with. */
export const sentence = (text: string): string =>
  /[.!?؟]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`

/** A manifest text used as a sentence of its own: capitalised, ended once. */
export const capitaliseSentence = (text: string): string => sentence(capitalise(text))
