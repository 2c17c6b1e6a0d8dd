import type { JurisdictionPack } from './vocabulary.ts'

export interface BreachClock {
  readonly jurisdiction: string
  /** Hours to notify this pack's authority: the law's clock or the shop's own, whichever is shorter. */
  readonly regulatorHours: number
  /** Hours to notify the people affected, the same way. */
  readonly individualsHours: number
}

/**
 * The breach-notice clocks per jurisdiction: the strictest of the law (when the pack sets hours) and
 * the shop's declared `breach` hours. The policy states exactly these; incident handling counts down
 * from them.
 */
export const breachClocks = (
  packs: readonly JurisdictionPack[],
  declared: { readonly notifyRegulatorHours: number; readonly notifyIndividualsHours: number },
): BreachClock[] =>
  packs.map((pack) => ({
    jurisdiction: pack.id,
    regulatorHours: Math.min(
      declared.notifyRegulatorHours,
      pack.breach.regulator.value.hours ?? Number.POSITIVE_INFINITY,
    ),
    individualsHours: Math.min(
      declared.notifyIndividualsHours,
      pack.breach.individuals.value.hours ?? Number.POSITIVE_INFINITY,
    ),
  }))
