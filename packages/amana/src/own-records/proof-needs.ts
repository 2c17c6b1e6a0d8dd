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
  /** The law in English and Arabic, as the check's finding names it. */
  readonly law: { readonly en: string; readonly ar: string }
  readonly sources: readonly string[]
  readonly verified: boolean
}

export const proofNeeds: readonly ProofNeed[] = [
  {
    jurisdiction: 'us-ca',
    kind: 'requestRecords',
    keep: 'P24M',
    law: {
      en: 'Cal. Code Regs. tit. 11 § 7101 (records of consumer requests, 24 months)',
      ar: 'لوائح كاليفورنيا، الباب 11، المادة 7101 (سجلات طلبات المستهلكين، 24 شهرًا)',
    },
    sources: ['C1', 'C4'],
    verified: false,
  },
]
