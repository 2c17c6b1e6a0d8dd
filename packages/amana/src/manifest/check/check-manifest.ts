import type { JurisdictionId, JurisdictionPack } from '../../jurisdictions/index.ts'
import { minimumAgeFor } from '../minimum-age.ts'
import { basesFor, basisFor, foreignCountries, isProcessorPurpose, needsConsent } from '../queries.ts'
import { keyColumns, type Manifest, referenceParts, referenceTarget } from '../schema.ts'
import { formatPath, type PathSegment, type SourceMap } from '../source-map.ts'
import { checkCcpa } from './ccpa.ts'
import { disclosureTests, type MissingDisclosure } from './disclosures.ts'
import type { Finding, FindingCopyRef, FindingParam, RuleId, Severity } from './finding.ts'
import { makeFinding } from './make-finding.ts'
import { findPlaceholders } from './placeholders.ts'

type Params = FindingCopyRef['params']
type Report = (
  rule: RuleId,
  severity: Severity,
  path: readonly PathSegment[],
  key: FindingCopyRef['key'],
  params?: Params,
) => void

interface Context {
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly served: readonly JurisdictionId[]
  report: Report
}

/** A law by its pack's name in the reader's language, with its id: `Kuwait (kw)`, `دولة الكويت (kw)`. */
const packLabel = (pack: JurisdictionPack): FindingParam => ({
  en: `${pack.name.en} (${pack.id})`,
  ar: `${pack.name.ar} (${pack.id})`,
})
const list = (packs: readonly JurisdictionPack[]): FindingParam => ({
  en: packs.map((pack) => `${pack.name.en} (${pack.id})`).join(', '),
  ar: packs.map((pack) => `${pack.name.ar} (${pack.id})`).join('، '),
})
const consentTrackerCategories = new Set(['analytics', 'marketing'])
/** The tracker categories that need consent, in the reader's words. */
const trackerKinds = {
  analytics: { en: 'analytics', ar: 'للتحليلات' },
  marketing: { en: 'marketing', ar: 'للتسويق' },
} as const

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
  report: Report,
): void => {
  const path = ['systems', systemId, 'tables', table, 'references', column]
  const target = referenceTarget(reference)
  const { system: other, table: targetTable } = referenceParts(reference)
  const targetSystemId = other ?? systemId
  const targetSystem = systems[targetSystemId]
  if (targetSystem === undefined) {
    report('reference.undeclared-system', 'error', path, 'reference.undeclared-system.target', {
      target,
      system: targetSystemId,
      section: 'systems',
      column: `${targetTable}.<column>`,
      from: systemId,
    })
    return
  }
  if (!Object.hasOwn(targetSystem.tables ?? {}, targetTable)) {
    report('reference.undeclared-table', 'error', path, 'reference.undeclared-table.target', {
      target,
      table: targetTable,
      where: `systems.${targetSystemId}.tables`,
    })
    return
  }
  if (targetSystemId === systemId) return
  if (targetSystem.kind !== 'postgres' && targetSystem.kind !== 'mysql')
    report('reference.across-systems', 'error', path, 'reference.across-systems', {
      target,
      system: targetSystemId,
      kind: targetSystem.kind,
      postgresql: 'PostgreSQL',
      mysql: 'MySQL',
      postgres: 'postgres',
      mysqlKind: 'mysql',
    })
  else if (typeof reference !== 'string' && reference.follow === 'up')
    report('reference.across-systems', 'error', path, 'reference.across-systems.follow-up', {
      follow: 'follow: up',
      table: targetTable,
      from: table,
      system: targetSystemId,
    })
}

/** A composite key names each column once. */
const checkKey = (systemId: string, table: string, spec: TableSpec, report: Report): void => {
  const key = keyColumns(spec)
  const repeated = key.filter((c, i) => key.indexOf(c) !== i)
  if (repeated.length > 0)
    report(
      'table.key-repeated',
      'error',
      ['systems', systemId, 'tables', table, 'key'],
      'table.key-repeated',
      {
        table,
        columns: repeated.map((c) => `"${c}"`).join(', '),
        example: 'key: [order_id, line_no]',
      },
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
          'reference.undeclared-subject',
          { subject, section: 'subjects', options: Object.keys(subjects).join(', ') },
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
          'reference.undeclared-system',
          {
            system: systemId,
            section: 'systems',
            example: `systems: { ${systemId}: { kind: postgres, connection: { env: SHOP_DATABASE_URL }, country: ${manifest.organisation.homeCountry} } }`,
          },
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
            'reference.undeclared-table',
            { table, where: `systems.${systemId}.tables`, example: `${table}: { key: id }` },
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
        'reference.undeclared-processor.host',
        { processor: system.hostedBy, section: 'processors' },
      )
    }
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      for (const [column, reference] of Object.entries(spec.references ?? {}))
        checkReference(systems, systemId, table, column, reference, report)
      checkKey(systemId, table, spec, report)
    }
    const needsConnection = system.kind !== 'manual'
    if (needsConnection && system.connection === undefined) {
      report('system.no-connection', 'error', ['systems', systemId, 'connection'], 'system.no-connection', {
        kind: system.kind,
        example: 'connection: { env: SHOP_DATABASE_URL }',
      })
    }
    if (!needsConnection && system.assignee === undefined) {
      report('system.no-connection', 'warning', ['systems', systemId, 'assignee'], 'system.no-assignee', {
        example: 'assignee: privacy@example.com',
      })
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
          'reference.undeclared-category.options',
          {
            category,
            section: 'categories',
            options: Object.keys(manifest.categories).slice(0, 12).join(', '),
          },
        )
      }
    })
    purpose.subjects?.forEach((subject, index) => {
      if (!Object.hasOwn(subjects, subject)) {
        report(
          'reference.undeclared-subject',
          'error',
          ['purposes', id, 'subjects', index],
          'reference.undeclared-subject',
          { subject, section: 'subjects', options: Object.keys(subjects).join(', ') },
        )
      }
    })
  }
  for (const id of Object.keys(manifest.categories)) {
    if (!used.has(id)) {
      report('category.unused', 'warning', ['categories', id], 'category.unused', { id })
    }
  }
}

const checkRetention = ({ manifest, report }: Context): void => {
  for (const [id, category] of Object.entries(manifest.categories)) {
    if (category.retention === undefined) {
      report('retention.missing', 'error', ['categories', id, 'retention'], 'retention.missing', {
        example: 'retention: { keep: P7Y, after: order-fulfilled, action: anonymise }',
      })
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
      report('legal-basis.missing', 'error', ['purposes', id, 'legalBasis'], 'legal-basis.missing', {
        missing: missing.join(', '),
        example: 'default: <basis>',
      })
    }
    const basedOnConsent = served.some((jurisdiction) => basesFor(purpose, jurisdiction).includes('consent'))
    if (basedOnConsent && purpose.consent?.required !== true) {
      report('consent.basis-mismatch', 'error', ['purposes', id, 'consent'], 'consent.basis-mismatch', {
        example: 'consent: { required: true, toggleable: true, withdraw: [preference-centre] }',
      })
    }
    if (
      needsConsent(purpose, served) &&
      (purpose.consent?.toggleable !== true || (purpose.consent.withdraw ?? []).length === 0)
    ) {
      report(
        'consent.not-toggleable',
        'error',
        ['purposes', id, 'consent', 'toggleable'],
        'consent.not-toggleable',
        { setting: 'toggleable: true', example: 'withdraw: [preference-centre, unsubscribe-link]' },
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
            'sensitive.basis-not-allowed',
            {
              categories: sensitiveUsed.join(', '),
              basis,
              pack: packLabel(pack),
              bases: pack.sensitiveBases.value.join(', '),
              example: `legalBasis: { default: ${basis}, ${pack.id}: consent }`,
            },
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
          'sensitive.permit-missing',
          { packs: list(permitPacks), example: 'permit: { authority: MTCIT, reference: <permit number> }' },
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
          'reference.undeclared-category.allowlist',
          { category, section: 'categories' },
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
            'reference.undeclared-field',
            { field, category, options: [...stored].join(', ') },
          )
        }
      })
    }
    const abroad = foreignCountries(processor, home)
    if (abroad.length > 0 && processor.transfer === undefined) {
      report('transfer.no-mechanism', 'error', ['processors', id, 'countries'], 'transfer.no-mechanism', {
        countries: abroad.join(', '),
        home,
        example: 'transfer: { mechanism: standard-contractual-clauses }',
      })
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
          'transfer.mechanism-not-recognised',
          {
            mechanism,
            packs: list(refusing),
            options: `${refusing[0]?.transfers.value.mechanisms.join(', ')}`,
          },
        )
      }
    }
  }
  for (const [id, system] of Object.entries(manifest.systems ?? {})) {
    if (system.country === home) continue
    const host = system.hostedBy === undefined ? undefined : processors[system.hostedBy]
    if (host?.transfer === undefined) {
      report('transfer.no-mechanism', 'error', ['systems', id, 'country'], 'transfer.system-abroad', {
        country: `${system.country}`,
        home,
        field: 'hostedBy',
      })
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
          'reference.undeclared-processor',
          { processor: processorId, section: 'processors', options: Object.keys(processors).join(', ') },
        )
        continue
      }
      categories.forEach((category, index) => {
        const path = ['purposes', purposeId, 'shares', processorId, index]
        if (!purpose.categories.includes(category)) {
          report('reference.undeclared-category', 'error', path, 'reference.undeclared-category.shared', {
            purpose: purposeId,
            category,
            where: `purposes.${purposeId}.categories`,
          })
        }
        if (!Object.hasOwn(processor.categories, category)) {
          report('processor.undeclared-category', 'error', path, 'processor.undeclared-category.shared', {
            processor: processorId,
            category,
            example: `${category}: all`,
            where: `processors.${processorId}.categories`,
          })
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
        'reference.undeclared-purpose',
        { purpose: tracker.purpose, options: Object.keys(manifest.purposes).join(', ') },
      )
    }
    const processor = processors[tracker.provider]
    if (tracker.party === 'third' && processor === undefined) {
      report(
        'reference.undeclared-processor',
        'error',
        ['cookies', 'trackers', name, 'provider'],
        'reference.undeclared-processor.tracker',
        { provider: tracker.provider, section: 'processors' },
      )
    }
    tracker.collects?.forEach((category, index) => {
      const path = ['cookies', 'trackers', name, 'collects', index]
      if (!Object.hasOwn(manifest.categories, category)) {
        report('reference.undeclared-category', 'error', path, 'reference.undeclared-category', {
          category,
          section: 'categories',
        })
      } else if (processor !== undefined && !Object.hasOwn(processor.categories, category)) {
        report('processor.undeclared-category', 'error', path, 'processor.undeclared-category.tracker', {
          processor: tracker.provider,
          category,
          example: `${category}: all`,
          where: `processors.${tracker.provider}.categories`,
        })
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
          'cookies.consent-required',
          {
            name,
            kind: trackerKinds[tracker.category as 'analytics' | 'marketing'],
            purpose: tracker.purpose,
            packs: list(optIn),
            example: 'consent: { required: true, toggleable: true, withdraw: [cookie-banner] }',
            where: `purposes.${tracker.purpose}`,
          },
        )
      }
    }
    if (optOut.length > 0 && purpose !== undefined && purpose.consent?.toggleable !== true) {
      report(
        'cookies.opt-out-missing',
        'error',
        ['cookies', 'trackers', name, 'purpose'],
        'cookies.opt-out-missing',
        { packs: list(optOut), name, where: `purposes.${tracker.purpose}` },
      )
    }
  }
  if (needsBanner && !cookies.consentBanner) {
    report('cookies.consent-required', 'error', ['cookies', 'consentBanner'], 'cookies.banner-missing', {
      packs: list(optIn),
      setting: 'consentBanner: true',
    })
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
        report('children.targeted-ads', 'error', ['purposes', id], 'children.targeted-ads.all', {
          example: 'subjects: [...]',
        })
      }
      continue
    }
    purpose.subjects.forEach((subject, index) => {
      if (childSubjects.has(subject)) {
        report(
          'children.targeted-ads',
          'error',
          ['purposes', id, 'subjects', index],
          'children.targeted-ads',
          { subject, where: `purposes.${id}.subjects` },
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
        'children.age-below-law',
        { declared: `${declared}`, age: `${age}`, pack: packLabel(pack), setting: 'parentalConsent: true' },
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
      'rights.promise-redundant',
      { packs: list(packs), right, where: 'commitments.promisedRights' },
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
        regulator.verified ? 'breach.regulator-window' : 'breach.regulator-window.unverified',
        { pack: packLabel(pack), hours: `${regulator.value.hours}`, field: 'notifyRegulatorHours' },
      )
    }
    const individuals = pack.breach.individuals
    if (individuals.value.hours !== null && breach.notifyIndividualsHours > individuals.value.hours) {
      report(
        'breach.window-too-long',
        individuals.verified ? 'error' : 'warning',
        ['breach', 'notifyIndividualsHours'],
        'breach.individuals-window',
        { pack: packLabel(pack), hours: `${individuals.value.hours}`, field: 'notifyIndividualsHours' },
      )
    }
  }
}

const checkDisclosures = ({ manifest, packs, report }: Context): void => {
  const byPath = new Map<string, MissingDisclosure & { packs: JurisdictionPack[]; ids: Set<string> }>()
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
    report('disclosure.missing', 'error', entry.path, entry.key, {
      ...entry.params,
      ids: [...entry.ids].join(', '),
      packs: list(entry.packs),
    })
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
        report('text.untranslated', 'warning', path, 'text.untranslated', {
          missing: missing.join(', '),
          languages: languages.join(', '),
          first: `${missing[0]}`,
        })
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
    report(rule, severity, path, key, params = {}) {
      findings.push(makeFinding(sourceMap.locate(path), rule, severity, formatPath(path), { key, params }))
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
  checkCcpa(manifest, packs, (rule, path, copy) =>
    context.report(rule, 'warning', path, copy.key, copy.params),
  )
  for (const p of findPlaceholders(manifest))
    context.report('text.placeholder', 'warning', p.path, p.copy.key, p.copy.params)
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule))
}
