/** The record of processing's and transfer register's words in English (ar.ts has the same keys). */
export const en = {
  'ropa.title': 'Record of processing activities',
  'ropa.controller': 'Controller',
  'ropa.contact': 'Contact',
  'ropa.jurisdictions': 'Laws served',
  'ropa.activities': 'Processing activities',
  'ropa.purpose': 'Purpose',
  'ropa.basis': 'Legal basis',
  'ropa.subjects': 'People',
  'ropa.categories': 'Categories of data',
  'ropa.recipients': 'Recipients',
  'ropa.transfers': 'Transfers outside the country',
  'ropa.retention': 'Retention',
  'ropa.security': 'Security measures',
  'ropa.allCategories': 'All categories',
  'ropa.allRecipients': 'All recipients',
  'ropa.none': 'none',
  'transfers.title': 'Transfer documentation',
  'transfers.intro':
    'Where your personal data goes outside the country, to whom, and the safeguard that protects it.',
  'transfers.recipient': 'Recipient',
  'transfers.countries': 'Countries',
  'transfers.mechanism': 'Safeguard',
  'transfers.details': 'Details',
  'transfers.none': 'We do not transfer personal data outside the country.',
} as const

export type RecordsCopy = { readonly [K in keyof typeof en]: string }
