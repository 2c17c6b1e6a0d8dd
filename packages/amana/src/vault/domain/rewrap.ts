import { dataKeyContext, type KeyProvider } from './key-provider.ts'

export interface WrappedDataKey {
  readonly subjectId: string
  readonly kekId: string
  readonly wrapped: Buffer
}

export type RewrapResult =
  | { readonly kind: 'rewrapped'; readonly from: WrappedDataKey; readonly to: WrappedDataKey }
  | {
      readonly kind: 'unavailable'
      readonly from: WrappedDataKey
      readonly reason: 'kek-not-configured' | 'unwrap-failed'
    }

/**
 * One batch of key rotation: unwrap each data key with the KEK it names, wrap it with `target`.
 * No I/O of its own (a KMS provider may call out); the caller stores the results.
 */
export const rewrapBatch = async (
  rows: readonly WrappedDataKey[],
  providers: ReadonlyMap<string, KeyProvider>,
  target: KeyProvider,
): Promise<RewrapResult[]> => {
  const results: RewrapResult[] = []
  for (const row of rows) {
    const source = providers.get(row.kekId)
    if (!source) {
      results.push({ kind: 'unavailable', from: row, reason: 'kek-not-configured' })
      continue
    }
    const context = dataKeyContext(row.subjectId)
    const dataKey = await source.unwrap(row.wrapped, context)
    if (!dataKey) {
      results.push({ kind: 'unavailable', from: row, reason: 'unwrap-failed' })
      continue
    }
    const wrapped = await target.wrap(dataKey, context)
    dataKey.fill(0)
    results.push({
      kind: 'rewrapped',
      from: row,
      to: { subjectId: row.subjectId, kekId: target.id, wrapped },
    })
  }
  return results
}
