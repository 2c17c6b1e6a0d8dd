import { type AccessSummaryView, type Locale, renderAccessSummary } from '@amana/web'
import type { DatasetPlan } from '../../connectors/index.ts'
import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import {
  type CategoryKind,
  declaredBases,
  type Manifest,
  processorName,
  type Text,
} from '../../manifest/index.ts'
import { toCsv } from '../../platform/csv/index.ts'
import { basisLabels, categoryLabels, rightLabels, serviceLabels } from '../../policy/index.ts'
import type { RequestType } from '../domain/request-types.ts'
import { heldInPackage, type RecordedEvents } from './package-holds.ts'
import type { ZipEntry } from './zip.ts'

/** Version of data.json's layout; docs/requests.md describes it. Bump on any incompatible change. */
export const PACKAGE_SCHEMA = 'amana.dsr-package/v1'

export interface CollectedSystem {
  readonly system: string
  readonly tables: readonly { readonly table: string; readonly rows: readonly Record<string, unknown>[] }[]
}

export interface PackageInput {
  readonly reference: string
  readonly type: RequestType
  readonly locale: Locale
  readonly generatedAt: Date
  readonly manifest: Manifest
  /** Packs governing this requester: rights and complaint authority. */
  readonly packs: readonly JurisdictionPack[]
  readonly plan: DatasetPlan
  readonly collected: readonly CollectedSystem[]
  readonly files: readonly { readonly store: string; readonly ref: string; readonly bytes: Buffer }[]
  /** Systems still waiting for staff (manual records), named in the summary. */
  readonly pending: readonly string[]
  /** When the shop recorded the holds' events for these rows (`recordedEvents`); absent: none known. */
  readonly recorded?: RecordedEvents
}

const textIn = (text: Text | undefined, locale: Locale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

// A path inside the archive from names the shop chose: no separators that climb out, nothing hidden.
const safeSegment = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/^\.+/, '_') || '_'

/** Where an upload sits in the archive. */
export const archivePathOf = (store: string, ref: string): string =>
  [
    'files',
    safeSegment(store),
    ...ref
      .split('/')
      .filter((p) => p !== '' && p !== '.' && p !== '..')
      .map(safeSegment),
  ].join('/')

const jsonValue = (value: unknown): unknown =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === 'bigint'
      ? value.toString()
      : Buffer.isBuffer(value)
        ? value.toString('base64')
        : value

/**
 * Credentials never leave in a package: a password hash, a recovery answer or a TOTP secret tells
 * the person nothing about themselves and helps whoever gets the file attack their account. The
 * summary says they are held and why they are not copied. Declared columns are withheld by their
 * category's kind; columns a system returns undeclared (a webhook's rows) by their name.
 */
export const credentialKinds: ReadonlySet<CategoryKind> = new Set(['credentials', 'recovery-qa'])
const credentialName =
  /(^|_)(password|passwd|pwd|pass_?hash|secret|totp|otp|mfa|security_?answer|recovery_?(answer|code)s?|api_?key|access_?token|refresh_?token|auth_?token|session_?token|salt)($|_)/i

/** The columns of one table that are withheld: declared as a credential kind, or undeclared and named like one. */
export const withheldColumns = (
  manifest: Manifest,
  plan: DatasetPlan,
  system: string,
  table: string,
  columns: readonly string[],
): { column: string; category: string | undefined }[] => {
  const fields = plan.tables.find((t) => t.system === system && t.table === table)?.fields ?? []
  return columns.flatMap((column): { column: string; category: string | undefined }[] => {
    const field = fields.find((f) => f.column === column)
    if (field) {
      const kind = manifest.categories[field.category]?.kind
      return kind && credentialKinds.has(kind) ? [{ column, category: field.category }] : []
    }
    return credentialName.test(column) ? [{ column, category: undefined }] : []
  })
}

/**
 * Every system's tables with credential columns removed from their rows, what was removed, and the
 * files left: a binary credential (a `bytea` hash) arrives as a file whose archive path is its cell.
 */
const withoutCredentials = (input: PackageInput) => {
  const withheld = new Map<string, number>()
  const withheldCells = new Set<unknown>()
  const systems = input.collected.map((s) => ({
    system: s.system,
    tables: s.tables.map((t) => {
      const columns = [...new Set(t.rows.flatMap((r) => Object.keys(r)))]
      const out = withheldColumns(input.manifest, input.plan, s.system, t.table, columns)
      const names = new Set(out.map((w) => w.column))
      for (const category of new Set(out.map((w) => w.category ?? '')))
        withheld.set(category, (withheld.get(category) ?? 0) + t.rows.length)
      for (const r of t.rows) for (const name of names) withheldCells.add(r[name])
      return {
        table: t.table,
        withheld: [...names],
        rows: t.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !names.has(k)))),
      }
    }),
  }))
  const files = input.files.filter((f) => !withheldCells.has(archivePathOf(f.store, f.ref)))
  return { systems, withheld, files }
}

const categoriesOf = (plan: DatasetPlan, system: string, table: string): string[] => [
  ...new Set(
    plan.tables.find((t) => t.system === system && t.table === table)?.fields.map((f) => f.category) ?? [],
  ),
]

/** The readable Art. 15 summary, from the manifest and what was found. Pure. */
export const accessSummary = (input: PackageInput): AccessSummaryView => {
  const { manifest, locale } = input
  const kept = withoutCredentials(input)
  const records = new Map<string, number>()
  for (const s of input.collected)
    for (const t of s.tables)
      for (const c of categoriesOf(input.plan, s.system, t.table))
        records.set(c, (records.get(c) ?? 0) + t.rows.length)
  const categories = Object.entries(manifest.categories).map(([id, c]) => {
    const description = textIn(c.description, locale)
    const retention = textIn(c.retention?.criteria, locale) ?? c.retention?.keep
    return {
      name: textIn(c.label, locale) ?? id,
      ...(description ? { description } : {}),
      ...(c.source ? { source: typeof c.source === 'string' ? c.source : c.source[0] } : {}),
      ...(retention ? { retention } : {}),
      records: records.get(id) ?? 0,
    }
  })
  const purposes = Object.values(manifest.purposes).map((p) => {
    const bases = declaredBases(p)
    const description = textIn(p.description, locale)
    return {
      title: textIn(p.title, locale) ?? '',
      ...(description ? { description } : {}),
      basis: bases.map((basis) => basisLabels[basis][locale]).join('; '),
    }
  })
  const processors = Object.values(manifest.processors ?? {})
  const home = manifest.organisation.homeCountry
  const rights = new Set<string>()
  for (const pack of input.packs)
    for (const [right, availability] of Object.entries(pack.rights))
      if (availability.value === 'yes' || availability.value === 'partial')
        rights.add(rightLabels[right as keyof typeof rightLabels][locale])
  const contact =
    manifest.organisation.privacyContact?.email ??
    manifest.organisation.contacts.email ??
    manifest.organisation.website ??
    ''
  return {
    locale,
    shopName: textIn(manifest.organisation.tradingName, locale) ?? manifest.organisation.legalName,
    reference: input.reference,
    generatedAt: input.generatedAt,
    controller: { name: manifest.organisation.legalName, contact },
    purposes,
    categories,
    recipients: processors.map((p) => ({
      name: processorName(p, locale),
      service: serviceLabels[p.service][locale],
      countries: p.countries,
    })),
    homeCountry: home,
    transfers: [...new Set(processors.flatMap((p) => p.countries).filter((c) => c !== home))],
    rights: [...rights],
    complaint: input.packs.map((p) => ({
      name: p.authority.value.name[locale],
      ...(p.authority.value.website ? { website: p.authority.value.website } : {}),
    })),
    files: kept.files.map((f) => archivePathOf(f.store, f.ref)),
    pending: input.pending,
    holds: heldInPackage({ ...input, now: input.generatedAt }).map((h) => ({
      name: h.name,
      reason: h.reason,
      ...(h.law ? { law: h.law } : {}),
      until: h.until.map((d) => new Date(d)) as [Date, Date],
      records: h.records,
    })),
    withheld: [...kept.withheld].map(([category, records]) => ({
      // Undeclared columns withheld by their name are named as login credentials.
      name:
        textIn(manifest.categories[category]?.label, locale) ??
        categoryLabels[manifest.categories[category]?.kind ?? 'credentials'][locale],
      records,
    })),
  }
}

/**
 * The archive: `summary.html` (readable, in the requester's language), `data.json` (everything, see
 * PACKAGE_SCHEMA), `tables/<system>/<table>.csv` and `files/<store>/<path>` (uploads). CCPA's
 * right to know (`know`) gets the summary and the categories only, no records.
 */
export const buildAccessPackage = (input: PackageInput): ZipEntry[] => {
  const summary = accessSummary(input)
  const withRecords = input.type !== 'know'
  const { systems: collected, files } = withoutCredentials(input)
  const data = {
    schema: PACKAGE_SCHEMA,
    reference: input.reference,
    type: input.type,
    generatedAt: input.generatedAt.toISOString(),
    controller: summary.controller,
    categories: summary.categories,
    systems: withRecords
      ? collected.map((s) => ({
          system: s.system,
          tables: s.tables.map((t) => ({
            table: t.table,
            categories: categoriesOf(input.plan, s.system, t.table),
            ...(t.withheld.length > 0 ? { withheld: t.withheld } : {}),
            rows: t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)]))),
          })),
        }))
      : [],
    files: withRecords ? summary.files : [],
    pending: input.pending,
    /** What a legal hold would keep on erasure: table, columns, why, law, and until when. */
    holds: heldInPackage({ ...input, now: input.generatedAt }),
  }
  const entries: ZipEntry[] = [
    { name: 'summary.html', data: Buffer.from(renderAccessSummary(summary)) },
    { name: 'data.json', data: Buffer.from(JSON.stringify(data, null, 2)) },
  ]
  if (withRecords) {
    for (const s of collected)
      for (const t of s.tables)
        if (t.rows.length > 0)
          entries.push({
            name: `tables/${safeSegment(s.system)}/${safeSegment(t.table)}.csv`,
            data: Buffer.from(
              toCsv(
                t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)]))),
                { bom: true },
              ),
            ),
          })
    for (const f of files) entries.push({ name: archivePathOf(f.store, f.ref), data: f.bytes })
  }
  return entries
}
