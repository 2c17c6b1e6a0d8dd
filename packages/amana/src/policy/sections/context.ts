import type { JurisdictionId, JurisdictionPack, Locale } from '../../jurisdictions/index.ts'
import { type ContactChannel, type Manifest, processorName, type Text } from '../../manifest/index.ts'
import { type PolicyText, policyText } from '../copy/index.ts'
import { countryInSentence, formatCount, joinList, pick } from '../format.ts'
import { categoryLabels, channelLabels } from '../labels.ts'
import type { SectionBuilder } from '../section-builder.ts'

/** What every section reads: the manifest, the packs, the language, and the words derived from them. */
export interface PolicyContext {
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly locale: Locale
  readonly served: readonly JurisdictionId[]
  readonly org: Manifest['organisation']
  readonly processors: NonNullable<Manifest['processors']>
  /** The trading name in this language, else the legal name. */
  readonly orgName: string
  readonly orgPath: string
  readonly services: string
  readonly home: string
  readonly t: PolicyText
  readonly tx: (text: Text | undefined) => string | undefined
  readonly list: (items: readonly string[], type?: 'conjunction' | 'disjunction') => string
  readonly categoryLabel: (id: string) => string
  readonly purposeTitle: (id: string) => string
  /** A processor's name in this language (`name: { en, ar }`), else the id as written. */
  readonly processorName: (id: string) => string
  /** "email (hello@shop.example)": the channel's word and the manifest's address for it. */
  readonly channelText: (channel: ContactChannel) => string
  readonly days: (amount: number) => string
  readonly hours: (amount: number) => string
}

/** One section of the policy: adds its statements to `b`; a section that adds none is left out. */
export type SectionRenderer = (c: PolicyContext, b: SectionBuilder) => void

const contactValue = (
  contacts: Manifest['organisation']['contacts'],
  channel: ContactChannel,
  tx: PolicyContext['tx'],
): string | undefined => {
  if (channel === 'email') return contacts.email
  if (channel === 'phone') return contacts.phone
  if (channel === 'whatsapp') return contacts.whatsapp
  if (channel === 'postal') return tx(contacts.postal)
  if (channel === 'form') return contacts.form
  return undefined
}

export const policyContext = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  locale: Locale,
): PolicyContext => {
  const tx = (text: Text | undefined): string | undefined => pick(text, locale)
  const org = manifest.organisation
  return {
    manifest,
    packs,
    locale,
    served: manifest.jurisdictions as readonly JurisdictionId[],
    org,
    processors: manifest.processors ?? {},
    orgName: tx(org.tradingName) ?? org.legalName,
    orgPath: org.tradingName === undefined ? 'organisation.legalName' : 'organisation.tradingName',
    services: tx(org.services) ?? '',
    home: countryInSentence(org.homeCountry, locale),
    t: policyText(locale),
    tx,
    list: (items, type) => joinList(items, locale, type),
    categoryLabel: (id) => {
      const category = manifest.categories[id]
      if (category === undefined) return id
      return tx(category.label) ?? categoryLabels[category.kind][locale]
    },
    purposeTitle: (id) => tx(manifest.purposes[id]?.title) ?? id,
    processorName: (id) => {
      const processor = manifest.processors?.[id]
      return processor === undefined ? id : processorName(processor, locale)
    },
    channelText: (channel) => {
      const value = contactValue(org.contacts, channel, tx)
      const label = channelLabels[channel][locale]
      return value === undefined ? label : `${label} (${value})`
    },
    days: (amount) => formatCount(amount, 'day', locale),
    hours: (amount) => formatCount(amount, 'hour', locale),
  }
}
