import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'

/** Queries over the vault's main-database tables (blind indexes and tokens). */
export interface VaultStore {
  addBlindIndex(row: { kind: string; digest: string; subjectId: string }): Promise<void>
  findSubjectsByDigest(kind: string, digest: string): Promise<string[]>
  findTokenByLookup(lookup: string): Promise<string | undefined>
  insertToken(row: {
    token: string
    subjectId: string
    kind: string
    lookup: string
    ciphertext: string
  }): Promise<string>
  findToken(
    token: string,
  ): Promise<{ subjectId: string; kind: string; ciphertext: string | null } | undefined>
  /** Removes what links a shredded subject to values: blind-index rows, token lookups and ciphertexts. */
  forgetSubject(subjectId: string, at: Date): Promise<void>
}

export const createVaultStore = (db: Kysely<Database>): VaultStore => ({
  addBlindIndex: async ({ kind, digest, subjectId }) => {
    await db
      .insertInto('vault_blind_index')
      .values({ kind, digest, subject_id: subjectId })
      .onConflict((oc) => oc.columns(['kind', 'digest', 'subject_id']).doNothing())
      .execute()
  },
  findSubjectsByDigest: async (kind, digest) => {
    const rows = await db
      .selectFrom('vault_blind_index')
      .select('subject_id')
      .where('kind', '=', kind)
      .where('digest', '=', digest)
      .orderBy('subject_id')
      .execute()
    return rows.map((r) => r.subject_id)
  },
  findTokenByLookup: async (lookup) => {
    const row = await db
      .selectFrom('vault_token')
      .select('token')
      .where('lookup', '=', lookup)
      .executeTakeFirst()
    return row?.token
  },
  insertToken: async ({ token, subjectId, kind, lookup, ciphertext }) => {
    await db
      .insertInto('vault_token')
      .values({ token, subject_id: subjectId, kind, lookup, ciphertext })
      .onConflict((oc) => oc.column('lookup').doNothing())
      .execute()
    // A concurrent tokenise of the same value may have won the insert; everyone returns its token.
    const row = await db
      .selectFrom('vault_token')
      .select('token')
      .where('lookup', '=', lookup)
      .executeTakeFirstOrThrow()
    return row.token
  },
  findToken: async (token) => {
    const row = await db
      .selectFrom('vault_token')
      .select(['subject_id', 'kind', 'ciphertext'])
      .where('token', '=', token)
      .executeTakeFirst()
    return row ? { subjectId: row.subject_id, kind: row.kind, ciphertext: row.ciphertext } : undefined
  },
  forgetSubject: async (subjectId, at) => {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('vault_blind_index').where('subject_id', '=', subjectId).execute()
      await trx
        .updateTable('vault_token')
        .set({ lookup: null, ciphertext: null, shredded_at: at })
        .where('subject_id', '=', subjectId)
        .where('shredded_at', 'is', null)
        .execute()
    })
  },
})
