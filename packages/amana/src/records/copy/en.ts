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
  'odpc.title': 'Registration with the Office of the Data Protection Commissioner (Kenya)',
  'odpc.intro':
    'What the registration of a data controller asks for, answered from the privacy manifest. Check each item against the ODPC portal before you submit it.',
  'odpc.unverified': "Not verified against the law's own text (sources: {sources}).",
  'odpc.notServed': 'This manifest does not serve Kenya (ke): it needs no ODPC registration.',
  'odpc.missing': 'The manifest does not say: write it on the form.',
  'odpc.ask.controller': 'Name, address and contact details of the data controller',
  'odpc.ask.personal-data': 'Description of the personal data to be processed',
  'odpc.ask.purposes': 'Purposes for which the personal data is processed',
  'odpc.ask.data-subjects': 'Categories of data subjects',
  'odpc.ask.recipients': 'Recipients and processors',
  'odpc.ask.transfers': 'Transfers of personal data outside Kenya',
  'odpc.ask.risks-safeguards':
    'General description of the risks, safeguards, security measures and mechanisms',
  'odpc.ask.indemnity': 'Measures to indemnify data subjects from unlawful use of their data',
  'odpc.ask.thresholds':
    'Annual turnover and number of staff (registration is required unless turnover is under KES 5 million and there are fewer than 10 staff; a certificate lasts 24 months)',
} as const

export type RecordsCopy = { readonly [K in keyof typeof en]: string }
