import type { JurisdictionId } from '../../jurisdictions/index.ts'
import { basisFor, type Manifest, needsConsent } from '../../manifest/index.ts'
import { labelled, sentence } from '../format.ts'
import { basisLabels, withdrawLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Purpose = Manifest['purposes'][string]

/** The legal basis per pack, named with the packs that use it when they differ. */
const legalBases = (c: PolicyContext, purpose: Purpose): string[] => {
  const byBasis = new Map<string, string[]>()
  for (const pack of c.packs) {
    const basis = basisFor(purpose, pack.id as JurisdictionId)
    if (basis === undefined) continue
    byBasis.set(basis, [...(byBasis.get(basis) ?? []), pack.name[c.locale]])
  }
  return [...byBasis.entries()].map(([basis, where]) => {
    const label = basisLabels[basis as keyof typeof basisLabels][c.locale]
    return byBasis.size === 1 ? label : `${label} (${c.list(where)})`
  })
}

const consentText = (c: PolicyContext, purpose: Purpose): string => {
  const withdraw = purpose.consent?.withdraw ?? []
  if (withdraw.length === 0) return c.t('uses.consent')
  const channels = c.list(
    withdraw.map((channel) => withdrawLabels[channel][c.locale]),
    'disjunction',
  )
  return c.t('uses.consent.withdraw', { channels })
}

/** One purpose as one item: what it is, the information it uses, its legal basis and consent. */
const purposeText = (c: PolicyContext, id: string, purpose: Purpose): string => {
  const title = c.tx(purpose.title) ?? id
  const description = c.tx(purpose.description)
  const parts = [description === undefined ? sentence(title) : labelled(title, description)]
  parts.push(c.t('uses.information-used', { categories: c.list(purpose.categories.map(c.categoryLabel)) }))
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
