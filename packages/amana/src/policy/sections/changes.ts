import { changeLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

/** How we announce changes to the policy, and how far in advance. */
export const changes: SectionRenderer = (c, b) => {
  const declared = c.manifest.changes
  if (declared === undefined) return
  const channels = c.list(declared.notify.map((channel) => changeLabels[channel][c.locale]))
  const advance = declared.advanceDays
  b.p(
    'notice',
    advance === undefined || advance === 0
      ? c.t('changes.notice', { channels })
      : c.t('changes.notice.advance', { channels, days: c.days(advance) }),
    advance === undefined ? ['changes.notify'] : ['changes.notify', 'changes.advanceDays'],
    ['changes'],
  )
  if (declared.significantOnly === true)
    b.p('significant', c.t('changes.significant'), ['changes.significantOnly'], ['changes'])
}
