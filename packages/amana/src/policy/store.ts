import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'

export interface StoredPolicyVersion {
  readonly version: number
  readonly effectiveDate: string
  readonly manifestHash: string
  readonly manifest: unknown
  readonly documents: unknown
  readonly publishedAt: Date
}

const toStored = (row: {
  version: number
  effective_date: string
  manifest_hash: string
  manifest: unknown
  documents: unknown
  published_at: Date
}): StoredPolicyVersion => ({
  version: row.version,
  effectiveDate: row.effective_date,
  manifestHash: row.manifest_hash,
  manifest: typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest,
  documents: typeof row.documents === 'string' ? JSON.parse(row.documents) : row.documents,
  publishedAt: new Date(row.published_at),
})

/** The calendar day (UTC, YYYY-MM-DD) a clock reading falls on: what effective dates are compared with. */
export const policyDay = (now: Date): string => now.toISOString().slice(0, 10)

/** A version is live from its effective date; before it, it is scheduled. Dates are YYYY-MM-DD, so text order is date order. */
export const isScheduled = (effectiveDate: string, today: string): boolean => effectiveDate > today

export const policyStore = (db: Kysely<Database>) => ({
  /** The newest published version, whether or not it is in effect yet (publishing and "is anything published?"). */
  async latest(): Promise<StoredPolicyVersion | undefined> {
    const row = await db
      .selectFrom('policy_version')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? toStored(row) : undefined
  },
  /** The version in effect on `today` (YYYY-MM-DD): the newest whose effective date has come. */
  async current(today: string): Promise<StoredPolicyVersion | undefined> {
    const row = await db
      .selectFrom('policy_version')
      .selectAll()
      .where('effective_date', '<=', today)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? toStored(row) : undefined
  },
  async get(version: number): Promise<StoredPolicyVersion | undefined> {
    const row = await db
      .selectFrom('policy_version')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirst()
    return row ? toStored(row) : undefined
  },
  async byHash(hash: string): Promise<{ version: number } | undefined> {
    return db
      .selectFrom('policy_version')
      .select('version')
      .where('manifest_hash', '=', hash)
      .executeTakeFirst()
  },
  async list(): Promise<
    { version: number; effectiveDate: string; manifestHash: string; publishedAt: Date }[]
  > {
    const rows = await db
      .selectFrom('policy_version')
      .select(['version', 'effective_date', 'manifest_hash', 'published_at'])
      .orderBy('version', 'desc')
      .execute()
    return rows.map((r) => ({
      version: r.version,
      effectiveDate: r.effective_date,
      manifestHash: r.manifest_hash,
      publishedAt: new Date(r.published_at),
    }))
  },
  /** Inserts the next version; the primary key makes two concurrent publishers collide instead of both winning. */
  async insert(v: {
    effectiveDate: string
    manifestHash: string
    manifest: unknown
    documents: unknown
    publishedAt: Date
  }): Promise<number> {
    const next = await db
      .selectFrom('policy_version')
      .select((eb) => eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)).as('max'))
      .executeTakeFirstOrThrow()
    const version = Number(next.max) + 1
    await db
      .insertInto('policy_version')
      .values({
        version,
        effective_date: v.effectiveDate,
        manifest_hash: v.manifestHash,
        manifest: JSON.stringify(v.manifest),
        documents: JSON.stringify(v.documents),
        published_at: v.publishedAt,
      })
      .execute()
    return version
  },
})
