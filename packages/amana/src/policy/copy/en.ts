/**
 * The policy's English text, one entry per statement, keyed `section.statement` (the statement ids
 * in the rendered policy). `{name}` is filled by the section module that states it, from the
 * manifest; a change of legal wording is a change here and in ar.ts, not in the renderer.
 */
export const en = {
  title: '{org} Privacy Policy',
  'title.arabic-name': '{org} Privacy Policy',
  'section.key-points': 'The key points',
  'section.introduction': 'About this policy',
  contents: 'Contents',
  'section.collected': 'Information we collect',
  'section.uses': 'How we use your information',
  'section.protection': 'How we protect your information',
  'section.sharing': 'Sharing your information',
  'section.transfers': 'International data transfers',
  'section.retention': 'Data retention and deletion',
  'section.rights': 'Your rights',
  'section.cookies': 'Cookies and tracking technologies',
  'section.breaches': 'Data breaches and incident response',
  'section.children': 'Children’s privacy',
  'section.complaints': 'Complaints and dispute resolution',
  'section.changes': 'Changes to this policy',
  'section.contact': 'Contact us',
  'language.en': 'English',
  'language.ar': 'Arabic',
  'separator.list': ', ',
  'separator.bases': '; ',

  'key-points.uses': 'We use your information for {purposes}.',
  'key-points.sale.no': 'We do not sell your information.',
  'key-points.sale.yes': 'We sell or share some of your information, and you can opt out.',
  'key-points.sharing': 'Service providers that receive some of it: {providers}.',
  'key-points.rights': 'You can use your rights over your information through {channels}; see “{section}”.',
  'key-points.contact': 'Questions about your privacy: {email}.',

  'introduction.scope':
    'At {org}, we are committed to protecting the privacy and security of your personal information. This privacy policy explains how we collect, use and protect it when you use {services}.',
  'introduction.effective-date': 'Effective date: {date}.',
  'introduction.languages': 'This policy is published in {languages}.',
  'introduction.laws': 'It follows {laws}.',

  'collected.source-subject': 'Information you give us:',
  'collected.source-automatic': 'Information we collect automatically when you use {services}:',
  'collected.source-third-party': 'Information we receive from other people:',
  'collected.also-from': 'We may also receive it from {sources}.',
  'collected.from.subject': 'you',
  'collected.from.automatic': 'your use of our services',
  'collected.from.third-party': 'other people or organisations',
  'collected.required': 'You must give it to use our services.',
  'collected.required.consequence': 'You must give it; without it {consequence}',
  'collected.optional': 'Giving it is up to you.',
  'collected.sensitive':
    'This is sensitive information; we ask for your explicit consent before collecting it.',

  'uses.intro': 'We use your information for the following purposes:',
  'uses.information-used': 'Information used: {categories}.',
  'uses.legal-basis': 'Legal basis: {bases}.',
  'uses.on-behalf':
    'We do this on behalf of {controllers}, on their instructions; they decide how this information is used, and on what legal basis.',
  'uses.legitimate-interest': 'Our legitimate interest: {interest}',
  'uses.consent': 'We ask for your consent first.',
  'uses.consent.withdraw':
    'We ask for your consent first, and you can withdraw it at any time through {channels}.',
  'uses.consent.where': 'Where consent is the legal basis ({jurisdictions}), we ask for it first.',
  'uses.consent.where.withdraw':
    'Where consent is the legal basis ({jurisdictions}), we ask for it first, and you can withdraw it at any time through {channels}.',
  'uses.consent.explicit-om':
    "Under Oman's Personal Data Protection Law, where we rely on your consent we ask for it explicitly, in writing or electronically and separately from other terms, and we keep a record of it.",
  'uses.automated-decisions.yes': 'We make some decisions about you by automated means.',
  'uses.automated-decisions.no': 'We do not make decisions about you based solely on automated processing.',

  'protection.intro':
    'We take the security of your personal information very seriously. Our measures include:',

  'sharing.sale.yes':
    'We sell or share some personal information; you have the right to opt out at any time.',
  'sharing.sale.no': 'We do not sell or rent your personal information to third parties.',
  'sharing.none': 'We do not share your information with service providers.',
  'sharing.intro':
    'We share information with the following service providers, who help us run our business. Each receives only the information listed next to it:',
  'sharing.processors': 'Service providers',
  'sharing.processors.provider': 'Provider',
  'sharing.processors.service': 'Service',
  'sharing.processors.information': 'Information shared',
  'sharing.processors.where': 'Where it is processed',
  'sharing.processors.protection': 'How they protect it',
  'sharing.processors.contact': 'Privacy policy and contact',
  'sharing.contact-providers':
    'You can contact these providers directly, or read their privacy policies, using the details in the table.',
  'sharing.legal':
    'We may also share information when the law requires it, such as in response to a court order or a request from law enforcement.',

  'transfers.none':
    'We store and process your information in {home}; we do not transfer it to other countries.',
  'transfers.intro':
    'Some of your information is processed outside {home}. Each transfer, and the safeguard it relies on where there is one:',
  'transfers.intro.regions':
    'Some of your information is processed outside the country or region whose law protects it. Each transfer, and the safeguard it relies on where there is one:',
  'transfers.for': '(for people in {jurisdictions})',
  'transfers.documents':
    'You can ask for a copy of the documents that govern these transfers by emailing {email}.',

  'retention.intro':
    'We keep personal information only as long as we need it for the purposes we collected it for. How long depends on the type of information, why we use it, and what the law requires:',
  'retention.periods': 'How long we keep your information',
  'retention.periods.information': 'Information',
  'retention.periods.keep': 'How long',
  'retention.periods.after': 'Counted',
  'retention.periods.action': 'Then',
  'retention.periods.criteria': 'Criteria',
  'retention.purpose': 'For {purpose}: {keep} {after}, then {action}.',
  'retention.hold':
    '{category}: we must keep it for {keep} even if you ask us to delete it, because of {reason}.',
  'retention.process.anonymise':
    'When a retention period ends, we securely erase the information from our systems, or anonymise it so that it can no longer identify you, as shown in the table.',
  'retention.process': 'When a retention period ends, we securely erase the information from our systems.',
  'retention.requests':
    'You can ask us to delete your personal information at any time through {channels}. We verify your identity first, then complete the deletion within {days} of receiving your request.',
  'retention.own': 'Records we keep about your requests and choices',
  'retention.own.record': 'Record',
  'retention.own.sentMail':
    'Emails we sent you (once an email is sent, we keep only the fact that it was sent, not your address or its text)',
  'retention.own.verificationCodes': 'Verification codes we sent to confirm your identity',
  'retention.own.accessPackages': 'Copies of your information we prepared for you to download',
  'retention.own.requestRecords': 'Records of your privacy requests',
  'retention.own.consentRecords': 'Records of your consent choices',
  'retention.own.audit': 'Our log of who viewed or changed your information',
  'retention.own.after.sent': 'after it was sent',
  'retention.own.after.expired': 'after it expired',
  'retention.own.after.ready': 'after it was ready',
  'retention.own.after.closed': 'after your request was closed',
  'retention.own.after.replaced': 'after you withdrew or changed that choice',
  'retention.own.after.recorded': 'after each entry',
  'retention.own.then.delete': 'deleted',
  'retention.own.then.reduce': 'reduced to its reference, type and dates, without your details',
  'retention.own.then.keep-current': 'deleted; your current choice is kept while it applies',
  'retention.own.logs':
    'Our privacy system keeps no log file of its own, and its service logs are written without names, email addresses or codes.',
  'retention.own.logs.kept':
    "Our privacy system keeps no log file of its own. Its service logs are written without names, email addresses or codes, and our hosting provider's log service keeps them for {keep}.",

  'rights.intro': 'Under {law} ({jurisdiction}), you have the right to:',
  'rights.promised': 'Beyond what the law requires, we also give you the right to:',
  'rights.partial': '{right} (in some cases)',
  'rights.how': 'To exercise any of these rights, contact us through {channels}.',
  'rights.how.form':
    'To exercise any of these rights, contact us through {channels}, or by using our request form at {form}.',
  'rights.verification':
    'Before we act on a request, we verify your identity to keep your information safe, by {methods}.',
  'rights.timeline': 'We respond to every request within {days} of receiving it.',
  'rights.timeline.where':
    'If you are in {jurisdiction}, we respond to every request within {days} of receiving it.',
  'rights.timeline.except': 'We respond to requests within {days} of receiving them, except:',
  'rights.timeline.except.where':
    'If you are in {jurisdiction}, we respond to requests within {days} of receiving them, except:',
  'rights.timeline.right': '{requests}: within {days}.',
  'rights.timeline.right.extended':
    '{requests}: within {days}, or {extended} at most when the law lets us extend.',
  'rights.extension':
    'Under {law}, if a request is complex or you send many requests, we may take longer, but no more than {total} from receiving it in all; we will tell you within the first period and explain why.',
  'rights.fee': 'Making a request is free of charge.',
  'rights.withdraw':
    'Where we rely on your consent, withdrawing it is as easy as giving it, and it does not affect what we did before you withdrew it.',

  'cookies.none': 'We do not use cookies or similar tracking technologies.',
  'cookies.intro':
    'We use cookies and similar technologies on {services}. The table lists each one, who sets it, why, and for how long.',
  'cookies.trackers': 'Cookies and trackers',
  'cookies.trackers.name': 'Name',
  'cookies.trackers.provider': 'Provider',
  'cookies.trackers.type': 'Type',
  'cookies.trackers.category': 'Category',
  'cookies.trackers.duration': 'Duration',
  'cookies.trackers.purpose': 'Purpose',
  'cookies.party.first': 'first-party',
  'cookies.party.third': 'third-party',
  'cookies.session': 'until you close the browser',
  'cookies.consent':
    'Analytics and marketing trackers only run after you agree to them in our cookie banner; strictly necessary cookies keep the site working and are always on.',
  'cookies.preferences': 'You can change your choices at any time at {url}.',
  'cookies.browser': 'You can also block or delete cookies through your browser settings.',
  'cookies.third-party': '{provider} sets {names} for: {purposes}.',
  'cookies.third-party.link': '{provider} sets {names} for: {purposes}. To learn more or opt out, see {url}.',

  'breaches.notify-you':
    'If a data breach affects your personal information and may put you at risk, we will notify you within {hours} of discovering it.',
  'breaches.notify-authority': 'We will report the breach to {authorities} within {hours}.',
  'breaches.steps':
    'We will investigate the incident to establish its nature and scope, take immediate steps to contain it and protect the remaining data, and tell you what happened, which information was involved, what we are doing about it, and how you can protect yourself.',
  'breaches.guidance': 'To protect yourself: {guidance}',

  'children.directed.yes':
    'Some of our services are directed at children, and we take extra care with their information.',
  'children.directed.no': 'Our services are not directed at children.',
  'children.age': 'You must be {age} or older to use our services.',
  'children.age.parental-consent':
    'You must be {age} or older to use our services or create an account on your own; anyone younger needs the consent of a parent or guardian.',
  'children.age.by': 'Where you live changes this age: {ages}.',
  'children.age.in': '{age} in {jurisdiction}',
  'children.never': 'We never use children’s personal information for {uses}.',

  'complaints.channels': 'You can send us privacy questions or complaints by {channels}.',
  'complaints.process': 'We investigate every complaint and respond within {days} of receiving it.',
  'complaints.process.acknowledge':
    'We acknowledge every complaint within {acknowledge}, then investigate it and respond within {days} of receiving it.',
  'complaints.authority': 'If you are not satisfied with our response, you can complain to {authority}.',
  'complaints.cooperation': 'We cooperate with {authorities} in any inquiry or investigation.',
  'complaints.consumer': 'You can also contact {consumer}',
  'complaints.mediation': 'mediation',
  'complaints.escalation': 'If we cannot settle your complaint, you can also take it to:',
  'complaints.escalation.authority': 'supervisory authority',
  'complaints.escalation.mediation': 'mediation',
  'complaints.escalation.arbitration': 'arbitration',
  'complaints.escalation.consumer-protection': 'consumer protection',
  'complaints.escalation.ombudsman': 'ombudsman',
  'complaints.arbitration': 'arbitration',
  'complaints.adr': 'We also offer {adr} to settle privacy disputes; contact us to start the process.',

  'changes.notice':
    'We may update this privacy policy from time to time. We will tell you about changes by {channels}, and we will update the effective date at the top of this policy.',
  'changes.significant':
    'We send these notices for significant changes; smaller corrections are published here with a new effective date.',
  'changes.notice.advance':
    'We may update this privacy policy from time to time. We will tell you about changes by {channels} at least {days} before they take effect, and we will update the effective date at the top of this policy.',

  'contact.controller': '{legalName} is responsible for your personal information.',
  'contact.controller.trading': '{name} ({legalName}) is responsible for your personal information.',
  'contact.processor-for':
    'For {subjects}, we act as a processor: {controller} decides how that information is used and is responsible for it, and we handle it only on its instructions. We pass any request about it to them.',
  'contact.processor-for.contact':
    'For {subjects}, we act as a processor: {controller} decides how that information is used and is responsible for it, and we handle it only on its instructions. You can contact them at {contact}; we also pass any request about it to them.',
  'contact.representative': 'Our representative in {jurisdiction} (GDPR Art. 27): {details}',
  'contact.registration.controller':
    'We are registered with {authority} as a data controller, registration number {number}.',
  'contact.registration.processor':
    'We are registered with {authority} as a data processor, registration number {number}.',
  'contact.registration.controller-and-processor':
    'We are registered with {authority} as a data controller and processor, registration number {number}.',
  'ccpa.intro': 'If you live in {jurisdiction}:',
  'ccpa.not-sold':
    'In the last 12 months we have not sold or shared your personal information, and we do not sell or share it; no category of it is sold or shared.',
  'ccpa.do-not-sell': 'Do Not Sell or Share My Personal Information: {url}',
  'ccpa.collected':
    'In the last 12 months we have collected these categories of personal information: {categories}.',
  'ccpa.sources': 'We collected them from these sources: {sources}.',
  'ccpa.source': '{source} ({categories})',
  'ccpa.disclosed':
    'In the last 12 months we have disclosed these categories to our service providers for business purposes: {categories}.',
  'ccpa.sold':
    'In the last 12 months we have sold or shared these categories of personal information: {categories}.',
  'ccpa.sensitive.limited':
    'We use sensitive personal information only to provide the services you ask for and to keep them secure, so there is no other use to limit.',
  'ccpa.sensitive.limit-right': 'You can ask us to limit the use of your sensitive personal information.',
  'ccpa.non-discrimination': 'We will not treat you differently for exercising your privacy rights.',
  'ccpa.agents':
    'You can make a request through an agent you authorise; we will ask the agent for your signed permission.',
  'ccpa.gpc':
    'We treat a Global Privacy Control signal from your browser as a request to opt out of the sale and sharing of your information.',
  'contact.intro': 'If you have any questions or concerns about our privacy practices, please contact us:',
  'contact.role.dpo': 'Data protection officer',
  'contact.role.privacy-contact': 'Privacy contact',
  'contact.address': 'Address',

  // Counted units, by the form format.ts picks (Arabic's CLDR forms; English says one or many).
  'duration.immediately': 'immediately',
  'count.age.one': '{n}',
  'count.age.two': '{n}',
  'count.age.two.nominative': '{n}',
  'count.age.few': '{n}',
  'count.age.many': '{n}',
  'count.age.other': '{n}',
  'count.year.one': '{n} year',
  'count.year.two': '{n} years',
  'count.year.two.nominative': '{n} years',
  'count.year.few': '{n} years',
  'count.year.many': '{n} years',
  'count.year.other': '{n} years',
  'count.month.one': '{n} month',
  'count.month.two': '{n} months',
  'count.month.two.nominative': '{n} months',
  'count.month.few': '{n} months',
  'count.month.many': '{n} months',
  'count.month.other': '{n} months',
  'count.week.one': '{n} week',
  'count.week.two': '{n} weeks',
  'count.week.two.nominative': '{n} weeks',
  'count.week.few': '{n} weeks',
  'count.week.many': '{n} weeks',
  'count.week.other': '{n} weeks',
  'count.day.one': '{n} day',
  'count.day.two': '{n} days',
  'count.day.two.nominative': '{n} days',
  'count.day.few': '{n} days',
  'count.day.many': '{n} days',
  'count.day.other': '{n} days',
  'count.hour.one': '{n} hour',
  'count.hour.two': '{n} hours',
  'count.hour.two.nominative': '{n} hours',
  'count.hour.few': '{n} hours',
  'count.hour.many': '{n} hours',
  'count.hour.other': '{n} hours',

  // The manifest's controlled vocabulary, `kind.id` (labels.ts hands these out as { en, ar } records).
  'category.identity': 'Identity',
  'category.contact': 'Contact details',
  'category.delivery-address': 'Delivery address',
  'category.payment': 'Payment information',
  'category.order-history': 'Order history',
  'category.customisation': 'Customisation information',
  'category.usage': 'Usage information',
  'category.device': 'Device information',
  'category.location': 'Approximate location',
  'category.communications': 'Communications',
  'category.credentials': 'Login credentials',
  'category.recovery-qa': 'Password recovery question and answer',
  'category.government-id': 'National ID or residence card number',
  'category.professional': 'Professional details',
  'category.references': 'Referees’ contact details',
  'category.health': 'Health information',
  'category.other': 'Other information',

  'basis.consent': 'your consent',
  'basis.contract': 'performing our contract with you',
  'basis.legal-obligation': 'a legal obligation',
  'basis.legitimate-interest': 'our legitimate interests',
  'basis.vital-interest': 'protecting someone’s vital interests',
  'basis.public-interest': 'a task in the public interest',

  'right.access': 'access your personal information and obtain a copy of it',
  'right.rectify': 'correct or update inaccurate information',
  'right.erase': 'ask us to delete your information',
  'right.restrict': 'restrict how we use your information',
  'right.port': 'receive your information in a portable, machine-readable format',
  'right.object': 'object to how we use your information, including for direct marketing',
  'right.opt-out-sale': 'opt out of the sale or sharing of your information',
  'right.withdraw-consent': 'withdraw your consent at any time',
  'right.no-automated-decisions': 'not be subject to decisions made solely by automated means',

  'requests.access': 'requests for a copy of your information',
  'requests.rectify': 'requests to correct your information',
  'requests.erase': 'requests to delete your information',
  'requests.restrict': 'requests to restrict how we use your information',
  'requests.port': 'requests for your information in a portable format',
  'requests.object': 'objections to how we use your information',
  'requests.opt-out-sale': 'requests to opt out of sale or sharing',
  'requests.withdraw-consent': 'withdrawals of consent',
  'requests.no-automated-decisions': 'requests about automated decisions',

  'mechanism.adequacy': 'the destination offers an adequate level of protection',
  'mechanism.standard-contractual-clauses': 'standard contractual clauses',
  'mechanism.binding-corporate-rules': 'binding corporate rules',
  'mechanism.certification': 'an approved certification',
  'mechanism.consent': 'your explicit consent',
  'mechanism.necessity': 'the transfer is necessary to fulfil your request',
  'mechanism.permit': 'a permit from the data protection authority',

  'event.collection': 'after we collect it',
  'event.last-activity': 'after your last activity',
  'event.order-fulfilled': 'after the order is fulfilled',
  'event.service-completed': 'after the service is completed',
  'event.consent-withdrawn': 'after you withdraw consent',
  'event.account-closed': 'after you close your account',
  'event.application-closed': 'after the recruitment round closes',

  'action.delete': 'securely deleted',
  'action.anonymise': 'anonymised',
  'action.crypto-shred': 'made permanently unreadable by destroying its encryption key',

  'security.encryption-in-transit': 'Encrypted transmission of data',
  'security.encryption-at-rest': 'Encrypted storage of data',
  'security.access-control': 'Access controls on who can see personal information',
  'security.multi-factor-authentication': 'Multi-factor authentication for staff',
  'security.audit-logging': 'Logs of who accessed personal information',
  'security.security-audits': 'Regular security audits',
  'security.penetration-testing': 'Regular penetration testing',
  'security.network-monitoring': 'Secure server infrastructure and network monitoring',
  'security.backups': 'Encrypted backups',
  'security.staff-training': 'Privacy and security training for staff',
  'security.pseudonymisation': 'Pseudonymisation where possible',
  'security.hashed-secrets': 'Passwords and security answers stored only as one-way hashes',

  'cookie-category.strictly-necessary': 'Strictly necessary',
  'cookie-category.functionality': 'Functionality',
  'cookie-category.analytics': 'Analytics',
  'cookie-category.marketing': 'Marketing',

  'tracker-type.cookie': 'cookie',
  'tracker-type.local-storage': 'local storage',
  'tracker-type.pixel': 'pixel or web beacon',
  'tracker-type.sdk': 'app SDK',

  'service.payment': 'Payment processing',
  'service.delivery': 'Delivery',
  'service.analytics': 'Analytics',
  'service.marketing': 'Marketing',
  'service.advertising': 'Advertising',
  'service.hosting': 'Hosting',
  'service.email': 'Email delivery',
  'service.messaging': 'Messaging',
  'service.background-checks': 'Background checks',
  'service.it-support': 'IT support',
  'service.professional-advice': 'Professional advice',
  'service.other': 'Other services',

  'channel.email': 'email',
  'channel.phone': 'phone',
  'channel.whatsapp': 'WhatsApp',
  'channel.postal': 'post',
  'channel.form': 'our online form',
  'channel.app': 'the account settings in our app',
  'channel.in-person': 'in person',

  'withdraw.preference-centre': 'our privacy preferences page',
  'withdraw.cookie-banner': 'the cookie settings',
  'withdraw.unsubscribe-link': 'the “unsubscribe” link in any email we send',
  'withdraw.account-settings': 'your account settings',
  'withdraw.email': 'contacting us by email',

  'verification.account-login': 'asking you to sign in to your account',
  'verification.email-code': 'sending a code to the email address we hold',
  'verification.phone-code': 'sending a code to the phone number we hold',
  'verification.order-details': 'asking for details of a recent order',
  'verification.id-document': 'checking an identity document',
  'verification.in-person': 'meeting you in person',

  'change.website': 'posting the new policy on our website',
  'change.app': 'posting it in our app',
  'change.email': 'emailing you',
  'change.sms': 'sending you a text message',
  'change.banner': 'showing a notice when you visit',

  'child-use.targeted-advertising': 'targeted advertising',
  'child-use.profiling': 'profiling',
  'child-use.sale': 'sale',
  'child-use.marketing': 'marketing',
} as const

export type PolicyMessageKey = keyof typeof en
