import {
  type JurisdictionPack,
  packsForRequester,
  type RequestClock,
  type RightId,
  requestClock,
  rightIds,
} from '../../jurisdictions/index.ts'
import type { Figure } from '../document.ts'
import type { PolicyContext } from './context.ts'

/** One right's clock for requesters in one jurisdiction, as the deadline engine computes it. */
export interface RightClock extends RequestClock {
  readonly right: RightId
}

// Rights no request type exercises (requests/domain/request-types.ts `rightOf`): they have no clock.
const withoutRequest: readonly RightId[] = ['no-automated-decisions']

/**
 * The rights a pack grants (fully or in some cases), and those the shop promises beyond it, that a
 * request exercises: the ones with a clock.
 */
export const grantedRights = (pack: JurisdictionPack, promised: readonly RightId[] = []): RightId[] =>
  rightIds.filter(
    (right) =>
      !withoutRequest.includes(right) &&
      (pack.rights[right].value === 'yes' ||
        pack.rights[right].value === 'partial' ||
        promised.includes(right)),
  )

/** The packs that govern a requester in `pack`'s first country, as the requests feature picks them. */
const governing = (c: PolicyContext, pack: JurisdictionPack): JurisdictionPack[] =>
  packsForRequester(c.packs, c.org.homeCountry, pack.countries[0])

/** `right`'s clock for requesters in `pack`'s jurisdiction: the engine's own function, nothing recomputed. */
export const clockFor = (c: PolicyContext, pack: JurisdictionPack, right: RightId): RightClock => ({
  right,
  ...requestClock(governing(c, pack), c.manifest.commitments?.requestDeadlineDays, right),
})

/** The clocks of every right `pack` grants, for its requesters. */
export const clocksFor = (c: PolicyContext, pack: JurisdictionPack): RightClock[] =>
  grantedRights(pack, c.manifest.commitments?.promisedRights).map((right) => clockFor(c, pack, right))

/** The trace of a clock: the commitment (when declared) and the governing packs' deadline entries. */
export const clockPaths = (c: PolicyContext, pack: JurisdictionPack): string[] => [
  'jurisdictions',
  ...(c.manifest.commitments?.requestDeadlineDays === undefined ? [] : ['commitments.requestDeadlineDays']),
  ...governing(c, pack).map((governingPack) => `pack:${governingPack.id}.requestDeadline`),
]

/** The figures one statement of clocks states, for the test that compares them with the engine. */
export const clockFigures = (
  jurisdictions: readonly string[],
  clocks: readonly RightClock[],
  state: 'days' | 'extension' | 'both',
): Figure[] =>
  jurisdictions.flatMap((jurisdiction) =>
    clocks.flatMap((clock): Figure[] => [
      ...(state === 'extension'
        ? []
        : [{ kind: 'request-days' as const, jurisdiction, right: clock.right, value: clock.days }]),
      ...(state !== 'days' && clock.extendedDays !== null
        ? [
            {
              kind: 'request-extended-days' as const,
              jurisdiction,
              right: clock.right,
              value: clock.extendedDays,
            },
          ]
        : []),
    ]),
  )

/** Clocks grouped by (days, extension): the first group is the one holding `access` (the usual request). */
export const groupClocks = (clocks: readonly RightClock[]): RightClock[][] => {
  const groups = new Map<string, RightClock[]>()
  for (const clock of clocks) {
    const key = `${clock.days}/${clock.extendedDays}`
    groups.set(key, [...(groups.get(key) ?? []), clock])
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.some((clock) => clock.right === 'access')) -
        Number(a.some((clock) => clock.right === 'access')) || b.length - a.length,
  )
}

/** True when every pack's requesters get the same clocks (so the policy names no jurisdiction). */
export const sameEverywhere = (perPack: readonly (readonly RightClock[])[]): boolean => {
  const keys = perPack.map((clocks) =>
    clocks
      .map((clock) => `${clock.right}:${clock.days}/${clock.extendedDays}`)
      .sort()
      .join(','),
  )
  return keys.every((key) => key === keys[0])
}
