import type { Manifest, Text } from '../../manifest/index.ts'
import { type RecordLocale, recordOfProcessing } from './record-of-processing.ts'

/**
 * What Kenya's ODPC registration of a data controller asks for, answered from the manifest. The
 * items follow the Data Protection Act 2019 s.19(2) as commonly summarised (K6, K7) and the
 * registration thresholds in the reference (K3, K4, K6, K7); they are **not verified** against the
 * Act's or the Registration Regulations 2021's own text, and the form the ODPC portal shows may ask
 * more. An item the manifest cannot answer says so, with what to fill in.
 */
export interface OdpcItem {
  readonly id:
    | 'controller'
    | 'personal-data'
    | 'purposes'
    | 'data-subjects'
    | 'recipients'
    | 'transfers'
    | 'risks-safeguards'
    | 'indemnity'
    | 'thresholds'
  /** What the registration asks, in the reader's language (copy catalogue key `odpc.ask.<id>`). */
  readonly answers: readonly string[]
  /** Nothing in the manifest answers it: the shop writes it on the form. */
  readonly missing: boolean
}

export interface OdpcRegistration {
  readonly authority: 'Office of the Data Protection Commissioner (Kenya)'
  readonly law: 'Data Protection Act 2019, s.18–19; Data Protection (Registration of Data Controllers and Data Processors) Regulations 2021'
  readonly verified: false
  readonly sources: readonly string[]
  /** Whether the manifest serves Kenya (`ke`); a shop outside it need not register. */
  readonly servesKenya: boolean
  readonly items: readonly OdpcItem[]
}

const textIn = (text: Text, locale: RecordLocale): string =>
  typeof text === 'string' ? text : (text[locale] ?? text.en ?? '')

export const odpcRegistration = (manifest: Manifest, locale: RecordLocale): OdpcRegistration => {
  const record = recordOfProcessing(manifest, locale)
  const org = manifest.organisation
  const address = org.addresses?.map((a) => `${textIn(a.lines, locale)}, ${a.country}`) ?? []
  const subjects = Object.entries(manifest.subjects).map(([id, s]) => `${id} (${s.kind})`)
  const item = (id: OdpcItem['id'], answers: readonly string[]): OdpcItem => ({
    id,
    answers,
    missing: answers.length === 0,
  })
  return {
    authority: 'Office of the Data Protection Commissioner (Kenya)',
    law: 'Data Protection Act 2019, s.18–19; Data Protection (Registration of Data Controllers and Data Processors) Regulations 2021',
    verified: false,
    sources: ['K3', 'K4', 'K6', 'K7'],
    servesKenya: manifest.jurisdictions.includes('ke'),
    items: [
      item('controller', [
        org.legalName,
        ...address,
        ...(org.contacts?.email ? [org.contacts.email] : []),
        ...(org.contacts?.phone ? [org.contacts.phone] : []),
        ...(org.privacyContact
          ? [
              `${org.privacyContact.role}: ${org.privacyContact.name ?? ''} ${org.privacyContact.email ?? ''}`.trim(),
            ]
          : []),
      ]),
      item(
        'personal-data',
        record.categories.map((c) => {
          const sensitivity = manifest.categories[c.id]?.sensitivity
          return `${c.id}${c.description ? ` — ${c.description}` : ''}${sensitivity && sensitivity !== 'normal' ? ` [${sensitivity}]` : ''}`
        }),
      ),
      item(
        'purposes',
        record.activities.map((a) => `${a.title} (${a.legalBasis})`),
      ),
      item('data-subjects', subjects),
      item(
        'recipients',
        record.recipients.map((r) => `${r.name} — ${r.service} (${r.countries.join(', ')})`),
      ),
      item(
        'transfers',
        record.transfers.map((t) => `${t.recipient}: ${t.countries.join(', ')} — ${t.mechanism ?? '?'}`),
      ),
      item('risks-safeguards', record.security),
      // Neither is something the manifest declares.
      item('indemnity', []),
      item('thresholds', []),
    ],
  }
}
