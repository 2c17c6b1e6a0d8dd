import type { DisclosureId, JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../schema.ts'
import type { PathSegment } from '../source-map.ts'
import type { FindingCopyRef } from './finding.ts'

/** Where the manifest lacks a disclosure, and the fix's catalogue entry (the message names the disclosures). */
export interface MissingDisclosure {
  readonly path: PathSegment[]
  readonly key: Extract<FindingCopyRef['key'], `disclosure.${string}`>
  readonly params: FindingCopyRef['params']
}

type Test = (manifest: Manifest, pack: JurisdictionPack) => MissingDisclosure | undefined

const section =
  (key: keyof Manifest, example: string): Test =>
  (manifest) =>
    manifest[key] === undefined ? { path: [key], key: 'disclosure.missing', params: { example } } : undefined

/**
 * What makes each disclosure present in the manifest (so the policy can state it). Disclosures that other
 * rules already enforce field by field (retention, transfers, legal bases) pass here to avoid double reports.
 */
export const disclosureTests: Readonly<Record<DisclosureId, Test>> = {
  'controller-identity': () => undefined,
  contact: (manifest) => {
    const { email, phone, whatsapp, postal, form } = manifest.organisation.contacts
    return [email, phone, whatsapp, postal, form].some((value) => value !== undefined)
      ? undefined
      : {
          path: ['organisation', 'contacts'],
          key: 'disclosure.missing.field',
          params: { example: 'email: hello@example.com' },
        }
  },
  'privacy-contact': (manifest) =>
    manifest.organisation.privacyContact === undefined
      ? {
          path: ['organisation', 'privacyContact'],
          key: 'disclosure.missing.field',
          params: { example: 'privacyContact: { role: dpo, email: privacy@example.com }' },
        }
      : undefined,
  categories: () => undefined,
  purposes: () => undefined,
  'legal-bases': () => undefined,
  recipients: section('processors', 'processors: {}   # or the processors you use'),
  transfers: () => undefined,
  retention: () => undefined,
  rights: section('requests', 'requests: { channels: [email], verification: [email-code] }'),
  'complaint-authority': section('complaints', 'complaints: { channels: [email], responseDays: 30 }'),
  'automated-decisions': (manifest) =>
    manifest.commitments?.automatedDecisions === undefined
      ? {
          path: ['commitments', 'automatedDecisions'],
          key: 'disclosure.missing.automated-decisions',
          params: { example: 'automatedDecisions: false', section: 'commitments' },
        }
      : undefined,
  'sale-opt-out': (manifest) =>
    manifest.commitments?.sellsPersonalData === undefined
      ? {
          path: ['commitments', 'sellsPersonalData'],
          key: 'disclosure.missing.sale-opt-out',
          params: { example: 'sellsPersonalData: false', section: 'commitments' },
        }
      : undefined,
  cookies: section('cookies', 'cookies: { consentBanner: true, trackers: {} }'),
  children: section(
    'children',
    'children: { directedAtChildren: false, minimumAge: 18, parentalConsent: true }',
  ),
  security: section('security', 'security: { measures: [encryption-in-transit, access-control] }'),
  breach: section('breach', 'breach: { notifyRegulatorHours: 24, notifyIndividualsHours: 72 }'),
  changes: section('changes', 'changes: { notify: [website, email] }'),
  languages: (manifest, pack) => {
    const missing = pack.languages.value.filter((locale) => !manifest.organisation.languages.includes(locale))
    return missing.length === 0
      ? undefined
      : {
          path: ['organisation', 'languages'],
          key: 'disclosure.missing.languages',
          params: { missing: missing.join(', '), where: 'organisation.languages' },
        }
  },
}
