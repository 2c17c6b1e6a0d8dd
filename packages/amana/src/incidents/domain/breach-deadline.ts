import type { JurisdictionPack, Localised } from '../../jurisdictions/index.ts'

/** Who a breach notification goes to. */
export type BreachAudience = 'regulator' | 'individuals'

export interface BreachDeadline {
  readonly audience: BreachAudience
  /** Hours from discovery; null when neither the law nor the shop sets a number. */
  readonly hours: number | null
  /** Where the hours come from: the pack's law, or (when the law sets none) the shop's own promise. */
  readonly from: 'jurisdiction' | 'commitment' | 'none'
  /** The shop's own promise when it is shorter than the law's: a target inside the legal deadline. */
  readonly commitmentHours?: number
  /** The law's words for this duty (also what the policy states). */
  readonly text: Localised
  /** False when the pack flags the law's value as not verified against its sources. */
  readonly verified: boolean
  readonly note?: string
}

/** The shop's own promise (the manifest's `breach` block), in hours. */
export interface BreachCommitment {
  readonly notifyRegulatorHours: number
  readonly notifyIndividualsHours: number
}

/**
 * The breach notification deadlines one pack sets. The law's hours are the clock; where the law sets
 * none, the shop's promise is; a shorter promise is kept beside the law's clock as a target. The one
 * place these hours are read: the incident clocks and the policy both call it.
 */
export const breachDeadlines = (
  pack: JurisdictionPack,
  commitment?: BreachCommitment,
): Readonly<Record<BreachAudience, BreachDeadline>> => ({
  regulator: pick('regulator', pack, commitment?.notifyRegulatorHours),
  individuals: pick('individuals', pack, commitment?.notifyIndividualsHours),
})

const pick = (audience: BreachAudience, pack: JurisdictionPack, own: number | undefined): BreachDeadline => {
  const law = pack.breach[audience]
  const lawHours = law.value.hours
  const base = {
    audience,
    text: law.value.text,
    verified: law.verified,
    ...(law.note ? { note: law.note } : {}),
  }
  if (lawHours !== null)
    return {
      ...base,
      hours: lawHours,
      from: 'jurisdiction',
      ...(own !== undefined && own < lawHours ? { commitmentHours: own } : {}),
    }
  if (own !== undefined) return { ...base, hours: own, from: 'commitment', verified: true }
  return { ...base, hours: null, from: 'none' }
}
