import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest } from '../schema.ts'
import type { PathSegment } from '../source-map.ts'
import type { FindingCopyRef, RuleId } from './finding.ts'

type Report = (rule: RuleId, path: readonly PathSegment[], copy: FindingCopyRef) => void

/**
 * What the California notice states only from the manifest (CCPA § 1798.110, § 1798.115): the sources
 * of each category, and the categories sold or shared. Where the manifest cannot back a statement the
 * policy leaves it out; these warnings say so, with the fix.
 */
export const checkCcpa = (manifest: Manifest, packs: readonly JurisdictionPack[], report: Report): void => {
  if (!packs.some((pack) => pack.id === 'us-ca')) return
  for (const [id, category] of Object.entries(manifest.categories))
    if (category.source === undefined)
      report('ccpa.source-undeclared', ['categories', id], {
        key: 'ccpa.source-undeclared',
        params: {
          id,
          example: 'source: subject',
          automatic: 'automatic',
          thirdParty: 'third-party',
          where: `categories.${id}`,
        },
      })
  const advertising = Object.values(manifest.purposes).some((purpose) => purpose.kind === 'advertising')
  if (manifest.commitments?.sellsPersonalData === true && !advertising)
    report('ccpa.sold-categories-undeclared', ['commitments', 'sellsPersonalData'], {
      key: 'ccpa.sold-categories-undeclared',
      params: { kind: 'kind: advertising', setting: 'sellsPersonalData: false' },
    })
}
