import type { Locale } from '../jurisdictions/index.ts'
import { parseDuration, type Text } from '../manifest/index.ts'
import { type PolicyMessageKey, policyText } from './copy/index.ts'

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

// Country names English puts "the" before inside a sentence ("outside the United States").
const theCountries = new Set(['US', 'GB', 'AE', 'NL', 'PH', 'BS', 'GM', 'DO', 'CF', 'CD', 'CG', 'MV', 'KM'])

/** A country's name as it reads inside a sentence: "the United States", "الولايات المتحدة". */
export const countryInSentence = (code: string, locale: Locale): string => {
  const name = countryName(code, locale)
  return locale === 'en' && theCountries.has(code) && !name.startsWith('the ') ? `the ${name}` : name
}

export const formatDate = (isoDate: string, locale: Locale): string =>
  cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(new Date(`${isoDate}T00:00:00Z`))

/** `age`: a person's age in years ("16", "16 عامًا", "10 أعوام"). */
type Unit = 'age' | 'year' | 'month' | 'week' | 'day' | 'hour'
/**
 * A count's grammatical case in Arabic: a dual reads "شهران" as a subject or a table cell
 * (nominative) and "شهرين" after a preposition, "غضون", "مدة" or as an object (oblique), which is
 * what most sentences need. English ignores it.
 */
export type CountCase = 'nominative' | 'oblique'

const arabicPlural = new Intl.PluralRules('ar')

// Arabic's forms by CLDR: one (1), two (2), few (3–10: plural), many (11–99: singular accusative),
// other (100, 101, 102 …: singular genitive); zero reads like other. English keeps its own words per form.
const countForm = (amount: number): 'one' | 'two' | 'few' | 'many' | 'other' => {
  const form = arabicPlural.select(amount)
  return form === 'zero' ? 'other' : form
}

/** "3 days", "يومين": the count in the catalogue's words for it. */
export const formatCount = (
  amount: number,
  unit: Unit,
  locale: Locale,
  grammaticalCase: CountCase = 'oblique',
): string => {
  const form = countForm(amount)
  const key = form === 'two' && grammaticalCase === 'nominative' ? 'two.nominative' : form
  return policyText(locale)(`count.${unit}.${key}` as PolicyMessageKey, { n: amount })
}

/** "7 years", "6 months and 2 weeks", "سنتين"; a zero duration reads "immediately". */
export const formatDuration = (
  iso: string,
  locale: Locale,
  grammaticalCase: CountCase = 'oblique',
): string => {
  const d = parseDuration(iso)
  const parts: string[] = []
  if (d.years) parts.push(formatCount(d.years, 'year', locale, grammaticalCase))
  if (d.months) parts.push(formatCount(d.months, 'month', locale, grammaticalCase))
  if (d.weeks) parts.push(formatCount(d.weeks, 'week', locale, grammaticalCase))
  if (d.days) parts.push(formatCount(d.days, 'day', locale, grammaticalCase))
  if (d.hours) parts.push(formatCount(d.hours, 'hour', locale, grammaticalCase))
  if (parts.length === 0) return policyText(locale)('duration.immediately')
  return joinList(parts, locale)
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Ends a sentence once, whatever the manifest text ended with. */
export const sentence = (text: string): string =>
  /[.!?؟]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`

/**
 * "Label: description." — or "Label — description." when the description has a colon of its own, so
 * that no sentence carries two.
 */
export const labelled = (label: string, description: string): string =>
  /[:：]/.test(description) ? `${label} — ${sentence(description)}` : `${label}: ${sentence(description)}`

/** A manifest text used as a sentence of its own: capitalised, ended once. */
export const capitaliseSentence = (text: string): string => sentence(capitalise(text))
