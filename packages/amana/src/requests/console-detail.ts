import type { CountedFromView, FoundActionId, FoundSystemView, Locale, VerificationId } from '@amana/web'
import type { Manifest } from '../manifest/index.ts'
import { categoryLabels } from '../policy/index.ts'
import { textIn } from './requests-service.ts'

/** What a dry run (or the run) reports for one table, before it is put in the shop's terms. */
export interface PlanLine {
  readonly system: string
  readonly table: string
  readonly action: FoundActionId
  readonly count: number
  readonly columns: readonly string[]
  readonly reason?: string
  readonly shared?: number
  readonly held?: readonly {
    readonly columns: readonly string[]
    readonly reason: string
    readonly until?: Date
    /** What the period counts from, coded as the erasure's report codes it. */
    readonly countedFrom?: CountedFromView
  }[]
  readonly skipped?: readonly { readonly column: string; readonly reason: string; readonly rows: number }[]
}

/**
 * The manifest's categories stored in a system's table, in the reader's language: the category's own
 * label, else the policy's words for its kind (what the customer reads in the published policy).
 */
export const categoriesOf = (manifest: Manifest, locale: Locale, system: string, table: string): string[] => [
  ...new Set(
    Object.entries(manifest.categories)
      .filter(([, category]) => category.storage?.[system]?.[table] !== undefined)
      .map(
        ([id, category]) => textIn(category.label, locale) ?? categoryLabels[category.kind]?.[locale] ?? id,
      ),
  ),
]

/** Groups plan lines by system, each table with the categories it holds (tables → the shop's own words). */
export const foundBySystem = (
  manifest: Manifest,
  locale: Locale,
  lines: readonly PlanLine[],
): FoundSystemView[] => {
  const systems = new Map<string, FoundSystemView['rows'][number][]>()
  for (const line of lines) {
    const rows = systems.get(line.system) ?? []
    rows.push({
      table: line.table,
      categories: categoriesOf(manifest, locale, line.system, line.table),
      action: line.action,
      count: line.count,
      columns: line.columns,
      ...(line.reason ? { reason: line.reason } : {}),
      ...(line.shared ? { shared: line.shared } : {}),
      ...(line.held?.length ? { held: line.held } : {}),
      ...(line.skipped?.length ? { skipped: line.skipped } : {}),
    })
    systems.set(line.system, rows)
  }
  return [...systems].map(([system, rows]) => ({ system, rows }))
}

const verifications: readonly VerificationId[] = ['email-code', 'sms-code', 'whatsapp-code', 'shop-session']

/** How the requester's identity was checked, from the row and its events. */
export const verificationOf = (
  row: { readonly verification: string | null; readonly verified_at: Date | null },
  eventKinds: readonly string[],
): VerificationId => {
  if (eventKinds.includes('proof-accepted')) return 'proof'
  const known = verifications.find((v) => v === row.verification)
  if (known && row.verified_at !== null) return known
  return 'pending'
}

/** An event's details as the developer reads them (key=value), for the folded technical part. */
export const describeDetails = (details: Record<string, unknown>): string =>
  Object.entries(details)
    .filter(
      ([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v),
    )
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ')
