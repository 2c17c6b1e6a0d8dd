import type { JurisdictionId } from '../../jurisdictions/index.ts'
import {
  basesFor,
  isProcessorPurpose,
  type Manifest,
  needsConsent,
  needsConsentIn,
  subjectsOfPurpose,
} from '../../manifest/index.ts'
import { labelled, sentence } from '../format.ts'
import { basisLabels, withdrawLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Purpose = Manifest['purposes'][string]

/** The legal bases per pack (several joined), named with the packs that use them when they differ. */
const legalBases = (c: PolicyContext, purpose: Purpose): string[] => {
  const byBases = new Map<string, { bases: string[]; where: string[] }>()
  for (const pack of c.packs) {
    const bases = basesFor(purpose, pack.id as JurisdictionId)
    if (bases.length === 0) continue
    const key = bases.join('+')
    const entry = byBases.get(key) ?? { bases, where: [] }
    entry.where.push(pack.name[c.locale])
    byBases.set(key, entry)
  }
  return [...byBases.values()].map(({ bases, where }) => {
    const label = c.list(bases.map((basis) => basisLabels[basis as keyof typeof basisLabels][c.locale]))
    return byBases.size === 1 ? label : `${label} (${c.list(where)})`
  })
}

/** Consent asked everywhere, or only in the packs where consent is the basis ("in the European Union"). */
const consentText = (c: PolicyContext, purpose: Purpose): string => {
  const withdraw = purpose.consent?.withdraw ?? []
  const where = c.packs.filter((pack) => needsConsentIn(purpose, pack.id as JurisdictionId))
  const everywhere = where.length === c.packs.length
  const jurisdictions = c.list(where.map((pack) => pack.name[c.locale]))
  if (withdraw.length === 0)
    return everywhere ? c.t('uses.consent') : c.t('uses.consent.where', { jurisdictions })
  const channels = c.list(
    withdraw.map((channel) => withdrawLabels[channel][c.locale]),
    'disjunction',
  )
  return everywhere
    ? c.t('uses.consent.withdraw', { channels })
    : c.t('uses.consent.where.withdraw', { jurisdictions, channels })
}

const controllersOf = (c: PolicyContext, purpose: Purpose): string[] => [
  ...new Set(
    subjectsOfPurpose(c.manifest, purpose).flatMap((id) => {
      const name = c.tx(c.manifest.subjects[id]?.controller?.name)
      return name === undefined ? [] : [name]
    }),
  ),
]

/** One purpose as one item: what it is, the information it uses, its legal basis and consent. */
const purposeText = (c: PolicyContext, id: string, purpose: Purpose): string => {
  const title = c.tx(purpose.title) ?? id
  const description = c.tx(purpose.description)
  const parts = [description === undefined ? sentence(title) : labelled(title, description)]
  parts.push(c.t('uses.information-used', { categories: c.list(purpose.categories.map(c.categoryLabel)) }))
  // For another organisation's people we state whose instructions we follow, not a basis of ours.
  if (isProcessorPurpose(c.manifest, purpose)) {
    parts.push(c.t('uses.on-behalf', { controllers: c.list(controllersOf(c, purpose)) }))
    return parts.join(' ')
  }
  const bases = legalBases(c, purpose)
  if (bases.length > 0) parts.push(c.t('uses.legal-basis', { bases: bases.join(c.t('separator.bases')) }))
  const interest = c.tx(purpose.legitimateInterest)
  if (interest !== undefined) parts.push(c.t('uses.legitimate-interest', { interest: sentence(interest) }))
  if (needsConsent(purpose, c.served)) parts.push(consentText(c, purpose))
  return parts.join(' ')
}

/** The purposes, each with its information, legal basis and consent; then automated decisions. */
export const uses: SectionRenderer = (c, b) => {
  const purposes = Object.entries(c.manifest.purposes)
  if (purposes.length === 0) return
  b.p('intro', c.t('uses.intro'), ['purposes'], ['purposes'])
  for (const [id, purpose] of purposes)
    b.li(`purpose-${id}`, purposeText(c, id, purpose), [`purposes.${id}`], ['purposes', 'legal-bases'])
  // Oman's PDPL asks for explicit consent; the consent ledger records each choice with its wording.
  const omanConsent = purposes.filter(([, purpose]) => needsConsentIn(purpose, 'om'))
  if (c.served.includes('om') && omanConsent.length > 0)
    b.p(
      'om-explicit-consent',
      c.t('uses.consent.explicit-om'),
      ['jurisdictions', 'pack:om.consentModel', ...omanConsent.map(([id]) => `purposes.${id}`)],
      ['legal-bases'],
    )
  const automated = c.manifest.commitments?.automatedDecisions
  if (automated !== undefined) {
    b.p(
      'automated-decisions',
      c.t(automated ? 'uses.automated-decisions.yes' : 'uses.automated-decisions.no'),
      ['commitments.automatedDecisions'],
      ['automated-decisions'],
    )
  }
}
