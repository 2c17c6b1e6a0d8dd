import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../schema.ts'
import type { PathSegment } from '../source-map.ts'

type Report = (path: readonly PathSegment[], message: string, fix: string) => void

/**
 * A shop serving California states the sources of each category in its notice (CCPA § 1798.110). The
 * policy states only sources the manifest declares, so a category without `source` is left out of that
 * sentence: say so, with the fix.
 */
export const checkCcpaSources = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  report: Report,
): void => {
  if (!packs.some((pack) => pack.id === 'us-ca')) return
  for (const [id, category] of Object.entries(manifest.categories))
    if (category.source === undefined)
      report(
        ['categories', id],
        `the California notice names where each category comes from, and "${id}" does not say`,
        `Add "source: subject" (or automatic, third-party, or a list) to categories.${id}.`,
      )
}
