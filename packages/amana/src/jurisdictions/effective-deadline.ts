import type { Deadline, JurisdictionPack, RightId } from './vocabulary.ts'

export interface EffectiveDeadline {
  /** Calendar days to answer; null when neither a law nor a commitment sets one. */
  readonly days: number | null
  readonly from:
    | { readonly kind: 'jurisdiction'; readonly id: string }
    | { readonly kind: 'commitment' }
    | { readonly kind: 'none' }
  /** True when the winning value is flagged unverified in its pack. */
  readonly verified: boolean
}

/**
 * A deadline as calendar days, read strictly: a month counts as 28 days (the shortest calendar month)
 * and business days count as calendar days, so the result is never later than the law allows.
 */
export const deadlineDays = (deadline: Deadline): number =>
  deadline.unit === 'months' ? deadline.amount * 28 : deadline.amount

/** Strictest wins: the shortest of every pack's deadline (for `right`, if given) and the shop's own commitment. */
export const effectiveDeadline = (
  packs: readonly JurisdictionPack[],
  ownCommitmentDays?: number,
  right?: RightId,
): EffectiveDeadline => {
  let best: EffectiveDeadline =
    ownCommitmentDays === undefined
      ? { days: null, from: { kind: 'none' }, verified: true }
      : { days: ownCommitmentDays, from: { kind: 'commitment' }, verified: true }
  for (const pack of packs) {
    const clock = pack.requestDeadline.value
    const deadline = (right === undefined ? undefined : clock.byRight?.[right]) ?? clock.deadline
    if (deadline === null) continue
    const days = deadlineDays(deadline)
    if (best.days === null || days < best.days) {
      best = { days, from: { kind: 'jurisdiction', id: pack.id }, verified: pack.requestDeadline.verified }
    }
  }
  return best
}
