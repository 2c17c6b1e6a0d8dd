/** The incident notices' and reports' words in English (ar.ts has the same keys). */
export const en = {
  'notice.subject': (shop: string) =>
    `Important: a security incident at ${shop} that involves your information`,
  'notice.greeting': 'Hello,',
  'notice.what': 'What happened',
  'notice.data': 'Which of your information was involved',
  'notice.doing': 'What we are doing',
  'notice.you': 'What you can do',
  'notice.youDefault':
    'Watch your account and bank or card statements for anything unusual, change your password, and be wary of messages that ask for your details.',
  'notice.contact': 'Whom to contact',
  'notice.contactLine': (email: string) => `Write to ${email} with any question about this incident.`,
  'notice.discovered': (date: string) => `We discovered it on ${date}.`,
  'notice.signoff': (shop: string) => `${shop}`,
  'report.title': (shop: string) => `Personal data breach report — ${shop}`,
  'report.authority': 'To',
  'report.reference': 'Incident reference',
  'report.discovered': 'Discovered',
  'report.status': 'Status',
  'report.summary': 'What happened',
  'report.systems': 'Systems involved',
  'report.categories': 'Categories of data',
  'report.people': 'People affected in this jurisdiction',
  'report.deadline': 'Notification deadline',
  'report.risk': 'Likely high risk',
  'report.reasons': 'Reasoning',
  'report.team': 'Response team',
  'report.experts': 'Outside experts',
  'report.timeline': 'Actions taken',
  'report.contact': 'Contact',
  'report.yes': 'yes',
  'report.no': 'no',
  'report.unverified': '(value not verified against its sources)',
  'risk.sensitive': (names: string) => `special-category data in clear: ${names}`,
  'risk.financial': (names: string) => `payment, credentials or other confidential data in clear: ${names}`,
  'risk.children': 'children may be among the people affected',
  'risk.protected': (names: string) =>
    `vaulted or crypto-shredded, unreadable without Amana's keys: ${names}`,
} as const

export type IncidentCopy = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K]
}
