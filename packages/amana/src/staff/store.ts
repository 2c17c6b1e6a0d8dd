import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import type { Role } from './domain/roles.ts'

/** Kysely queries for the staff tables, nothing else. */
export type StaffDb = Kysely<Database>

export interface StaffRow {
  readonly id: string
  readonly email: string
  readonly role: Role
  readonly passwordHash: string | null
  readonly totpSecret: string | null
  readonly totpEnabled: boolean
  readonly totpLastStep: number | null
  readonly language: StaffLanguage
  readonly createdAt: Date
}

/** The languages a staff member can read Amana's mail in. */
export type StaffLanguage = 'en' | 'ar'

const staffColumns = [
  'id',
  'email',
  'role',
  'password_hash',
  'totp_secret',
  'totp_enabled',
  'totp_last_step',
  'language',
  'created_at',
] as const

const toStaff = (row: {
  id: string
  email: string
  role: string
  password_hash: string | null
  totp_secret: string | null
  totp_enabled: boolean
  totp_last_step: string | null
  language: string
  created_at: Date
}): StaffRow => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
  totpEnabled: row.totp_enabled,
  totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  language: row.language === 'ar' ? 'ar' : 'en',
  createdAt: new Date(row.created_at),
})

export const countStaff = async (db: StaffDb): Promise<number> => {
  const row = await db
    .selectFrom('staff_member')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export const countOwners = async (db: StaffDb): Promise<number> => {
  const row = await db
    .selectFrom('staff_member')
    .where('role', '=', 'owner')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export const findStaffByEmail = async (db: StaffDb, email: string): Promise<StaffRow | undefined> => {
  const row = await db
    .selectFrom('staff_member')
    .select(staffColumns)
    .where('email', '=', email)
    .executeTakeFirst()
  return row && toStaff(row)
}

export const findStaffById = async (db: StaffDb, id: string): Promise<StaffRow | undefined> => {
  const row = await db.selectFrom('staff_member').select(staffColumns).where('id', '=', id).executeTakeFirst()
  return row && toStaff(row)
}

/** The language of each given address that is a staff member's (addresses compared normalised). */
export const staffLanguagesOf = async (
  db: StaffDb,
  emails: readonly string[],
): Promise<Map<string, StaffLanguage>> => {
  if (emails.length === 0) return new Map()
  const rows = await db
    .selectFrom('staff_member')
    .select(['email', 'language'])
    .where('email', 'in', emails)
    .execute()
  return new Map(rows.map((r) => [r.email, r.language === 'ar' ? 'ar' : 'en']))
}

export const listStaff = async (db: StaffDb): Promise<StaffRow[]> =>
  (
    await db.selectFrom('staff_member').select(staffColumns).orderBy('created_at').orderBy('email').execute()
  ).map(toStaff)

/** Inserts a member; false when the email is taken. */
export const insertStaff = async (
  db: StaffDb,
  input: {
    id: string
    email: string
    role: Role
    passwordHash: string | null
    language?: StaffLanguage | undefined
    now: Date
  },
): Promise<boolean> => {
  const result = await db
    .insertInto('staff_member')
    .values({
      id: input.id,
      email: input.email,
      role: input.role,
      password_hash: input.passwordHash,
      language: input.language ?? 'en',
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export const updateStaff = async (
  db: StaffDb,
  id: string,
  values: {
    role?: Role
    passwordHash?: string
    totpSecret?: string | null
    totpEnabled?: boolean
    totpLastStep?: number | null
    language?: StaffLanguage
  },
  now: Date,
): Promise<void> => {
  await db
    .updateTable('staff_member')
    .set({
      updated_at: now,
      ...(values.role === undefined ? {} : { role: values.role }),
      ...(values.passwordHash === undefined ? {} : { password_hash: values.passwordHash }),
      ...(values.totpSecret === undefined ? {} : { totp_secret: values.totpSecret }),
      ...(values.totpEnabled === undefined ? {} : { totp_enabled: values.totpEnabled }),
      ...(values.totpLastStep === undefined ? {} : { totp_last_step: values.totpLastStep }),
      ...(values.language === undefined ? {} : { language: values.language }),
    })
    .where('id', '=', id)
    .execute()
}

/** Records a TOTP step as used, only if it is newer than the last one (two racing requests: one wins). */
export const claimTotpStep = async (db: StaffDb, id: string, step: number): Promise<boolean> => {
  const result = await db
    .updateTable('staff_member')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// Sessions

export interface SessionRow {
  readonly idHash: string
  readonly staffId: string
  readonly stage: 'active' | 'totp'
  readonly createdAt: Date
  readonly lastSeenAt: Date
  readonly expiresAt: Date
  readonly revokedAt: Date | null
}

export const insertSession = async (db: StaffDb, session: Omit<SessionRow, 'revokedAt'>): Promise<void> => {
  await db
    .insertInto('staff_session')
    .values({
      id_hash: session.idHash,
      staff_id: session.staffId,
      stage: session.stage,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute()
}

export const findSession = async (
  db: StaffDb,
  idHash: string,
): Promise<(SessionRow & { staff: StaffRow }) | undefined> => {
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_member as m', 'm.id', 's.staff_id')
    .select([
      's.id_hash',
      's.staff_id',
      's.stage',
      's.created_at as s_created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
    ])
    .select([
      'm.id',
      'm.email',
      'm.role',
      'm.password_hash',
      'm.totp_secret',
      'm.totp_enabled',
      'm.totp_last_step',
      'm.language',
      'm.created_at',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    idHash: row.id_hash,
    staffId: row.staff_id,
    stage: row.stage as SessionRow['stage'],
    createdAt: new Date(row.s_created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    staff: toStaff(row),
  }
}

export const touchSession = async (db: StaffDb, idHash: string, now: Date): Promise<void> => {
  await db.updateTable('staff_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
}

export const revokeSession = async (db: StaffDb, idHash: string, now: Date): Promise<void> => {
  await db
    .updateTable('staff_session')
    .set({ revoked_at: now })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute()
}

/** Revokes every live session of a member; returns how many. */
export const revokeSessionsOf = async (db: StaffDb, staffId: string, now: Date): Promise<number> => {
  const result = await db
    .updateTable('staff_session')
    .set({ revoked_at: now })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export const countLiveSessions = async (db: StaffDb, now: Date): Promise<Map<string, number>> => {
  const rows = await db
    .selectFrom('staff_session')
    .select(['staff_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('revoked_at', 'is', null)
    .where('stage', '=', 'active')
    .where('expires_at', '>', now)
    .groupBy('staff_id')
    .execute()
  return new Map(rows.map((r) => [r.staff_id, Number(r.n)]))
}

// API keys

export interface ApiKeyRow {
  readonly id: string
  readonly name: string
  readonly displayPrefix: string
  readonly scopes: string[]
  readonly createdBy: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  readonly revokedAt: Date | null
}

const apiKeyColumns = [
  'id',
  'name',
  'display_prefix',
  'scopes',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const

const toApiKey = (row: {
  id: string
  name: string
  display_prefix: string
  scopes: string
  created_by: string
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}): ApiKeyRow => ({
  id: row.id,
  name: row.name,
  displayPrefix: row.display_prefix,
  scopes: JSON.parse(row.scopes) as string[],
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
})

export const insertApiKey = async (
  db: StaffDb,
  key: Omit<ApiKeyRow, 'lastUsedAt' | 'revokedAt'> & { hash: string },
): Promise<void> => {
  await db
    .insertInto('staff_api_key')
    .values({
      id: key.id,
      name: key.name,
      display_prefix: key.displayPrefix,
      key_hash: key.hash,
      scopes: JSON.stringify(key.scopes),
      created_by: key.createdBy,
      created_at: key.createdAt,
    })
    .execute()
}

/** A key by its hash, with its creator's current role (null when the creator no longer exists). */
export const findApiKeyByHash = async (
  db: StaffDb,
  hash: string,
): Promise<(ApiKeyRow & { readonly creatorRole: string | null }) | undefined> => {
  const row = await db
    .selectFrom('staff_api_key')
    .leftJoin('staff_member', 'staff_member.id', 'staff_api_key.created_by')
    .select(apiKeyColumns.map((c) => `staff_api_key.${c}` as const))
    .select('staff_member.role as creator_role')
    .where('staff_api_key.key_hash', '=', hash)
    .executeTakeFirst()
  return row && { ...toApiKey(row), creatorRole: row.creator_role }
}

export const findApiKey = async (db: StaffDb, id: string): Promise<ApiKeyRow | undefined> => {
  const row = await db
    .selectFrom('staff_api_key')
    .select(apiKeyColumns)
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toApiKey(row)
}

export const listApiKeys = async (db: StaffDb): Promise<ApiKeyRow[]> =>
  (await db.selectFrom('staff_api_key').select(apiKeyColumns).orderBy('created_at', 'desc').execute()).map(
    toApiKey,
  )

export const revokeApiKey = async (db: StaffDb, id: string, now: Date): Promise<boolean> => {
  const result = await db
    .updateTable('staff_api_key')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Last-used time, written at most once a minute per key so reads stay reads. */
export const touchApiKey = async (db: StaffDb, id: string, now: Date): Promise<void> => {
  await db
    .updateTable('staff_api_key')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
    )
    .execute()
}

// Setup links

export const insertSetupToken = async (
  db: StaffDb,
  input: {
    hash: string
    staffId: string | null
    purpose: 'first-owner' | 'invite'
    now: Date
    expiresAt: Date
  },
): Promise<void> => {
  // A new link replaces any unused one for the same member (or the previous first-owner link).
  await db
    .updateTable('staff_setup_token')
    .set({ used_at: input.now })
    .where((eb) =>
      input.staffId === null ? eb('purpose', '=', 'first-owner') : eb('staff_id', '=', input.staffId),
    )
    .where('used_at', 'is', null)
    .execute()
  await db
    .insertInto('staff_setup_token')
    .values({
      token_hash: input.hash,
      staff_id: input.staffId,
      purpose: input.purpose,
      created_at: input.now,
      expires_at: input.expiresAt,
    })
    .execute()
}

export interface SetupTokenRow {
  readonly staffId: string | null
  readonly purpose: 'first-owner' | 'invite'
}

export const findSetupToken = async (
  db: StaffDb,
  hash: string,
  now: Date,
): Promise<SetupTokenRow | undefined> => {
  const row = await db
    .selectFrom('staff_setup_token')
    .select(['staff_id', 'purpose'])
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row && { staffId: row.staff_id, purpose: row.purpose as SetupTokenRow['purpose'] }
}

/** Marks a link used; only one caller can win, so a link works once even under concurrency. */
export const consumeSetupToken = async (
  db: StaffDb,
  hash: string,
  now: Date,
): Promise<SetupTokenRow | undefined> => {
  const row = await db
    .updateTable('staff_setup_token')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['staff_id', 'purpose'])
    .executeTakeFirst()
  return row && { staffId: row.staff_id, purpose: row.purpose as SetupTokenRow['purpose'] }
}

// Sign-in attempts

/** An attempt counter: one account from one address ('pair'), or one address across accounts ('ip'). */
export type AttemptKind = 'pair' | 'ip'

/** Failures since `since`; for a pair, only those after its last success (an IP is never reset by one). */
export const recentFailures = async (
  db: StaffDb,
  kind: AttemptKind,
  key: string,
  since: Date,
): Promise<Date[]> => {
  const lastSuccess =
    kind === 'ip'
      ? undefined
      : await db
          .selectFrom('staff_login_attempt')
          .select((eb) => eb.fn.max('at').as('at'))
          .where('kind', '=', kind)
          .where('key', '=', key)
          .where('failed', '=', false)
          .where('at', '>', since)
          .executeTakeFirst()
  const from = lastSuccess?.at ? new Date(lastSuccess.at) : since
  const rows = await db
    .selectFrom('staff_login_attempt')
    .select('at')
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('failed', '=', true)
    .where('at', '>', from)
    .orderBy('at', 'desc')
    .limit(100)
    .execute()
  return rows.map((r) => new Date(r.at))
}

/** Whether the pair has a successful sign-in since `since` (the account is known at that address). */
export const hasSucceeded = async (db: StaffDb, pairKey: string, since: Date): Promise<boolean> => {
  const row = await db
    .selectFrom('staff_login_attempt')
    .select('id')
    .where('kind', '=', 'pair')
    .where('key', '=', pairKey)
    .where('failed', '=', false)
    .where('at', '>', since)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export const recordAttempt = async (
  db: StaffDb,
  attempts: readonly { kind: AttemptKind; key: string }[],
  failed: boolean,
  now: Date,
): Promise<void> => {
  await db
    .insertInto('staff_login_attempt')
    .values(attempts.map((a) => ({ kind: a.kind, key: a.key, failed, at: now })))
    .execute()
}

/** Drops failures older than `failuresBefore` and successes older than `successesBefore`. */
export const pruneAttempts = async (
  db: StaffDb,
  cut: { failuresBefore: Date; successesBefore: Date },
): Promise<void> => {
  await db
    .deleteFrom('staff_login_attempt')
    .where((eb) =>
      eb.or([
        eb.and([eb('failed', '=', true), eb('at', '<', cut.failuresBefore)]),
        eb('at', '<', cut.successesBefore),
      ]),
    )
    .execute()
}

// Recovery codes (two-step verification)

/** Replaces a member's recovery codes with new ones (turning 2FA on, or asking for a fresh set). */
export const replaceRecoveryCodes = async (
  db: StaffDb,
  staffId: string,
  hashes: readonly string[],
  now: Date,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('staff_recovery_code').where('staff_id', '=', staffId).execute()
    if (hashes.length > 0)
      await trx
        .insertInto('staff_recovery_code')
        .values(hashes.map((code_hash) => ({ code_hash, staff_id: staffId, created_at: now })))
        .execute()
  })
}

/** Spends a code once: true only for the one request that marks an unused code of this member used. */
export const useRecoveryCode = async (
  db: StaffDb,
  staffId: string,
  hash: string,
  now: Date,
): Promise<boolean> => {
  const result = await db
    .updateTable('staff_recovery_code')
    .set({ used_at: now })
    .where('code_hash', '=', hash)
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export const countUnusedRecoveryCodes = async (db: StaffDb, staffId: string): Promise<number> => {
  const row = await db
    .selectFrom('staff_recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
