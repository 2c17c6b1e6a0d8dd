import type { Dialect, Statement } from '../../connectors/index.ts'
import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import type { Problem } from './incident.ts'
import { countryOfPhone, suggestedLocale } from './subject-country.ts'

/**
 * What staff say was exposed: tables of the incident's systems and the window rows were touched in;
 * processors the breach went through (people whose data Amana's ledger shows was disclosed to them
 * in the window); staff or API-key accounts that were compromised (people whose data they read in
 * the window, from the ledger).
 */
export interface ScopeInput {
  readonly tables: readonly { readonly system: string; readonly table: string; readonly timeColumn: string }[]
  readonly processors?: readonly string[] | undefined
  readonly accounts?: readonly string[] | undefined
  readonly from: Date
  readonly to: Date
}

/** One SQL statement, in the system's dialect, that lists the people behind the rows of `table` in the window. */
export interface ScopeQuery {
  readonly system: string
  readonly table: string
  readonly subjectTable: string
  readonly build: (dialect: Dialect) => Statement
  readonly categories: readonly string[]
}

/** SQL systems the connectors read (PostgreSQL, MySQL/MariaDB). */
const sqlKinds = new Set(['postgres', 'mysql'])

interface TableSpec {
  readonly identity?: readonly string[]
  readonly key?: string | readonly string[]
  readonly references?: Readonly<Record<string, string | { readonly to: string }>>
  readonly country?: string
  readonly language?: string
}

/** The table holding the person (its identity columns), reached from `table` directly or by one reference. */
const subjectJoin = (tables: Readonly<Record<string, TableSpec>>, table: string) => {
  const spec = tables[table]
  if (!spec) return undefined
  if (spec.identity && spec.identity.length > 0 && !spec.references) return { table, via: undefined }
  for (const [column, reference] of Object.entries(spec.references ?? {})) {
    const [target, targetColumn] = (typeof reference === 'string' ? reference : reference.to).split('.')
    if (target && targetColumn && tables[target]?.identity?.length)
      return { table: target, via: { column, targetColumn } }
  }
  if (spec.identity && spec.identity.length > 0) return { table, via: undefined }
  return undefined
}

const tableKey = (spec: TableSpec) => (typeof spec.key === 'string' ? spec.key : (spec.key?.[0] ?? 'id'))

/**
 * Columns of the person's table a notice and placing need: identity (address, phone), the identity
 * category's name fields, and the country and language columns the manifest declares (`country:`, `language:`).
 */
const personColumns = (manifest: Manifest, system: string, subjectTable: string, spec: TableSpec) => {
  const names = Object.values(manifest.categories)
    .filter((c) => c.kind === 'identity')
    .flatMap((c) => c.storage?.[system]?.[subjectTable] ?? [])
    // Only the name fields (their script suggests a language): nothing more is read than placing needs.
    .filter((c) => /name/i.test(c))
  return [
    ...new Set([
      ...(spec.identity ?? []),
      ...names,
      ...(spec.country ? [spec.country] : []),
      ...(spec.language ? [spec.language] : []),
    ]),
  ]
}

/** `select … from` the person's table, with the declared country/language under fixed names. */
const personSelect = (d: Dialect, columns: readonly string[], key: string, spec: TableSpec) =>
  [
    `s.${d.quote(key)} as ${d.quote('key')}`,
    ...columns.map((c) => `s.${d.quote(c)} as ${d.quote(c)}`),
    ...(spec.country ? [`s.${d.quote(spec.country)} as ${d.quote('__country')}`] : []),
    ...(spec.language ? [`s.${d.quote(spec.language)} as ${d.quote('__language')}`] : []),
  ].join(', ')

/** The SQL for each breached table, or the problems naming what to fix. Pure: builds text, runs nothing. */
export const planScope = (
  manifest: Manifest,
  input: ScopeInput,
): { ok: true; queries: ScopeQuery[] } | { ok: false; problems: Problem[] } => {
  const problems: Problem[] = []
  const queries: ScopeQuery[] = []
  if (!(input.from.getTime() < input.to.getTime()))
    problems.push({ field: 'to', message: 'the window must end after it starts (from < to)' })
  if (input.tables.length === 0 && !input.processors?.length && !input.accounts?.length)
    problems.push({
      field: 'tables',
      message: 'name at least one breached table, processor (processors) or compromised account (accounts)',
    })
  input.processors?.forEach((p, i) => {
    if (!manifest.processors?.[p])
      problems.push({
        field: `processors[${i}]`,
        message: `"${p}" is not a processor in the manifest (one of: ${Object.keys(manifest.processors ?? {}).join(', ') || 'none'})`,
      })
  })
  input.tables.forEach((t, i) => {
    const system = manifest.systems?.[t.system]
    const tables = (system?.tables ?? {}) as Readonly<Record<string, TableSpec>>
    if (!system || !sqlKinds.has(system.kind)) {
      problems.push({
        field: `tables[${i}].system`,
        message: `"${t.system}" is not a PostgreSQL or MySQL/MariaDB system in the manifest`,
      })
      return
    }
    const join = subjectJoin(tables, t.table)
    if (!join) {
      problems.push({
        field: `tables[${i}].table`,
        message: `"${t.table}" is not a table of ${t.system} that leads to a person (declare its identity or references)`,
      })
      return
    }
    const subject = tables[join.table] as TableSpec
    const key = tableKey(subject)
    const columns = personColumns(manifest, t.system, join.table, subject)
    const window = (d: Dialect, alias: string) =>
      `${alias}.${d.quote(t.timeColumn)} >= ${d.placeholder(1)} and ${alias}.${d.quote(t.timeColumn)} < ${d.placeholder(2)}`
    queries.push({
      system: t.system,
      table: t.table,
      subjectTable: join.table,
      build: (d) => ({
        text: join.via
          ? `select distinct ${personSelect(d, columns, key, subject)} from ${d.table(t.table)} t join ${d.table(join.table)} s on s.${d.quote(join.via.targetColumn)} = t.${d.quote(join.via.column)} where ${window(d, 't')} order by 1`
          : `select distinct ${personSelect(d, columns, key, subject)} from ${d.table(t.table)} s where ${window(d, 's')} order by 1`,
        params: [input.from, input.to],
      }),
      categories: Object.entries(manifest.categories)
        .filter(([, c]) => c.storage?.[t.system]?.[t.table] !== undefined)
        .map(([id]) => id),
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, queries }
}

/**
 * Where people from the audit ledger (`customer:42`, the shop's own reference) are found: the table
 * holding the manifest's subjects in one of the SQL systems (the incident's first), read by key.
 * Ids that name no subject of the manifest come back in `unknown`.
 */
export const ledgerPeopleQuery = (
  manifest: Manifest,
  systems: readonly string[],
  subjectIds: readonly string[],
): { query?: ScopeQuery; keyOf: ReadonlyMap<string, string>; unknown: string[] } => {
  const keyOf = new Map<string, string>()
  const unknown: string[] = []
  for (const id of subjectIds) {
    const match = /^([A-Za-z0-9_-]+)[:/](.+)$/.exec(id)
    if (match && manifest.subjects[match[1] as string]) keyOf.set(id, match[2] as string)
    else unknown.push(id)
  }
  const order = [...systems, ...Object.keys(manifest.systems ?? {}).filter((s) => !systems.includes(s))]
  for (const system of order) {
    const spec = manifest.systems?.[system]
    if (!spec || !sqlKinds.has(spec.kind)) continue
    const tables = (spec.tables ?? {}) as Readonly<Record<string, TableSpec>>
    const entry = Object.entries(tables).find(([, t]) => t.identity?.length && !t.references)
    if (!entry) continue
    const [table, subject] = entry
    const columns = personColumns(manifest, system, table, subject)
    const keys = [...new Set(keyOf.values())]
    return {
      keyOf,
      unknown,
      ...(keys.length === 0
        ? {}
        : {
            query: {
              system,
              table,
              subjectTable: table,
              build: (d: Dialect) => ({
                text: `select ${personSelect(d, columns, tableKey(subject), subject)} from ${d.table(table)} s where s.${d.quote(tableKey(subject))} in (${keys.map((_, n) => d.placeholder(n + 1)).join(', ')})`,
                params: keys,
              }),
              categories: [],
            },
          }),
    }
  }
  return { keyOf: new Map(), unknown: [...subjectIds] }
}

export interface PersonRow {
  readonly key: string
  readonly [column: string]: string | null
}

/**
 * How a person's jurisdiction was chosen, as shown to staff: the shop's declared column first, then
 * Amana's own records (a request they filed, a consent choice they made), then a guess labelled as one.
 */
export type PlacedBy = 'declared-country' | 'own-request' | 'own-consent' | 'phone-guess' | 'home-guess'
/** How the notice language was chosen: the declared column, Amana's own records, the name's script, or staff. */
export type LocaleBy = 'declared-language' | 'own-request' | 'own-consent' | 'name-guess' | 'staff' | 'none'

/** What Amana's own records say of a person the shop's tables do not place: the latest request or consent. */
export interface OwnRecord {
  readonly source: 'own-request' | 'own-consent'
  /** The country the person gave (a request's), else null. */
  readonly country: string | null
  /** The jurisdiction chosen then (a pack id, or a country the packs cover). */
  readonly jurisdiction: string | null
  readonly locale: string | null
}

/** Placements that are not guesses: staff need not check them before sending. */
export const placedFromRecords = (p: PlacedBy): boolean => p !== 'phone-guess' && p !== 'home-guess'
export const localeFromRecords = (l: LocaleBy): boolean => l !== 'name-guess' && l !== 'none'

/** The pack an own record places the person in: its country's, else the jurisdiction chosen then. */
const ownPack = (own: OwnRecord | undefined, packs: readonly JurisdictionPack[]) => {
  if (!own) return undefined
  const byCountry = own.country ? packs.find((p) => p.countries.includes(own.country as string)) : undefined
  const chosen = own.jurisdiction?.toLowerCase()
  return (
    byCountry ??
    packs.find((p) => p.id === chosen) ??
    packs.find((p) => p.countries.includes(own.jurisdiction?.toUpperCase() ?? ''))
  )
}

export interface AffectedPerson {
  /** system:table:key — the only way Amana refers to the person. */
  readonly ref: string
  readonly jurisdiction: string
  readonly country: string | null
  readonly placedBy: PlacedBy
  readonly locale: 'en' | 'ar' | null
  readonly localeBy: LocaleBy
  readonly categories: readonly string[]
  /** The groups (scope.groups) the person was found by. */
  readonly groups: readonly string[]
}

/** Found rows of one group: a breached table, a processor's disclosures, or an account's reads. */
export interface FoundGroup {
  readonly id: string
  readonly system: string
  readonly subjectTable: string
  readonly categories: readonly string[]
  readonly rows: readonly PersonRow[]
}

const declaredLocale = (value: string | null | undefined, shop: readonly string[]) => {
  const l = value?.trim().toLowerCase().slice(0, 2)
  return (l === 'en' || l === 'ar') && shop.includes(l) ? l : null
}

/**
 * Places each person in one of the manifest's jurisdictions and chooses their notice language: by
 * the columns the manifest declares (`country:`, `language:`) when it does; otherwise guessed (the
 * phone number's country, else the shop's home; the name's script), and labelled as a guess.
 */
export const placePeople = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  found: readonly FoundGroup[],
  own: ReadonlyMap<string, OwnRecord> = new Map(),
): AffectedPerson[] => {
  const byRef = new Map<string, AffectedPerson>()
  const home = packs.find((p) => p.countries.includes(manifest.organisation.homeCountry)) ?? packs[0]
  const languages = manifest.organisation.languages
  for (const group of found)
    for (const row of group.rows) {
      const ref = `${group.system}:${group.subjectTable}:${row.key}`
      const previous = byRef.get(ref)
      if (previous) {
        byRef.set(ref, {
          ...previous,
          categories: [...new Set([...previous.categories, ...group.categories])],
          groups: [...new Set([...previous.groups, group.id])],
        })
        continue
      }
      byRef.set(ref, {
        ref,
        ...placeOne(
          row,
          own.get(ref),
          { packs, home: home?.id ?? manifest.jurisdictions[0] ?? 'unknown' },
          languages,
        ),
        categories: group.categories,
        groups: [group.id],
      })
    }
  return [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref))
}

/**
 * One person's jurisdiction and language: the shop's declared columns; else Amana's own records (the
 * request they filed, the consent they gave); else the phone number's country and the name's script,
 * else the shop's home — each labelled with how it was chosen.
 */
const placeOne = (
  row: PersonRow,
  own: OwnRecord | undefined,
  { packs, home }: { readonly packs: readonly JurisdictionPack[]; readonly home: string },
  languages: readonly string[],
): Pick<AffectedPerson, 'jurisdiction' | 'country' | 'placedBy' | 'locale' | 'localeBy'> => {
  const declared = row.__country?.trim().toUpperCase() || undefined
  const declaredPack = declared ? packs.find((p) => p.countries.includes(declared)) : undefined
  const recordPack = declaredPack ? undefined : ownPack(own, packs)
  const guessed = countryOfPhone(Object.entries(row).find(([c]) => /phone|mobile/i.test(c))?.[1])
  const guessPack = guessed ? packs.find((p) => p.countries.includes(guessed)) : undefined
  const pack = declaredPack ?? recordPack ?? guessPack
  const placedBy: PlacedBy = declaredPack
    ? 'declared-country'
    : recordPack
      ? (own?.source ?? 'home-guess')
      : guessPack
        ? 'phone-guess'
        : 'home-guess'
  const name = Object.entries(row)
    .filter(([c]) => /name/i.test(c))
    .map(([, v]) => v ?? '')
    .join(' ')
  const byColumn = declaredLocale(row.__language, languages)
  const byRecord = byColumn ? null : declaredLocale(own?.locale, languages)
  const locale = byColumn ?? byRecord ?? suggestedLocale(name, languages)
  return {
    jurisdiction: pack?.id ?? home,
    country: declared ?? (recordPack ? (own?.country ?? null) : null) ?? guessed ?? null,
    placedBy,
    locale,
    localeBy: byColumn ? 'declared-language' : byRecord && own ? own.source : locale ? 'name-guess' : 'none',
  }
}
