import type { ColumnType } from 'kysely'

export interface PolicyTables {
  policy_version: PolicyVersionTable
}

/** A published policy: immutable once written (no update path exists in the store). */
export interface PolicyVersionTable {
  version: number
  effective_date: string
  manifest_hash: string
  /** The manifest as published, so later diffs and re-renders use exactly what customers saw. */
  manifest: ColumnType<unknown, string, never>
  /** The rendered documents per locale, frozen at publication. */
  documents: ColumnType<unknown, string, never>
  published_at: ColumnType<Date, Date | string, never>
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends PolicyTables {}
}
