import { deadlineDays, effectiveDeadline } from './effective-deadline.ts'
import type { JurisdictionPack, RightId } from './vocabulary.ts'

/** Used only when neither a pack nor the shop sets a clock, so no request is ever without one. */
export const DEFAULT_DEADLINE_DAYS = 30

/**
 * The packs that govern a requester: those of the shop's jurisdictions whose countries include the
 * requester's; when none does (or the country is unknown), those covering the shop's home country;
 * failing that, all of the shop's packs.
 */
export const packsForRequester = (
  shopPacks: readonly JurisdictionPack[],
  homeCountry: string,
  requesterCountry: string | undefined,
): JurisdictionPack[] => {
  const covering = (country: string) => shopPacks.filter((p) => p.countries.includes(country))
  const byRequester = requesterCountry ? covering(requesterCountry) : []
  if (byRequester.length > 0) return byRequester
  const home = covering(homeCountry)
  return home.length > 0 ? home : [...shopPacks]
}

export interface RequestClock {
  /** Calendar days to answer. */
  readonly days: number
  /** Where the winning clock comes from: a pack id, 'commitment', or 'default'. */
  readonly source: string
  /** Calendar days from receipt an extension may reach; null when a governing pack allows none. */
  readonly extendedDays: number | null
  readonly extensionSource: string | null
}

/**
 * The clock of one request, in days: the strictest of every governing pack (for `right`) and the
 * shop's own commitment. An extension is allowed only when every governing pack with a clock also
 * provides one; it may reach the shortest (deadline + extension) among them. The deadline engine
 * (requests/domain/deadlines.ts) and the policy both state exactly this.
 */
export const requestClock = (
  packs: readonly JurisdictionPack[],
  commitmentDays: number | undefined,
  right: RightId,
): RequestClock => {
  const eff = effectiveDeadline(packs, commitmentDays, right)
  const days = eff.days ?? DEFAULT_DEADLINE_DAYS
  const source =
    eff.from.kind === 'jurisdiction' ? eff.from.id : eff.from.kind === 'commitment' ? 'commitment' : 'default'
  let limit: { days: number; source: string } | null = null
  let refused = false
  for (const pack of packs) {
    const clock = pack.requestDeadline.value
    const deadline = clock.byRight?.[right] ?? clock.deadline
    if (deadline === null) continue
    if (clock.extension === null) {
      refused = true
      continue
    }
    const total = deadlineDays(deadline) + deadlineDays(clock.extension)
    if (limit === null || total < limit.days) limit = { days: total, source: pack.id }
  }
  const allowed = !refused && limit !== null && limit.days > days
  return {
    days,
    source,
    extendedDays: allowed && limit ? limit.days : null,
    extensionSource: allowed && limit ? limit.source : null,
  }
}
