import { type Localised, legalBases, rightIds, transferMechanisms } from '../jurisdictions/index.ts'
import {
  categoryKinds,
  changeChannels,
  childUses,
  contactChannels,
  cookieCategories,
  processorServices,
  retentionActions,
  retentionEvents,
  securityMeasures,
  trackerTypes,
  verificationMethods,
  withdrawChannels,
} from '../manifest/index.ts'
import { ar } from './copy/ar.ts'
import { en, type PolicyMessageKey } from './copy/en.ts'

/** The ids that have a catalogue entry `prefix.id`. */
type IdsOf<Prefix extends string> = PolicyMessageKey extends infer Key
  ? Key extends `${Prefix}.${infer Id}`
    ? Id
    : never
  : never

/**
 * The words for one controlled vocabulary, in both languages, read from the catalogues (copy/en.ts,
 * copy/ar.ts: `prefix.id`). A vocabulary id without a catalogue entry does not type-check.
 */
const labels = <Prefix extends string, Id extends IdsOf<Prefix>>(
  prefix: Prefix,
  ids: readonly Id[],
): Record<Id, Localised> =>
  Object.fromEntries(
    ids.map((id) => {
      const key = `${prefix}.${id}` as PolicyMessageKey
      return [id, { en: en[key], ar: ar[key] }]
    }),
  ) as Record<Id, Localised>

/** Built-in words for the manifest's controlled vocabulary, in the terms of rumrom-privacy-ar.txt. */
export const categoryLabels = labels('category', categoryKinds)
export const basisLabels = labels('basis', legalBases)
export const rightLabels = labels('right', rightIds)
/** "requests for a copy of your information": a right named as the requests that exercise it. */
export const requestLabels = labels('requests', rightIds)
export const mechanismLabels = labels('mechanism', transferMechanisms)
export const eventLabels = labels('event', retentionEvents)
export const actionLabels = labels('action', retentionActions)
export const securityLabels = labels('security', securityMeasures)
export const cookieCategoryLabels = labels('cookie-category', cookieCategories)
export const trackerTypeLabels = labels('tracker-type', trackerTypes)
export const serviceLabels = labels('service', processorServices)
export const channelLabels = labels('channel', contactChannels)
export const withdrawLabels = labels('withdraw', withdrawChannels)
export const verificationLabels = labels('verification', verificationMethods)
export const changeLabels = labels('change', changeChannels)
export const childUseLabels = labels('child-use', childUses)
