import { randomBytes } from 'node:crypto'
import { type Actor, maskAddress } from '../requests-service.ts'
import { type RequestsKit, sha } from './kit.ts'

/** What the requester's status page shows; undefined for a wrong reference or token. */
export const statusOf = async (k: RequestsKit, reference: string, token: string | undefined) => {
  const { store } = k
  const row = await store.byReference(reference)
  if (!row || !k.tokenMatches(row, token)) return undefined
  const merged = row.merged_into ? await store.byId(row.merged_into) : undefined
  const pkg = await store.fileOf(row.id, 'package')
  const now = k.deps.now()
  const destination =
    row.status === 'verifying'
      ? maskAddress(
          (await k.open(
            row,
            row.channel === 'email' ? 'email' : 'phone',
            row.channel === 'email' ? row.email_enc : row.phone_enc,
          )) ?? '',
        )
      : undefined
  return {
    row,
    mergedInto: merged?.reference,
    destination,
    download:
      row.status === 'completed' &&
      (row.type === 'access' || row.type === 'portability' || row.type === 'know')
        ? pkg && pkg.expires_at && pkg.expires_at > now
          ? ({ kind: 'available', until: pkg.expires_at } as const)
          : ({ kind: 'gone' } as const)
        : undefined,
  }
}

/** A one-time link to the package, for the holder of the status token; expires in minutes. */
export const issueDownload = async (
  k: RequestsKit,
  reference: string,
  token: string,
): Promise<string | undefined> => {
  const { store } = k
  const now = k.deps.now()
  const row = await store.byReference(reference)
  if (!row || !k.tokenMatches(row, token) || row.status !== 'completed') return undefined
  const pkg = await store.fileOf(row.id, 'package')
  if (!pkg || !pkg.expires_at || pkg.expires_at <= now) return undefined
  const secret = randomBytes(24).toString('base64url')
  await store.addDownload({
    tokenHash: sha(secret),
    requestId: row.id,
    fileId: pkg.id,
    expiresAt: new Date(now.getTime() + k.options.downloadMinutes * 60_000),
  })
  await store.addEvent(k.deps.db, row.id, now, {
    actor: { type: 'requester', id: row.reference },
    kind: 'download-link',
  })
  return secret
}

/** Serves the package once per link. */
export const download = async (
  k: RequestsKit,
  reference: string,
  secret: string,
): Promise<{ name: string; bytes: Buffer } | undefined> => {
  const { store } = k
  const now = k.deps.now()
  const row = await store.byReference(reference)
  if (!row || !/^[A-Za-z0-9_-]{32}$/.test(secret)) return undefined
  const link = await store.useDownload(sha(secret), row.id, now)
  if (!link) return undefined
  const file = await store.fileById(link.file_id)
  if (!file) return undefined
  const bytes = await k.files.get(row.subject_id, file.id, file.key_enc)
  const requester: Actor = { type: 'requester', id: row.reference }
  await store.addEvent(k.deps.db, row.id, now, {
    actor: requester,
    kind: 'downloaded',
    details: { bytes: bytes.length },
  })
  await k.audit('downloaded', requester, row.id, { bytes: bytes.length })
  return { name: `${row.reference}.zip`, bytes }
}
