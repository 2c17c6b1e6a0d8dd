import { createHash } from 'node:crypto'
import type { Manifest } from '../manifest/index.ts'

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

/** sha256 of the manifest with keys sorted: the same declaration always gives the same hash. */
export const manifestHash = (manifest: Manifest): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(manifest)))
    .digest('hex')
