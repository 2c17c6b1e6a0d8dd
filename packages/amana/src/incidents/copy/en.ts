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
  'report.within': (hours: number, due: string) => `within ${hours} hours of discovery: by ${due}`,
  'register.title': (shop: string) => `Register of personal data breaches — ${shop}`,
  'register.law': "Kept as Oman's Executive Regulation of the Personal Data Protection Law requires (Art 28)",
  'register.notServed':
    'This manifest does not serve Oman (om); the register is kept for every breach all the same.',
  'register.reference': 'Reference',
  'register.people': 'People affected (in Oman)',
  'register.consequences': 'Likely high risk, and why',
  'register.measures': 'Measures taken',
  'register.ministry': 'Deadline to notify the Ministry',
  'register.notices': 'Notices sent to people',
  'risk.sensitive': (names: string) => `special-category data in clear: ${names}`,
  'risk.financial': (names: string) => `payment, credentials or other confidential data in clear: ${names}`,
  'risk.children': 'children may be among the people affected',
  'scope.table': (people: number, source: string, column: string) =>
    `${people} people: the rows of ${source} whose ${column} falls in the window, and the person each belongs to`,
  'scope.processor': (people: number, source: string, entries: number) =>
    `${people} people whose data Amana's audit ledger shows was handed to ${source} in the window (${entries} hand-overs)`,
  'scope.account': (people: number, source: string, entries: number) =>
    `${people} people whose personal data the account ${source} read in the window (${entries} reads)`,
  'task.checkByHand': (id: string, description: string | undefined, ask: string) =>
    `${id}${description ? ` (${description})` : ''}: not read by Amana — check it by hand for the affected people and data in the incident's window; ${ask}.`,
  'task.ask.assignee': (who: string) => `ask ${who}, who looks after it`,
  'task.ask.privacy-contact': (who: string) => `ask the shop's privacy contact, ${who}`,
  'task.ask.none': (_: string) => 'the manifest names nobody for it: add an assignee to the system',
  'placed.declared-country': "country from the shop's declared column",
  'placed.own-request': 'from the request they filed with us: the country or law they chose then',
  'placed.own-consent': 'from their consent record: the law their choice was made under',
  'placed.phone-guess': "guess: from the phone number's country code",
  'placed.home-guess': "guess: the shop's home country (nothing else is known)",
  'locale.declared-language': "language from the shop's declared column",
  'locale.own-request': 'the language of the request they filed with us',
  'locale.own-consent': 'the language of their consent choice',
  'locale.name-guess': "guess: from the script of the person's name",
  'locale.staff': 'set by staff',
  'locale.none': 'not known: set it before sending',
  'risk.protected': (names: string) =>
    `vaulted or crypto-shredded, unreadable without Amana's keys: ${names}`,
  'reminder.subject': (reference: string, left: string, who: string) =>
    `${reference}: ${left} left to notify ${who}`,
  'reminder.hours': (hours: number) => `${new Intl.NumberFormat('en-GB').format(hours)} h`,
  'reminder.regulator': (authority: string, jurisdiction: string) => `${authority} (${jurisdiction})`,
  'reminder.utc': 'UTC',
  'reminder.individuals': (jurisdiction: string) => `the affected people (${jurisdiction})`,
  'reminder.discovered': (reference: string, at: string) => `Incident ${reference}, discovered ${at}.`,
  'reminder.due': (who: string, due: string, hours: string) =>
    `Notify ${who} by ${due} (${hours} from discovery).`,
  'reminder.people': (people: number) => `People in this jurisdiction: ${people}.`,
} as const

export type IncidentCopy = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K]
}
