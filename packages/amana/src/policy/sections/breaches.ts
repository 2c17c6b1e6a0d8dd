import { capitaliseSentence, sentence } from '../format.ts'
import type { SectionRenderer } from './context.ts'

/** Whom we notify of a breach and how fast, what we do, and how you can protect yourself. */
export const breaches: SectionRenderer = (c, b) => {
  const breach = c.manifest.breach
  if (breach === undefined) return
  b.p(
    'notify-you',
    c.t('breaches.notify-you', { hours: c.hours(breach.notifyIndividualsHours) }),
    ['breach.notifyIndividualsHours'],
    ['breach'],
  )
  const authorities = c.list(c.packs.map((pack) => pack.authority.value.name[c.locale]))
  b.p(
    'notify-authority',
    c.t('breaches.notify-authority', { authorities, hours: c.hours(breach.notifyRegulatorHours) }),
    ['breach.notifyRegulatorHours', 'jurisdictions'],
    ['breach'],
  )
  b.p('steps', c.t('breaches.steps'), ['breach'], ['breach'])
  const team = c.tx(breach.team)
  if (team !== undefined) b.p('team', capitaliseSentence(team), ['breach.team'], ['breach'])
  const guidance = c.tx(breach.guidance)
  if (guidance !== undefined)
    b.p(
      'guidance',
      c.t('breaches.guidance', { guidance: sentence(guidance) }),
      ['breach.guidance'],
      ['breach'],
    )
}
