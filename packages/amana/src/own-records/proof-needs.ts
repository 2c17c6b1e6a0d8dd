import type { OwnRecordKind } from '../manifest/index.ts'

/**
 * How long a law asks a shop to keep its own records as proof, where a source states it
 * (/work/shared/reference, part A3). `verified: false` follows the reference's ⚠ mark: the check
 * warns instead of refusing.
 */
export type ProofNeed = {
  readonly jurisdiction: string
  readonly kind: OwnRecordKind
  readonly keep: string
  readonly law: string
  readonly sources: readonly string[]
  readonly verified: boolean
}

export const proofNeeds: readonly ProofNeed[] = [
  {
    jurisdiction: 'us-ca',
    kind: 'requestRecords',
    keep: 'P24M',
    law: 'Cal. Code Regs. tit. 11 § 7101 (records of consumer requests, 24 months)',
    sources: ['C1', 'C4'],
    verified: false,
  },
]
