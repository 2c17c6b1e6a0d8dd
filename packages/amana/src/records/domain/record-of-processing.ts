import {
  type Manifest,
  processorName,
  type Retention,
  type Text,
  transferRoutes,
} from '../../manifest/index.ts'

export type RecordLocale = 'en' | 'ar'

const textIn = (text: Text | undefined, locale: RecordLocale): string =>
  text === undefined ? '' : typeof text === 'string' ? text : (text[locale] ?? text.en ?? '')

export interface Transfer {
  readonly recipient: string
  readonly countries: readonly string[]
  readonly mechanism: string | null
  readonly details: string
}

export interface RetentionPeriod {
  readonly category: string
  /** ISO 8601 duration, the event it runs from and what happens then, e.g. P7Y after order-fulfilled → anonymise. */
  readonly keep: string
  readonly after: string
  readonly action: string
  readonly criteria: string
  readonly legalHold: string | null
}

export interface ProcessingActivity {
  readonly purpose: string
  readonly title: string
  readonly description: string
  readonly legalBasis: string
  readonly subjects: readonly string[]
  readonly categories: readonly string[]
  readonly recipients: readonly string[]
  readonly transfers: readonly Transfer[]
  readonly retention: readonly RetentionPeriod[]
}

export interface RecordOfProcessing {
  readonly controller: {
    readonly name: string
    readonly country: string
    readonly contact: string
    readonly role: string
  }
  readonly jurisdictions: readonly string[]
  readonly activities: readonly ProcessingActivity[]
  /** Every category the manifest declares, with its retention (also those no purpose uses yet). */
  readonly categories: readonly {
    readonly id: string
    readonly description: string
    readonly retention: RetentionPeriod | null
  }[]
  /** Every recipient the manifest declares. */
  readonly recipients: readonly {
    readonly id: string
    readonly name: string
    readonly role: string
    readonly service: string
    readonly countries: readonly string[]
  }[]
  readonly transfers: readonly Transfer[]
  readonly security: readonly string[]
}

const basesText = (bases: string | readonly string[]): string =>
  typeof bases === 'string' ? bases : bases.join(', ')

const basisText = (basis: Manifest['purposes'][string]['legalBasis']): string =>
  basis === undefined
    ? ''
    : typeof basis === 'string' || Array.isArray(basis)
      ? basesText(basis)
      : Object.entries(basis)
          .map(([j, b]) => `${j}: ${basesText(b)}`)
          .join('; ')

const period = (category: string, r: Retention, locale: RecordLocale): RetentionPeriod => ({
  category,
  keep: r.keep,
  after: r.after,
  action: r.action,
  criteria: textIn(r.criteria, locale),
  legalHold: r.legalHold ? `${r.legalHold.keep} — ${textIn(r.legalHold.reason, locale)}` : null,
})

/**
 * Transfers as the register lists them: the same routes the policy states (manifest transferRoutes,
 * judged from where each processor and system keeps the data), limited to `only` processors.
 */
export const transfersOf = (
  manifest: Manifest,
  locale: RecordLocale,
  only?: ReadonlySet<string>,
): Transfer[] =>
  transferRoutes(manifest)
    .filter((route) => (only ? route.kind === 'processor' && only.has(route.id) : true))
    .map((route) => {
      const processor = route.kind === 'processor' ? manifest.processors?.[route.id] : undefined
      return {
        recipient: processor
          ? processorName(processor, locale)
          : textIn(manifest.systems?.[route.id]?.description, locale) || route.id,
        countries: route.countries,
        mechanism: route.mechanism ?? null,
        details: textIn(route.details, locale),
      }
    })

/**
 * The record of processing activities (GDPR Art. 30(1) shape, which the Gulf and Kenyan laws' records
 * follow): one activity per purpose, with its basis, people, categories, recipients, transfers and
 * retention — generated from the manifest and nothing else. Pure.
 */
export const recordOfProcessing = (manifest: Manifest, locale: RecordLocale): RecordOfProcessing => ({
  controller: {
    name: manifest.organisation.legalName,
    country: manifest.organisation.homeCountry,
    contact: manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts.email ?? '',
    role: manifest.organisation.privacyContact?.role ?? '',
  },
  jurisdictions: manifest.jurisdictions,
  activities: Object.entries(manifest.purposes).map(([id, p]) => {
    const recipients = Object.keys(p.shares ?? {})
    const subjects = p.subjects ?? [
      ...new Set(p.categories.flatMap((c) => manifest.categories[c]?.subjects ?? [])),
    ]
    return {
      purpose: id,
      title: textIn(p.title, locale),
      description: textIn(p.description, locale),
      legalBasis: basisText(p.legalBasis),
      subjects,
      categories: p.categories,
      recipients: recipients.map((r) => {
        const processor = manifest.processors?.[r]
        return processor ? processorName(processor, locale) : r
      }),
      transfers: transfersOf(manifest, locale, new Set(recipients)),
      retention: [
        ...(p.retention ? [period(`purpose:${id}`, p.retention, locale)] : []),
        ...p.categories.flatMap((c) => {
          const r = manifest.categories[c]?.retention
          return r ? [period(c, r, locale)] : []
        }),
      ],
    }
  }),
  categories: Object.entries(manifest.categories).map(([id, c]) => ({
    id,
    description: textIn(c.description ?? c.label, locale),
    retention: c.retention ? period(id, c.retention, locale) : null,
  })),
  recipients: Object.entries(manifest.processors ?? {}).map(([id, p]) => ({
    id,
    name: processorName(p, locale),
    role: p.role,
    service: p.service,
    countries: p.countries,
  })),
  transfers: transfersOf(manifest, locale),
  security: manifest.security?.measures ?? [],
})
