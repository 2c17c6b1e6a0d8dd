/** The complaint acknowledgement's words in English (ar.ts has the same keys). */
export const en = {
  'ack.subject': (shop: string, reference: string) =>
    `${shop}: we received your privacy complaint ${reference}`,
  'ack.greeting': 'Hello,',
  'ack.received': (reference: string) => `We received your privacy complaint. Its reference is ${reference}.`,
  'ack.due': (date: string) => `We will answer you by ${date} at the latest.`,
  'ack.escalation': 'If you are not satisfied with our answer, you can also:',
  'ack.authority': (name: string, website: string) =>
    `complain to ${name}${website ? ` (${website})` : ''}, the authority that oversees personal data`,
  'ack.mediation': 'ask us to settle the matter through mediation',
  'ack.arbitration': 'take the matter to arbitration',
  'ack.consumer': (who: string) => `contact ${who}`,
  'ack.contact': (email: string) => `Reply to this message or write to ${email} to add anything.`,
  'ack.signoff': (shop: string) => shop,
  'form.title': 'File a privacy complaint',
  'form.intro': 'Tell us what went wrong with how we handled your personal data. We answer every complaint.',
  'form.email': 'Your email address',
  'form.summary': 'Your complaint',
  'form.submit': 'Send complaint',
  'form.error.email': 'Enter an email address we can answer, such as name@example.com.',
  'form.error.summary': 'Describe your complaint (at most 4000 characters).',
  'form.done': (reference: string, date: string) =>
    `Thank you. Your complaint ${reference} is received; we sent a confirmation to your email and will answer by ${date}.`,
} as const

export type ComplaintCopy = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K]
}
