/**
 * Check findings' words in English, by finding copy key: `{name}` is a parameter the rule fills.
 * The CLI prints the finding's own message and fix; these are what the console shows, and
 * finding-copy.test.ts holds them equal to the CLI's text. ar.ts has the same keys.
 */
export const en = {
  'text.placeholder.name': {
    message: '"{name}" is a placeholder, not the provider\'s name; the policy publishes it as written',
    fix: 'Write the provider\'s legal name (e.g. "{example}") once it is chosen; until then keep a plain description of the kind of provider, never an invented company.',
  },
  'text.placeholder.address': {
    message: '"{value}" is on a domain reserved for examples: nobody answers there',
    fix: 'Write the real address or link, or remove the field until it is known (the policy then leaves it out).',
  },
  'text.placeholder.lorem': {
    message: 'the text is lorem ipsum filler',
    fix: 'Write the text customers should read, in every language of the policy.',
  },
  'text.untranslated': {
    message: 'no {missing} text, though the policy is published in {languages}',
    fix: 'Add "{first}: …".',
  },
  'category.unused': {
    message: 'no purpose uses category "{id}"',
    fix: 'List it in the categories of the purpose that needs it, or stop collecting it.',
  },
  'retention.missing': {
    message: 'missing',
    fix: 'Add e.g. "{example}"',
  },
  'legal-basis.missing': {
    message: 'no legal basis for {missing}',
    fix: 'Add "{example}" or an entry for {missing}.',
  },
  'system.no-connection': {
    message: 'a {kind} system needs a connection',
    fix: 'Add e.g. "{example}" (the NAME of the variable holding the URL).',
  },
  'consent.not-toggleable': {
    message: 'a consent-based purpose must be switchable off as easily as on',
    fix: 'Set "{setting}" and list how consent is withdrawn, e.g. "{example}".',
  },
  'transfer.no-mechanism': {
    message: 'data goes to {countries}, outside {home}, without a transfer mechanism',
    fix: 'Add e.g. "{example}".',
  },
  'transfer.system-abroad': {
    message: 'the system is in {country}, outside {home}, without a transfer mechanism',
    fix: 'Set "{field}" to a processor that declares a transfer mechanism.',
  },
  'retention.event-unsent': {
    message:
      'nothing tells Amana when "{after}" happens for {tables}: no timestamps column and no "{events}" declaration, so this rule would never run',
    fix: 'Name the column that holds the time, e.g. "{example}" under {where}, or list {send} under "{events}" and send it to {endpoint}.',
  },
  'system.no-assignee': {
    message: 'a manual system needs someone to carry out requests',
    fix: 'Add e.g. "{example}".',
  },
} as const satisfies Record<string, { readonly message: string; readonly fix: string }>

export type FindingCopyKey = keyof typeof en
export type FindingCopy = {
  readonly [K in FindingCopyKey]: { readonly message: string; readonly fix: string }
}
