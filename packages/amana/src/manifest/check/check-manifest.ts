import type { JurisdictionId, JurisdictionPack } from '../../jurisdictions/index.ts'
import { minimumAgeFor } from '../minimum-age.ts'
import { basesFor, basisFor, foreignCountries, isProcessorPurpose, needsConsent } from '../queries.ts'
import { keyColumns, type Manifest, referenceParts, referenceTarget } from '../schema.ts'
import { formatPath, type PathSegment, type SourceMap } from '../source-map.ts'
import { checkCcpa } from './ccpa.ts'
import { disclosureTests } from './disclosures.ts'
import type { Finding, FindingCopyRef, RuleId, Severity } from './finding.ts'
import { findPlaceholders } from './placeholders.ts'

interface Context {
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly served: readonly JurisdictionId[]
  report(
    rule: RuleId,
    severity: Severity,
    path: readonly PathSegment[],
    message: string,
    fix: string,
    copy?: FindingCopyRef,
  ): void
}

const packLabel = (pack: JurisdictionPack): string => `${pack.name.en} (${pack.id})`
const list = (packs: readonly JurisdictionPack[]): string => packs.map(packLabel).join(', ')
const consentTrackerCategories = new Set(['analytics', 'marketing'])

type Systems = NonNullable<Manifest['systems']>
type TableSpec = NonNullable<Systems[string]['tables']>[string]

/**
 * A reference's target is a declared table: `table.column` in the same system, or
 * `system.table.column` in another database system (the subject is found there and the value is
 * carried over). `follow: up` needs the parent in the same database, where sharing is counted.
 */
const checkReference = (
  systems: Systems,
  systemId: string,
  table: string,
  column: string,
  reference: NonNullable<TableSpec['references']>[string],
  report: Context['report'],
): void => {
  const path = ['systems', systemId, 'tables', table, 'references', column]
  const target = referenceTarget(reference)
  const { system: other, table: targetTable } = referenceParts(reference)
  const targetSystemId = other ?? systemId
  const targetSystem = systems[targetSystemId]
  if (targetSystem === undefined) {
    report(
      'reference.undeclared-system',
      'error',
      path,
      `"${target}" points to system "${targetSystemId}", which is not declared`,
      `Declare "${targetSystemId}" under systems, or write "${targetTable}.<column>" for a table of ${systemId}.`,
    )
    return
  }
  if (!Object.hasOwn(targetSystem.tables ?? {}, targetTable)) {
    report(
      'reference.undeclared-table',
      'error',
      path,
      `"${target}" points to table "${targetTable}", which is not declared`,
      `Declare "${targetTable}" under systems.${targetSystemId}.tables.`,
    )
    return
  }
  if (targetSystemId === systemId) return
  if (targetSystem.kind !== 'postgres' && targetSystem.kind !== 'mysql')
    report(
      'reference.across-systems',
      'error',
      path,
      `"${target}" points into ${targetSystemId}, a ${targetSystem.kind} system: only PostgreSQL and MySQL systems can be read for the value`,
      `Point the reference at a table of a postgres or mysql system.`,
    )
  else if (typeof reference !== 'string' && reference.follow === 'up')
    report(
      'reference.across-systems',
      'error',
      path,
      `"follow: up" needs "${targetTable}" in the same system as "${table}": whether others share the row is counted inside one database`,
      `Remove "follow: up" (the rows of "${table}" are then found from ${targetSystemId}'s), or move the table.`,
    )
}

/** A composite key names each column once. */
const checkKey = (systemId: string, table: string, spec: TableSpec, report: Context['report']): void => {
  const key = keyColumns(spec)
  const repeated = key.filter((c, i) => key.indexOf(c) !== i)
  if (repeated.length > 0)
    report(
      'table.key-repeated',
      'error',
      ['systems', systemId, 'tables', table, 'key'],
      `key of "${table}" names ${repeated.map((c) => `"${c}"`).join(', ')} more than once`,
      `List each key column once, e.g. "key: [order_id, line_no]".`,
    )
}

// long-function: one manifest section's check rules, each a few lines, in the order amana check reports them
const checkReferences = ({ manifest, report }: Context): void => {
  const subjects = manifest.subjects
  const systems = manifest.systems ?? {}
  const processors = manifest.processors ?? {}
  for (const [id, category] of Object.entries(manifest.categories)) {
    category.subjects?.forEach((subject, index) => {
      if (!Object.hasOwn(subjects, subject)) {
        report(
          'reference.undeclared-subject',
          'error',
          ['categories', id, 'subjects', index],
          `subject "${subject}" is not declared`,
          `Declare it under subjects, or use one of: ${Object.keys(subjects).join(', ')}.`,
        )
      }
    })
    for (const [systemId, tables] of Object.entries(category.storage ?? {})) {
      const system = systems[systemId]
      if (system === undefined) {
        report(
          'reference.undeclared-system',
          'error',
          ['categories', id, 'storage', systemId],
          `system "${systemId}" is not declared`,
          `Declare it under systems (e.g. "systems: { ${systemId}: { kind: postgres, connection: { env: SHOP_DATABASE_URL }, country: ${manifest.organisation.homeCountry} } }").`,
        )
        continue
      }
      if (system.tables === undefined) continue
      for (const table of Object.keys(tables)) {
        if (!Object.hasOwn(system.tables, table)) {
          report(
            'reference.undeclared-table',
            'error',
            ['categories', id, 'storage', systemId, table],
            `table "${table}" is not declared in systems.${systemId}.tables`,
            `Add "${table}: { key: id }" under systems.${systemId}.tables, or fix the name.`,
          )
        }
      }
    }
  }
  for (const [systemId, system] of Object.entries(systems)) {
    if (system.hostedBy !== undefined && !Object.hasOwn(processors, system.hostedBy)) {
      report(
        'reference.undeclared-processor',
        'error',
        ['systems', systemId, 'hostedBy'],
        `processor "${system.hostedBy}" is not declared`,
        'Declare the hosting provider under processors.',
      )
    }
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      for (const [column, reference] of Object.entries(spec.references ?? {}))
        checkReference(systems, systemId, table, column, reference, report)
      checkKey(systemId, table, spec, report)
    }
    const needsConnection = system.kind !== 'manual'
    if (needsConnection && system.connection === undefined) {
      report(
        'system.no-connection',
        'error',
        ['systems', systemId, 'connection'],
        `a ${system.kind} system needs a connection`,
        'Add e.g. "connection: { env: SHOP_DATABASE_URL }" (the NAME of the variable holding the URL).',
        {
          key: 'system.no-connection',
          params: { kind: system.kind, example: 'connection: { env: SHOP_DATABASE_URL }' },
        },
      )
    }
    if (!needsConnection && system.assignee === undefined) {
      report(
        'system.no-connection',
        'warning',
        ['systems', systemId, 'assignee'],
        'a manual system needs someone to carry out requests',
        'Add e.g. "assignee: privacy@example.com".',
        { key: 'system.no-assignee', params: { example: 'assignee: privacy@example.com' } },
      )
    }
  }
  const used = new Set<string>()
  for (const [id, purpose] of Object.entries(manifest.purposes)) {
    purpose.categories.forEach((category, index) => {
      used.add(category)
      if (!Object.hasOwn(manifest.categories, category)) {
        report(
          'reference.undeclared-category',
          'error',
          ['purposes', id, 'categories', index],
          `category "${category}" is not declared`,
          `Declare it under categories, or use one of: ${Object.keys(manifest.categories).slice(0, 12).join(', ')}.`,
        )
      }
    })
    purpose.subjects?.forEach((subject, index) => {
      if (!Object.hasOwn(subjects, subject)) {
        report(
          'reference.undeclared-subject',
          'error',
          ['purposes', id, 'subjects', index],
          `subject "${subject}" is not declared`,
          `Declare it under subjects, or use one of: ${Object.keys(subjects).join(', ')}.`,
        )
      }
    })
  }
  for (const id of Object.keys(manifest.categories)) {
    if (!used.has(id)) {
      report(
        'category.unused',
        'warning',
        ['categories', id],
        `no purpose uses category "${id}"`,
        'List it in the categories of the purpose that needs it, or stop collecting it.',
        { key: 'category.unused', params: { id } },
      )
    }
  }
}

const checkRetention = ({ manifest, report }: Context): void => {
  for (const [id, category] of Object.entries(manifest.categories)) {
    if (category.retention === undefined) {
      report(
        'retention.missing',
        'error',
        ['categories', id, 'retention'],
        'missing',
        'Add e.g. "retention: { keep: P7Y, after: order-fulfilled, action: anonymise }"',
        {
          key: 'retention.missing',
          params: { example: 'retention: { keep: P7Y, after: order-fulfilled, action: anonymise }' },
        },
      )
    }
  }
}

const checkPurposes = ({ manifest, packs, served, report }: Context): void => {
  const sensitive = new Set(
    Object.entries(manifest.categories)
      .filter(([, category]) => category.sensitivity === 'sensitive')
      .map(([id]) => id),
  )
  for (const [id, purpose] of Object.entries(manifest.purposes)) {
    const missing = served.filter((jurisdiction) => basisFor(purpose, jurisdiction) === undefined)
    // A purpose for groups we process for another organisation rests on that controller's basis.
    if (missing.length > 0 && !isProcessorPurpose(manifest, purpose)) {
      report(
        'legal-basis.missing',
        'error',
        ['purposes', id, 'legalBasis'],
        `no legal basis for ${missing.join(', ')}`,
        `Add "default: <basis>" or an entry for ${missing.join(', ')}.`,
        { key: 'legal-basis.missing', params: { missing: missing.join(', '), example: 'default: <basis>' } },
      )
    }
    const basedOnConsent = served.some((jurisdiction) => basesFor(purpose, jurisdiction).includes('consent'))
    if (basedOnConsent && purpose.consent?.required !== true) {
      report(
        'consent.basis-mismatch',
        'error',
        ['purposes', id, 'consent'],
        'the legal basis is consent but consent is not marked as required',
        'Add "consent: { required: true, toggleable: true, withdraw: [preference-centre] }".',
      )
    }
    if (
      needsConsent(purpose, served) &&
      (purpose.consent?.toggleable !== true || (purpose.consent.withdraw ?? []).length === 0)
    ) {
      report(
        'consent.not-toggleable',
        'error',
        ['purposes', id, 'consent', 'toggleable'],
        'a consent-based purpose must be switchable off as easily as on',
        'Set "toggleable: true" and list how consent is withdrawn, e.g. "withdraw: [preference-centre, unsubscribe-link]".',
        {
          key: 'consent.not-toggleable',
          params: { setting: 'toggleable: true', example: 'withdraw: [preference-centre, unsubscribe-link]' },
        },
      )
    }
    const sensitiveUsed = purpose.categories.filter((category) => sensitive.has(category))
    if (sensitiveUsed.length > 0) {
      for (const pack of packs) {
        const bases = basesFor(purpose, pack.id as JurisdictionId)
        const basis = bases.join(', ')
        if (bases.length > 0 && !bases.some((b) => pack.sensitiveBases.value.includes(b))) {
          report(
            'sensitive.basis-not-allowed',
            'error',
            ['purposes', id, 'legalBasis'],
            `uses sensitive ${sensitiveUsed.join(', ')} on the basis "${basis}", which ${packLabel(pack)} does not allow for sensitive data`,
            `Use one of: ${pack.sensitiveBases.value.join(', ')} (e.g. "legalBasis: { default: ${basis}, ${pack.id}: consent }").`,
          )
        }
      }
    }
  }
  const permitPacks = packs.filter((pack) => pack.sensitivePermit.value)
  if (permitPacks.length > 0) {
    for (const id of sensitive) {
      if (manifest.categories[id]?.permit === undefined) {
        report(
          'sensitive.permit-missing',
          'error',
          ['categories', id, 'permit'],
          `sensitive data needs a permit from the authority in ${list(permitPacks)}`,
          'Add "permit: { authority: MTCIT, reference: <permit number> }".',
        )
      }
    }
  }
}

// long-function: one manifest section's check rules, each a few lines, in the order amana check reports them
const checkProcessors = ({ manifest, packs, report }: Context): void => {
  const processors = manifest.processors ?? {}
  const home = manifest.organisation.homeCountry
  for (const [id, processor] of Object.entries(processors)) {
    for (const [category, fields] of Object.entries(processor.categories)) {
      const declared = manifest.categories[category]
      if (declared === undefined) {
        report(
          'reference.undeclared-category',
          'error',
          ['processors', id, 'categories', category],
          `category "${category}" is not declared`,
          'Declare it under categories, or remove it from the allowlist.',
        )
        continue
      }
      if (fields === 'all' || declared.storage === undefined) continue
      const stored = new Set(
        Object.values(declared.storage).flatMap((tables) => Object.values(tables).flat()),
      )
      fields.forEach((field, index) => {
        if (!stored.has(field)) {
          report(
            'reference.undeclared-field',
            'warning',
            ['processors', id, 'categories', category, index],
            `field "${field}" is not stored in category "${category}"`,
            `Use one of: ${[...stored].join(', ')}.`,
          )
        }
      })
    }
    const abroad = foreignCountries(processor, home)
    if (abroad.length > 0 && processor.transfer === undefined) {
      report(
        'transfer.no-mechanism',
        'error',
        ['processors', id, 'countries'],
        `data goes to ${abroad.join(', ')}, outside ${home}, without a transfer mechanism`,
        'Add e.g. "transfer: { mechanism: standard-contractual-clauses }".',
        {
          key: 'transfer.no-mechanism',
          params: {
            countries: abroad.join(', '),
            home,
            example: 'transfer: { mechanism: standard-contractual-clauses }',
          },
        },
      )
    }
    if (abroad.length > 0 && processor.transfer !== undefined) {
      const mechanism = processor.transfer.mechanism
      const refusing = packs.filter(
        (pack) =>
          pack.transfers.value.restricted &&
          pack.countries.includes(home) &&
          !pack.transfers.value.mechanisms.includes(mechanism),
      )
      if (refusing.length > 0) {
        report(
          'transfer.mechanism-not-recognised',
          'warning',
          ['processors', id, 'transfer', 'mechanism'],
          `"${mechanism}" is not a mechanism ${list(refusing)} recognises`,
          `Use one of: ${refusing[0]?.transfers.value.mechanisms.join(', ')}.`,
        )
      }
    }
  }
  for (const [id, system] of Object.entries(manifest.systems ?? {})) {
    if (system.country === home) continue
    const host = system.hostedBy === undefined ? undefined : processors[system.hostedBy]
    if (host?.transfer === undefined) {
      report(
        'transfer.no-mechanism',
        'error',
        ['systems', id, 'country'],
        `the system is in ${system.country}, outside ${home}, without a transfer mechanism`,
        'Set "hostedBy" to a processor that declares a transfer mechanism.',
        {
          key: 'transfer.system-abroad',
          params: { country: system.country ?? '', home, field: 'hostedBy' },
        },
      )
    }
  }
  for (const [purposeId, purpose] of Object.entries(manifest.purposes)) {
    for (const [processorId, categories] of Object.entries(purpose.shares ?? {})) {
      const processor = processors[processorId]
      if (processor === undefined) {
        report(
          'reference.undeclared-processor',
          'error',
          ['purposes', purposeId, 'shares', processorId],
          `processor "${processorId}" is not declared`,
          `Declare it under processors, or use one of: ${Object.keys(processors).join(', ')}.`,
        )
        continue
      }
      categories.forEach((category, index) => {
        const path = ['purposes', purposeId, 'shares', processorId, index]
        if (!purpose.categories.includes(category)) {
          report(
            'reference.undeclared-category',
            'error',
            path,
            `purpose "${purposeId}" shares category "${category}" it does not list in its categories`,
            `Add "${category}" to purposes.${purposeId}.categories.`,
          )
        }
        if (!Object.hasOwn(processor.categories, category)) {
          report(
            'processor.undeclared-category',
            'error',
            path,
            `"${processorId}" would receive "${category}", which its allowlist does not include`,
            `Add "${category}: all" (or the fields) under processors.${processorId}.categories, or stop sharing it.`,
          )
        }
      })
    }
  }
}

// long-function: one manifest section's check rules, each a few lines, in the order amana check reports them
const checkCookies = ({ manifest, packs, report }: Context): void => {
  const cookies = manifest.cookies
  if (cookies === undefined) return
  const processors = manifest.processors ?? {}
  const optIn = packs.filter((pack) => pack.consentModel.value === 'opt-in')
  const optOut = packs.filter((pack) => pack.consentModel.value === 'opt-out')
  let needsBanner = false
  for (const [name, tracker] of Object.entries(cookies.trackers)) {
    const purpose = manifest.purposes[tracker.purpose]
    if (purpose === undefined) {
      report(
        'reference.undeclared-purpose',
        'error',
        ['cookies', 'trackers', name, 'purpose'],
        `purpose "${tracker.purpose}" is not declared`,
        `Use one of: ${Object.keys(manifest.purposes).join(', ')}.`,
      )
    }
    const processor = processors[tracker.provider]
    if (tracker.party === 'third' && processor === undefined) {
      report(
        'reference.undeclared-processor',
        'error',
        ['cookies', 'trackers', name, 'provider'],
        `third-party provider "${tracker.provider}" is not declared as a processor`,
        'Declare it under processors so the policy can name it and its contact.',
      )
    }
    tracker.collects?.forEach((category, index) => {
      const path = ['cookies', 'trackers', name, 'collects', index]
      if (!Object.hasOwn(manifest.categories, category)) {
        report(
          'reference.undeclared-category',
          'error',
          path,
          `category "${category}" is not declared`,
          'Declare it under categories.',
        )
      } else if (processor !== undefined && !Object.hasOwn(processor.categories, category)) {
        report(
          'processor.undeclared-category',
          'error',
          path,
          `"${tracker.provider}" would receive "${category}", which its allowlist does not include`,
          `Add "${category}: all" under processors.${tracker.provider}.categories.`,
        )
      }
    })
    if (!consentTrackerCategories.has(tracker.category)) continue
    if (optIn.length > 0) {
      needsBanner = true
      if (purpose !== undefined && purpose.consent?.required !== true) {
        report(
          'cookies.consent-required',
          'error',
          ['cookies', 'trackers', name, 'purpose'],
          `"${name}" is a ${tracker.category} tracker but purpose "${tracker.purpose}" does not ask for consent, which ${list(optIn)} require first`,
          `Set "consent: { required: true, toggleable: true, withdraw: [cookie-banner] }" on purposes.${tracker.purpose}, or classify the tracker correctly.`,
        )
      }
    }
    if (optOut.length > 0 && purpose !== undefined && purpose.consent?.toggleable !== true) {
      report(
        'cookies.opt-out-missing',
        'error',
        ['cookies', 'trackers', name, 'purpose'],
        `${list(optOut)} give the right to opt out of "${name}"`,
        `Make purposes.${tracker.purpose} toggleable.`,
      )
    }
  }
  if (needsBanner && !cookies.consentBanner) {
    report(
      'cookies.consent-required',
      'error',
      ['cookies', 'consentBanner'],
      `analytics or marketing trackers need consent first in ${list(optIn)}`,
      'Set "consentBanner: true" so nothing loads before the visitor agrees.',
    )
  }
}

const checkChildren = ({ manifest, packs, report }: Context): void => {
  const childSubjects = new Set(
    Object.entries(manifest.subjects)
      .filter(([, subject]) => subject.kind === 'child')
      .map(([id]) => id),
  )
  const children = manifest.children
  for (const [id, purpose] of Object.entries(manifest.purposes)) {
    if (purpose.kind !== 'advertising') continue
    if (purpose.subjects === undefined) {
      if (childSubjects.size > 0 || children?.directedAtChildren === true) {
        report(
          'children.targeted-ads',
          'error',
          ['purposes', id],
          'targeted advertising applies to every subject, children included',
          `Restrict it with "subjects: [...]" to adult subjects only.`,
        )
      }
      continue
    }
    purpose.subjects.forEach((subject, index) => {
      if (childSubjects.has(subject)) {
        report(
          'children.targeted-ads',
          'error',
          ['purposes', id, 'subjects', index],
          `children ("${subject}") must never be targeted with advertising`,
          `Remove "${subject}" from purposes.${id}.subjects.`,
        )
      }
    })
  }
  if (children === undefined || children.parentalConsent) return
  for (const pack of packs) {
    const age = pack.children.value.age
    if (pack.children.value.saleOrShareOnly === true && manifest.commitments?.sellsPersonalData === false)
      continue
    const own = children.minimumAgeBy?.[pack.id as keyof NonNullable<typeof children.minimumAgeBy>]
    const declared = minimumAgeFor(children, pack.id)
    if (age !== null && declared < age) {
      report(
        'children.age-below-law',
        'error',
        own === undefined ? ['children', 'minimumAge'] : ['children', 'minimumAgeBy', pack.id],
        `${declared} is below the age of ${age} in ${packLabel(pack)} without parental consent`,
        `Raise it to ${age} or set "parentalConsent: true".`,
      )
    }
  }
}

/** A promised right every served law already grants in full adds nothing to the policy: say so. */
const checkPromisedRights = ({ manifest, packs, report }: Context): void => {
  manifest.commitments?.promisedRights?.forEach((right, index) => {
    if (packs.length === 0 || !packs.every((pack) => pack.rights[right].value === 'yes')) return
    report(
      'rights.promise-redundant',
      'warning',
      ['commitments', 'promisedRights', index],
      `every law served (${list(packs)}) already grants "${right}"`,
      `Remove "${right}" from commitments.promisedRights; the policy lists it under each law.`,
    )
  })
}

const checkBreach = ({ manifest, packs, report }: Context): void => {
  const breach = manifest.breach
  if (breach === undefined) return
  for (const pack of packs) {
    const regulator = pack.breach.regulator
    if (regulator.value.hours !== null && breach.notifyRegulatorHours > regulator.value.hours) {
      report(
        'breach.window-too-long',
        regulator.verified ? 'error' : 'warning',
        ['breach', 'notifyRegulatorHours'],
        `${packLabel(pack)} expects the regulator to hear within ${regulator.value.hours} hours${regulator.verified ? '' : ' (unverified)'}`,
        `Set notifyRegulatorHours to ${regulator.value.hours} or less.`,
      )
    }
    const individuals = pack.breach.individuals
    if (individuals.value.hours !== null && breach.notifyIndividualsHours > individuals.value.hours) {
      report(
        'breach.window-too-long',
        individuals.verified ? 'error' : 'warning',
        ['breach', 'notifyIndividualsHours'],
        `${packLabel(pack)} expects individuals to hear within ${individuals.value.hours} hours`,
        `Set notifyIndividualsHours to ${individuals.value.hours} or less.`,
      )
    }
  }
}

const checkDisclosures = ({ manifest, packs, report }: Context): void => {
  const byPath = new Map<
    string,
    { path: PathSegment[]; fix: string; packs: JurisdictionPack[]; ids: Set<string> }
  >()
  for (const pack of packs) {
    for (const id of pack.disclosures.value) {
      const missing = disclosureTests[id](manifest, pack)
      if (missing === undefined) continue
      const key = formatPath(missing.path)
      const entry = byPath.get(key) ?? { ...missing, packs: [], ids: new Set<string>() }
      if (!entry.packs.includes(pack)) entry.packs.push(pack)
      entry.ids.add(id)
      byPath.set(key, entry)
    }
  }
  for (const entry of byPath.values()) {
    report(
      'disclosure.missing',
      'error',
      entry.path,
      `the policy must disclose ${[...entry.ids].join(', ')} (required by ${list(entry.packs)})`,
      entry.fix,
    )
  }
}

const checkTranslations = ({ manifest, report }: Context): void => {
  const languages = manifest.organisation.languages
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index])
      })
      return
    }
    const keys = Object.keys(value)
    if (keys.length > 0 && keys.every((key) => key === 'en' || key === 'ar')) {
      const missing = languages.filter((locale) => !keys.includes(locale))
      if (missing.length > 0) {
        report(
          'text.untranslated',
          'warning',
          path,
          `no ${missing.join(', ')} text, though the policy is published in ${languages.join(', ')}`,
          `Add "${missing[0]}: …".`,
          {
            key: 'text.untranslated',
            params: { missing: missing.join(', '), languages: languages.join(', '), first: missing[0] ?? '' },
          },
        )
      }
      return
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key])
  }
  walk(manifest, [])
}

/** Semantic rules: fail when the declared system would break a promise or a law. Pure; never throws. */
export const checkManifest = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  sourceMap: SourceMap,
): Finding[] => {
  const findings: Finding[] = []
  const context: Context = {
    manifest,
    packs,
    served: manifest.jurisdictions,
    report(rule, severity, path, message, fix, copy) {
      findings.push({
        ...sourceMap.locate(path),
        rule,
        severity,
        path: formatPath(path),
        message,
        fix,
        ...(copy ? { copy } : {}),
      })
    },
  }
  checkReferences(context)
  checkRetention(context)
  checkPurposes(context)
  checkProcessors(context)
  checkCookies(context)
  checkChildren(context)
  checkPromisedRights(context)
  checkBreach(context)
  checkDisclosures(context)
  checkTranslations(context)
  checkCcpa(manifest, packs, (rule, path, message, fix) =>
    context.report(rule, 'warning', path, message, fix),
  )
  for (const p of findPlaceholders(manifest))
    context.report('text.placeholder', 'warning', p.path, p.message, p.fix, p.copy)
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule))
}
