import type { KeyProvider } from './domain/key-provider.ts'
import { rewrapBatch } from './domain/rewrap.ts'
import type { KeyStore } from './key-store.ts'

export interface RotationOutcome {
  readonly finished: boolean
  /** Keys re-wrapped by this rotation so far, across resumptions. */
  readonly rewrapped: number
  /** Keys skipped because their KEK is not configured or did not authenticate; they stay on the old KEK. */
  readonly unavailable: number
  readonly cursor: string | null
}

export interface KeyRotationOptions {
  readonly keyStore: KeyStore
  /** The KEK to move every data key to: the vault's active key provider. */
  readonly target: KeyProvider
  /** Every KEK that may have wrapped a stored key (old and new). */
  readonly providers: readonly KeyProvider[]
  readonly batchSize?: number
  /** Stop after this many batches (a job slice); the next call resumes from the stored cursor. */
  readonly maxBatches?: number
  readonly now?: () => Date
}

/**
 * Re-wraps data keys with `target` in resumable batches. Progress (cursor, count) is stored in the key
 * store after every batch, so a crash or a `maxBatches` slice resumes where it stopped. Ciphertexts are
 * untouched and both KEKs unwrap throughout; remove the old KEK from config only once this returns
 * `finished` with `unavailable: 0`.
 */
export const runKeyRotation = async (options: KeyRotationOptions): Promise<RotationOutcome> => {
  const {
    keyStore,
    target,
    batchSize = 500,
    maxBatches = Number.POSITIVE_INFINITY,
    now = () => new Date(),
  } = options
  const providers = new Map(options.providers.map((p) => [p.id, p]))
  providers.set(target.id, target)
  const existing = await keyStore.rotation(target.id)
  const progress =
    existing && existing.finishedAt === null ? existing : await keyStore.startRotation(target.id, now())
  let cursor = progress.cursor
  let rewrapped = progress.rewrapped
  let unavailable = 0
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = await keyStore.listForRewrap(target.id, cursor, batchSize)
    if (rows.length === 0) {
      await keyStore.saveRotation(progress.id, { cursor, rewrapped, finishedAt: now() })
      return { finished: true, rewrapped, unavailable, cursor }
    }
    for (const result of await rewrapBatch(rows, providers, target)) {
      if (result.kind === 'unavailable') unavailable++
      else if (await keyStore.replace(result.from, result.to)) rewrapped++
    }
    cursor = rows[rows.length - 1]?.subjectId ?? cursor
    await keyStore.saveRotation(progress.id, { cursor, rewrapped, finishedAt: null })
  }
  return { finished: false, rewrapped, unavailable, cursor }
}
