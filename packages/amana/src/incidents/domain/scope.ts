import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import type { Problem } from './incident.ts'
import { countryOfPhone, suggestedLocale } from './subject-country.ts'

/** What staff say was exposed: tables of the incident's systems, and the window rows were touched in. */
export interface ScopeInput {
  readonly tables: readonly { readonly system: string; readonly table: string; readonly timeColumn: string }[]
  readonly from: Date
  readonly to: Date
}

/** One SQL statement that lists the people behind the rows of `table` in the window. */
export interface ScopeQuery {
  readonly system: string
  readonly table: string
  readonly subjectTable: string
  readonly text: string
  readonly params: readonly unknown[]
  readonly categories: readonly string[]
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`

interface TableSpec {
  readonly identity?: readonly string[]
  readonly key?: string
  readonly references?: Readonly<Record<string, string | { readonly to: string }>>
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

/** Columns of the person's table the notice needs: identity (address, phone) and the name fields. */
const personColumns = (
  manifest: Manifest,
  system: string,
  subjectTable: string,
  identity: readonly string[],
) => {
  const names = Object.values(manifest.categories)
    .filter((c) => c.kind === 'identity')
    .flatMap((c) => c.storage?.[system]?.[subjectTable] ?? [])
  return [...new Set([...identity, ...names])]
}

/** The SQL for each breached table, or the problems naming what to fix. Pure: builds text, runs nothing. */
export const planScope = (
  manifest: Manifest,
  input: ScopeInput,
): { ok: true; queries: ScopeQuery[] } | { ok: false; problems: Problem[] } => {
  const problems: Problem[] = []
  const queries: ScopeQuery[] = []
  if (!(input.from.getTime() < input.to.getTime()))
    problems.push({ field: 'to', message: 'the window must end after it starts (from < to)' })
  input.tables.forEach((t, i) => {
    const system = manifest.systems?.[t.system]
    const tables = (system?.tables ?? {}) as Readonly<Record<string, TableSpec>>
    if (!system || system.kind !== 'postgres') {
      problems.push({
        field: `tables[${i}].system`,
        message: `"${t.system}" is not a PostgreSQL system in the manifest`,
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
    const key = subject.key ?? 'id'
    const columns = personColumns(manifest, t.system, join.table, subject.identity ?? [])
    const select = [`s.${q(key)}::text as "key"`, ...columns.map((c) => `s.${q(c)}::text as ${q(c)}`)].join(
      ', ',
    )
    const from = join.via
      ? `${q(t.table)} t join ${q(join.table)} s on s.${q(join.via.targetColumn)} = t.${q(join.via.column)}`
      : `${q(t.table)} s`
    const alias = join.via ? 't' : 's'
    queries.push({
      system: t.system,
      table: t.table,
      subjectTable: join.table,
      text: `select distinct ${select} from ${from} where ${alias}.${q(t.timeColumn)} >= $1 and ${alias}.${q(t.timeColumn)} < $2 order by 1`,
      params: [input.from, input.to],
      categories: Object.entries(manifest.categories)
        .filter(([, c]) => c.storage?.[t.system]?.[t.table] !== undefined)
        .map(([id]) => id),
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, queries }
}

export interface PersonRow {
  readonly key: string
  readonly [column: string]: string | null
}

export interface AffectedPerson {
  /** system:table:key — the only way Amana refers to the person. */
  readonly ref: string
  readonly jurisdiction: string
  readonly country: string | null
  /** How the jurisdiction was chosen, as shown to staff. */
  readonly placedBy: 'phone' | 'home-country'
  readonly locale: 'en' | 'ar' | null
  readonly categories: readonly string[]
}

/**
 * Places each person in one of the manifest's jurisdictions (by the country of their phone number,
 * else the shop's home country) and suggests the language of their notice.
 */
export const placePeople = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  found: readonly { readonly query: ScopeQuery; readonly rows: readonly PersonRow[] }[],
): AffectedPerson[] => {
  const byRef = new Map<string, AffectedPerson>()
  const home = packs.find((p) => p.countries.includes(manifest.organisation.homeCountry)) ?? packs[0]
  for (const { query, rows } of found)
    for (const row of rows) {
      const ref = `${query.system}:${query.subjectTable}:${row.key}`
      const previous = byRef.get(ref)
      if (previous) {
        byRef.set(ref, {
          ...previous,
          categories: [...new Set([...previous.categories, ...query.categories])],
        })
        continue
      }
      const phone = Object.entries(row).find(([c]) => /phone|mobile/i.test(c))?.[1]
      const country = countryOfPhone(phone)
      const pack = (country && packs.find((p) => p.countries.includes(country))) || home
      const name = Object.entries(row)
        .filter(([c]) => /name/i.test(c))
        .map(([, v]) => v ?? '')
        .join(' ')
      byRef.set(ref, {
        ref,
        jurisdiction: pack?.id ?? manifest.jurisdictions[0] ?? 'unknown',
        country: country ?? null,
        placedBy: country && packs.some((p) => p.countries.includes(country)) ? 'phone' : 'home-country',
        locale: suggestedLocale(name, manifest.organisation.languages),
        categories: query.categories,
      })
    }
  return [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref))
}
