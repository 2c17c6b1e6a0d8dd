import { ae } from './packs/ae.ts'
import { bh } from './packs/bh.ts'
import { euGdpr } from './packs/eu-gdpr.ts'
import { ke } from './packs/ke.ts'
import { kw } from './packs/kw.ts'
import { om } from './packs/om.ts'
import { qa } from './packs/qa.ts'
import { sa } from './packs/sa.ts'
import { ukGdpr } from './packs/uk-gdpr.ts'
import { usCa } from './packs/us-ca.ts'
import type { JurisdictionPack } from './vocabulary.ts'

export const jurisdictionIds = [
  'eu-gdpr',
  'uk-gdpr',
  'us-ca',
  'ke',
  'om',
  'kw',
  'sa',
  'ae',
  'qa',
  'bh',
] as const
export type JurisdictionId = (typeof jurisdictionIds)[number]

export const jurisdictions: Readonly<Record<JurisdictionId, JurisdictionPack>> = {
  'eu-gdpr': euGdpr,
  'uk-gdpr': ukGdpr,
  'us-ca': usCa,
  ke,
  om,
  kw,
  sa,
  ae,
  qa,
  bh,
}

export const isJurisdictionId = (id: string): id is JurisdictionId => Object.hasOwn(jurisdictions, id)

export const getJurisdiction = (id: string): JurisdictionPack | undefined =>
  isJurisdictionId(id) ? jurisdictions[id] : undefined

/** The packs for the ids a manifest serves, in the same order; unknown ids are skipped (the schema rejects them). */
export const packsFor = (ids: readonly string[]): JurisdictionPack[] =>
  ids.map(getJurisdiction).filter((pack): pack is JurisdictionPack => pack !== undefined)
