export const locales = ['en', 'ar'] as const
export type Locale = (typeof locales)[number]

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'ar'

export const directionOf = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr')

/**
 * `?lang=` wins; otherwise the best match in Accept-Language (by q-value); otherwise English.
 */
export const negotiateLocale = (queryLang: unknown, acceptLanguage: string | undefined): Locale => {
  if (isLocale(queryLang)) return queryLang
  if (!acceptLanguage) return 'en'
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.map((r) => r.lang).find(isLocale) ?? 'en'
}

/** Dates and numbers through Intl: Arabic pages use Arabic-Indic digits and the Gregorian calendar. */
export const formatDate = (locale: Locale, date: Date, timeZone = 'UTC'): string =>
  new Intl.DateTimeFormat(locale === 'ar' ? 'ar-KW-u-ca-gregory' : 'en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(date)

export const formatNumber = (locale: Locale, value: number): string =>
  new Intl.NumberFormat(locale === 'ar' ? 'ar-KW' : 'en-GB').format(value)
