import { type BreachDeadline, breachDeadlines } from '../../incidents/index.ts'
import type { Figure } from '../document.ts'
import { capitaliseSentence, sentence } from '../format.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Breach = NonNullable<PolicyContext['manifest']['breach']>

/** The hours the policy promises: the shop's shorter target when it has one, else the clock itself. */
const promised = (deadline: BreachDeadline, declared: number): number =>
  deadline.commitmentHours ?? deadline.hours ?? declared

/**
 * Per jurisdiction, the breach clocks the incident register counts down (incidents' breachDeadlines,
 * the one place these hours are read), as the hours the policy states.
 */
export const policyBreachClocks = (packs: PolicyContext['packs'], breach: Breach) =>
  packs.map((pack) => {
    const deadline = breachDeadlines(pack, breach)
    return {
      jurisdiction: pack.id,
      regulatorHours: promised(deadline.regulator, breach.notifyRegulatorHours),
      individualsHours: promised(deadline.individuals, breach.notifyIndividualsHours),
    }
  })

/** Groups packs by a number (hours), keeping the order they come in. */
const byHours = <T>(items: readonly T[], hours: (item: T) => number): [number, T[]][] => {
  const groups = new Map<number, T[]>()
  for (const item of items) groups.set(hours(item), [...(groups.get(hours(item)) ?? []), item])
  return [...groups]
}

/** The notice clocks, to you, then to each authority; named per authority when they differ. */
const clocks = (c: PolicyContext, b: Parameters<SectionRenderer>[1], breach: Breach): void => {
  const perPack = policyBreachClocks(c.packs, breach)
  const packPaths = (kind: 'regulator' | 'individuals') =>
    c.packs.map((pack) => `pack:${pack.id}.breach.${kind}`)
  const you = Math.min(...perPack.map((clock) => clock.individualsHours))
  const youFigures: Figure[] = perPack.map((clock) => ({
    kind: 'breach-individual-hours',
    jurisdiction: clock.jurisdiction,
    value: you,
  }))
  b.p(
    'notify-you',
    c.t('breaches.notify-you', { hours: c.hours(you) }),
    ['breach.notifyIndividualsHours', ...packPaths('individuals')],
    ['breach'],
    youFigures,
  )
  byHours(perPack, (clock) => clock.regulatorHours).forEach(([hours, group], index) => {
    const names = group.map(
      (clock) => c.packs.find((pack) => pack.id === clock.jurisdiction)?.authority.value.name[c.locale] ?? '',
    )
    b.p(
      index === 0 ? 'notify-authority' : `notify-authority-${index + 1}`,
      c.t('breaches.notify-authority', { authorities: c.list(names), hours: c.hours(hours) }),
      [
        'breach.notifyRegulatorHours',
        'jurisdictions',
        ...group.map((clock) => `pack:${clock.jurisdiction}.breach.regulator`),
      ],
      ['breach'],
      group.map((clock) => ({
        kind: 'breach-regulator-hours',
        jurisdiction: clock.jurisdiction,
        value: hours,
      })),
    )
  })
}

/** Whom we notify of a breach and how fast, what we do (when a team is declared), and how you can protect yourself. */
export const breaches: SectionRenderer = (c, b) => {
  const breach = c.manifest.breach
  if (breach === undefined) return
  clocks(c, b, breach)
  const team = c.tx(breach.team)
  // The steps are what a declared response team does; hours alone do not back them.
  if (team !== undefined) {
    b.p('steps', c.t('breaches.steps'), ['breach.team'], ['breach'])
    b.p('team', capitaliseSentence(team), ['breach.team'], ['breach'])
  }
  const guidance = c.tx(breach.guidance)
  if (guidance !== undefined)
    b.p(
      'guidance',
      c.t('breaches.guidance', { guidance: sentence(guidance) }),
      ['breach.guidance'],
      ['breach'],
    )
}
