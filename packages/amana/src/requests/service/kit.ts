import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { Locale } from '@amana/web'
import type { SubjectIdentifier } from '../../connectors/index.ts'
import { packsForRequester, type RequestDeadline, requestDeadline } from '../domain/deadlines.ts'
import type { RequestType } from '../domain/request-types.ts'
import {
  type Actor,
  defaultRequestsOptions,
  type RequestsDeps,
  type RequestsOptions,
  textIn,
} from '../requests-service.ts'
import { createSealedFiles, type SealedFiles } from '../sealed-files.ts'
import { type RequestRow, type RequestStore, requestStore } from '../store.ts'

const derive = (key: Buffer, info: string) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.from('amana-requests'), Buffer.from(info), 32))
export const sha = (value: string) => createHash('sha256').update(value).digest('base64url')

/** The requester's fields, sealed in the vault under the request's own subject (shredded with it). */
const sealing = (deps: RequestsDeps) => {
  const field = (row: Pick<RequestRow, 'id'>, name: string) => ({
    record: `dsr_request:${row.id}`,
    field: name,
  })
  const seal = (row: { id: string; subject_id: string }, name: string, value: string | undefined) =>
    value === undefined || value === ''
      ? Promise.resolve(null)
      : deps.vault.encrypt(row.subject_id, field(row, name), value)
  const open = async (row: RequestRow, name: string, value: string | null): Promise<string | undefined> => {
    if (value === null) return undefined
    try {
      return await deps.vault.decrypt(row.subject_id, field(row, name), value)
    } catch {
      return undefined
    }
  }
  /** Only what the requester proved control of is used to find their data. */
  const verifiedIdentifiers = async (row: RequestRow): Promise<SubjectIdentifier[]> => {
    const ids: SubjectIdentifier[] = []
    const customerId = await open(row, 'customer_id', row.customer_id_enc)
    if (customerId) ids.push({ kind: 'customer_id', value: customerId })
    if (row.channel === 'email' || row.channel === 'shop-session') {
      const email = await open(row, 'email', row.email_enc)
      if (email) ids.push({ kind: 'email', value: email })
    }
    if (
      row.channel === 'sms' ||
      row.channel === 'whatsapp' ||
      (row.channel === 'shop-session' && row.verification === 'shop-session')
    ) {
      const phone = await open(row, 'phone', row.phone_enc)
      if (phone && row.channel !== 'shop-session') ids.push({ kind: 'phone', value: phone })
    }
    return ids
  }
  return { seal, open, verifiedIdentifiers }
}

/** The status page's token: derived from the request's id, compared in constant time. */
const statusTokens = (deps: RequestsDeps, key: Buffer) => {
  const statusToken = (id: string) =>
    createHmac('sha256', key).update(`status:${id}`).digest('base64url').slice(0, 32)
  const tokenMatches = (row: RequestRow, token: string | undefined) => {
    if (!token) return false
    const a = Buffer.from(statusToken(row.id))
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
  const statusLink = (row: Pick<RequestRow, 'id' | 'reference' | 'locale'>) =>
    `${deps.publicUrl}/privacy/requests/${row.reference}?token=${statusToken(row.id)}&lang=${row.locale}`
  return { statusToken, tokenMatches, statusLink }
}

/** What every use case of the requests service shares: its options, store, keys, sealing and audit. */
export const createRequestsKit = (deps: RequestsDeps) => {
  const options: RequestsOptions = { ...defaultRequestsOptions, ...deps.options }
  const store: RequestStore = requestStore(deps.db)
  const keys = {
    code: derive(deps.masterKey, 'code/v1'),
    token: derive(deps.masterKey, 'status-token/v1'),
    ip: derive(deps.masterKey, 'ip/v1'),
  }
  const files: SealedFiles = createSealedFiles(deps.filesDir, deps.vault)
  const shopName = (locale: Locale) =>
    textIn(deps.manifest.organisation.tradingName, locale) ?? deps.manifest.organisation.legalName
  const commitmentDays = deps.manifest.commitments?.requestDeadlineDays
  const audit = async (
    action: string,
    actor: Actor,
    requestId: string,
    details: Record<string, string | number | boolean | null> = {},
  ) => {
    await deps.audit.append({ action: `request.${action}`, actor, subject: requestId, details })
  }
  const deadlineOf = (row: Pick<RequestRow, 'received_at' | 'type' | 'country'>): RequestDeadline =>
    requestDeadline({
      receivedAt: row.received_at,
      type: row.type as RequestType,
      packs: packsForRequester(deps.packs, deps.manifest.organisation.homeCountry, row.country ?? undefined),
      commitmentDays,
    })
  return {
    deps,
    options,
    store,
    keys,
    files,
    shopName,
    commitmentDays,
    audit,
    deadlineOf,
    ...statusTokens(deps, keys.token),
    ...sealing(deps),
  }
}

export type RequestsKit = ReturnType<typeof createRequestsKit>
