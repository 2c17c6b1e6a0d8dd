import type { Locale } from '../jurisdictions/index.ts'
import { parseDuration, type Text } from '../manifest/index.ts'
import { policyText } from './copy/index.ts'

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
type CountForm = 'one' | 'two' | 'few' | 'many'

// The form a count takes in the catalogues (Arabic's four: 1, 2, 3–10, 11+; English says one or many).
const countForm = (amount: number): CountForm => {
  if (amount === 1) return 'one'
  if (amount === 2) return 'two'
  return amount >= 3 && amount <= 10 ? 'few' : 'many'
}

/** "3 days", "يومان": the count in the catalogue's words for it. */
export const formatCount = (amount: number, unit: Unit, locale: Locale): string =>
  policyText(locale)(`count.${unit}.${countForm(amount)}`, { n: amount })

/** "7 years", "6 months and 2 weeks", "سنتان"; a zero duration reads "immediately". */
export const formatDuration = (iso: string, locale: Locale): string => {
  const d = parseDuration(iso)
  const parts: string[] = []
  if (d.years) parts.push(formatCount(d.years, 'year', locale))
  if (d.months) parts.push(formatCount(d.months, 'month', locale))
  if (d.weeks) parts.push(formatCount(d.weeks, 'week', locale))
  if (d.days) parts.push(formatCount(d.days, 'day', locale))
  if (d.hours) parts.push(formatCount(d.hours, 'hour', locale))
  if (parts.length === 0) return policyText(locale)('duration.immediately')
  return joinList(parts, locale)
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Ends a sentence once, whatever the manifest text ended with. */
export const sentence = (text: string): string =>
  /[.!?؟]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`

/** A manifest text used as a sentence of its own: capitalised, ended once. */
export const capitaliseSentence = (text: string): string => sentence(capitalise(text))
