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
  'reference.undeclared-subject': {
    message: 'subject "{subject}" is not declared',
    fix: 'Declare it under {section}, or use one of: {options}.',
  },
  'reference.undeclared-system': {
    message: 'system "{system}" is not declared',
    fix: 'Declare it under {section} (e.g. "{example}").',
  },
  'reference.undeclared-system.target': {
    message: '"{target}" points to system "{system}", which is not declared',
    fix: 'Declare "{system}" under {section}, or write "{column}" for a table of {from}.',
  },
  'reference.undeclared-table': {
    message: 'table "{table}" is not declared in {where}',
    fix: 'Add "{example}" under {where}, or fix the name.',
  },
  'reference.undeclared-table.target': {
    message: '"{target}" points to table "{table}", which is not declared',
    fix: 'Declare "{table}" under {where}.',
  },
  'reference.across-systems': {
    message:
      '"{target}" points into {system}, a {kind} system: only {postgresql} and {mysql} systems can be read for the value',
    fix: 'Point the reference at a table of a {postgres} or {mysqlKind} system.',
  },
  'reference.across-systems.follow-up': {
    message:
      '"{follow}" needs "{table}" in the same system as "{from}": whether others share the row is counted inside one database',
    fix: 'Remove "{follow}" (the rows of "{from}" are then found from {system}\'s), or move the table.',
  },
  'reference.undeclared-processor.host': {
    message: 'processor "{processor}" is not declared',
    fix: 'Declare the hosting provider under {section}.',
  },
  'reference.undeclared-processor': {
    message: 'processor "{processor}" is not declared',
    fix: 'Declare it under {section}, or use one of: {options}.',
  },
  'reference.undeclared-processor.tracker': {
    message: 'third-party provider "{provider}" is not declared as a processor',
    fix: 'Declare it under {section} so the policy can name it and its contact.',
  },
  'reference.undeclared-category': {
    message: 'category "{category}" is not declared',
    fix: 'Declare it under {section}.',
  },
  'reference.undeclared-category.options': {
    message: 'category "{category}" is not declared',
    fix: 'Declare it under {section}, or use one of: {options}.',
  },
  'reference.undeclared-category.allowlist': {
    message: 'category "{category}" is not declared',
    fix: 'Declare it under {section}, or remove it from the allowlist.',
  },
  'reference.undeclared-category.shared': {
    message: 'purpose "{purpose}" shares category "{category}" it does not list in its categories',
    fix: 'Add "{category}" to {where}.',
  },
  'reference.undeclared-field': {
    message: 'field "{field}" is not stored in category "{category}"',
    fix: 'Use one of: {options}.',
  },
  'reference.undeclared-purpose': {
    message: 'purpose "{purpose}" is not declared',
    fix: 'Use one of: {options}.',
  },
  'table.key-repeated': {
    message: 'key of "{table}" names {columns} more than once',
    fix: 'List each key column once, e.g. "{example}".',
  },
  'consent.basis-mismatch': {
    message: 'the legal basis is consent but consent is not marked as required',
    fix: 'Add "{example}".',
  },
  'sensitive.basis-not-allowed': {
    message:
      'uses sensitive {categories} on the basis "{basis}", which {pack} does not allow for sensitive data',
    fix: 'Use one of: {bases} (e.g. "{example}").',
  },
  'sensitive.permit-missing': {
    message: 'sensitive data needs a permit from the authority in {packs}',
    fix: 'Add "{example}".',
  },
  'processor.undeclared-category.shared': {
    message: '"{processor}" would receive "{category}", which its allowlist does not include',
    fix: 'Add "{example}" (or the fields) under {where}, or stop sharing it.',
  },
  'processor.undeclared-category.tracker': {
    message: '"{processor}" would receive "{category}", which its allowlist does not include',
    fix: 'Add "{example}" under {where}.',
  },
  'transfer.mechanism-not-recognised': {
    message: '"{mechanism}" is not a mechanism {packs} recognises',
    fix: 'Use one of: {options}.',
  },
  'cookies.consent-required': {
    message:
      '"{name}" is a {kind} tracker but purpose "{purpose}" does not ask for consent, which {packs} require first',
    fix: 'Set "{example}" on {where}, or classify the tracker correctly.',
  },
  'cookies.banner-missing': {
    message: 'analytics or marketing trackers need consent first in {packs}',
    fix: 'Set "{setting}" so nothing loads before the visitor agrees.',
  },
  'cookies.opt-out-missing': {
    message: '{packs} give the right to opt out of "{name}"',
    fix: 'Make {where} toggleable.',
  },
  'children.targeted-ads': {
    message: 'children ("{subject}") must never be targeted with advertising',
    fix: 'Remove "{subject}" from {where}.',
  },
  'children.targeted-ads.all': {
    message: 'targeted advertising applies to every subject, children included',
    fix: 'Restrict it with "{example}" to adult subjects only.',
  },
  'children.age-below-law': {
    message: '{declared} is below the age of {age} in {pack} without parental consent',
    fix: 'Raise it to {age} or set "{setting}".',
  },
  'rights.promise-redundant': {
    message: 'every law served ({packs}) already grants "{right}"',
    fix: 'Remove "{right}" from {where}; the policy lists it under each law.',
  },
  'breach.regulator-window': {
    message: '{pack} expects the regulator to hear within {hours} hours',
    fix: 'Set {field} to {hours} or less.',
  },
  'breach.regulator-window.unverified': {
    message: '{pack} expects the regulator to hear within {hours} hours (unverified)',
    fix: 'Set {field} to {hours} or less.',
  },
  'breach.individuals-window': {
    message: '{pack} expects individuals to hear within {hours} hours',
    fix: 'Set {field} to {hours} or less.',
  },
  'disclosure.missing': {
    message: 'the policy must disclose {ids} (required by {packs})',
    fix: 'Add e.g. "{example}"',
  },
  'disclosure.missing.field': {
    message: 'the policy must disclose {ids} (required by {packs})',
    fix: 'Add e.g. "{example}".',
  },
  'disclosure.missing.automated-decisions': {
    message: 'the policy must disclose {ids} (required by {packs})',
    fix: 'Add "{example}" under {section} (or true, and describe it).',
  },
  'disclosure.missing.sale-opt-out': {
    message: 'the policy must disclose {ids} (required by {packs})',
    fix: 'Add "{example}" under {section}.',
  },
  'disclosure.missing.languages': {
    message: 'the policy must disclose {ids} (required by {packs})',
    fix: 'Add {missing} to {where}.',
  },
  'ccpa.source-undeclared': {
    message: 'the California notice names where each category comes from, and "{id}" does not say',
    fix: 'Add "{example}" (or {automatic}, {thirdParty}, or a list) to {where}.',
  },
  'ccpa.sold-categories-undeclared': {
    message:
      'the California notice lists the categories sold or shared, and no purpose of kind advertising declares them',
    fix: 'Declare the purpose that sells or shares ({kind}, with its categories), or set "{setting}".',
  },
  'retention.event-unknown': {
    message: '"{name}" is not an event Amana knows',
    fix: 'Use one of {options}.',
  },
  'retention.event-unsent.no-event': {
    message:
      'nothing tells Amana when "{after}" happens for {tables}: no timestamps column and no "{events}" declaration, so this rule would never run',
    fix: 'Name the column that holds the time, e.g. "{example}" under {where}.',
  },
  'retention.event-unsent.not-listed': {
    message:
      'nothing tells Amana when "{after}" happens for {tables}: no timestamps column, and "{events}" does not list {send}, so this rule would never run',
    fix: 'Name the column that holds the time, e.g. "{example}" under {where}, or list {send} under "{events}" and send it to {endpoint}.',
  },
  'retention.event-unsent.none-listed': {
    message:
      'nothing tells Amana when "{after}" happens for {tables}: no timestamps column, and "{events}" does not list an event for it, so this rule would never run',
    fix: 'Name the column that holds the time, e.g. "{example}" under {where}.',
  },
  'retention.crypto-shred-not-token': {
    message:
      'crypto-shred cannot work on {column}: it is {reason}, not a vault token, so destroying the key would leave it readable',
    fix: 'Use "{delete}" or "{anonymise}" for this category, or store {tableColumn} as vault tokens and keep its key, identity and reference columns in another category.',
  },
  'own-records.shorter-than-law': {
    message: '{records} are kept {keep}, shorter than {law} asks ({need}, served by "{jurisdiction}")',
    fix: 'Set "{example}" or longer.',
  },
  'own-records.shorter-than-law.unverified': {
    message:
      '{records} are kept {keep}, shorter than {law} asks ({need}, served by "{jurisdiction}"); the source is unverified',
    fix: 'Set "{example}" or longer.',
  },
  'own-records.shorter-than-law.default': {
    message:
      '{records} are kept {keep} (the default), shorter than {law} asks ({need}, served by "{jurisdiction}")',
    fix: 'Set "{example}" or longer.',
  },
  'own-records.shorter-than-law.default-unverified': {
    message:
      '{records} are kept {keep} (the default), shorter than {law} asks ({need}, served by "{jurisdiction}"); the source is unverified',
    fix: 'Set "{example}" or longer.',
  },
} as const satisfies Record<string, { readonly message: string; readonly fix: string }>

export type FindingCopyKey = keyof typeof en
export type FindingCopy = {
  readonly [K in FindingCopyKey]: { readonly message: string; readonly fix: string }
}
