import type { Localised } from '../../jurisdictions/index.ts'
import { ar } from '../copy/ar.ts'
import { en } from '../copy/en.ts'

export interface AffectedCategory {
  readonly id: string
  readonly kind: string
  readonly sensitivity: 'normal' | 'confidential' | 'sensitive' | string
  /** The fields breached are vaulted (envelope-encrypted) or the subject's key is shredded. */
  readonly protected: boolean
}

export interface RiskAssessment {
  readonly likelyHighRisk: boolean
  /** Each reason as the console and report show it, in both languages. */
  readonly reasons: readonly {
    readonly code: string
    readonly weight: 'raises' | 'lowers'
    readonly text: Localised
  }[]
}

const sensitiveKinds = new Set([
  'health',
  'biometric',
  'religion',
  'ethnicity',
  'sex-life',
  'criminal',
  'genetic',
])
const financialKinds = new Set(['payment', 'financial', 'government-id', 'credentials'])

/**
 * Whether a breach is likely high-risk for the people in it, with the reasoning shown: sensitive or
 * financial data and children raise it; data that was vaulted or crypto-shredded lowers it.
 */
export const assessRisk = (input: {
  readonly categories: readonly AffectedCategory[]
  readonly children: boolean
}): RiskAssessment => {
  const reasons: RiskAssessment['reasons'][number][] = []
  const clear = input.categories.filter((c) => !c.protected)
  const sensitive = clear.filter((c) => c.sensitivity === 'sensitive' || sensitiveKinds.has(c.kind))
  const financial = clear.filter((c) => c.sensitivity === 'confidential' || financialKinds.has(c.kind))
  if (sensitive.length > 0)
    reasons.push({
      code: 'sensitive',
      weight: 'raises',
      text: both((c) => c['risk.sensitive'](names(sensitive))),
    })
  if (financial.length > 0)
    reasons.push({
      code: 'financial',
      weight: 'raises',
      text: both((c) => c['risk.financial'](names(financial))),
    })
  if (input.children)
    reasons.push({
      code: 'children',
      weight: 'raises',
      text: both((c) => c['risk.children']),
    })
  const shielded = input.categories.filter((c) => c.protected)
  if (shielded.length > 0)
    reasons.push({
      code: 'protected',
      weight: 'lowers',
      text: both((c) => c['risk.protected'](names(shielded))),
    })
  const raises = reasons.filter((r) => r.weight === 'raises').length
  return { likelyHighRisk: raises > 0, reasons }
}

const names = (categories: readonly AffectedCategory[]) => categories.map((c) => c.id).join(', ')

/** A reason's words from the catalogue (copy/en.ts, copy/ar.ts), in both languages. */
const both = (pick: (copy: typeof en) => string): Localised => ({ en: pick(en), ar: pick(ar as typeof en) })
