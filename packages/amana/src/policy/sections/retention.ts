import { effectiveDeadline } from '../../jurisdictions/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import { formatDuration } from '../format.ts'
import { actionLabels, eventLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Kept = [id: string, category: Manifest['categories'][string]][]

/** How long each category is kept, counted from what, and what happens then. */
const periodsTable = (c: PolicyContext, b: Parameters<SectionRenderer>[1], kept: Kept): void => {
  b.table(
    'periods',
    c.t('retention.periods'),
    [
      c.t('retention.periods.information'),
      c.t('retention.periods.keep'),
      c.t('retention.periods.after'),
      c.t('retention.periods.action'),
      c.t('retention.periods.criteria'),
    ],
    kept.map(([id, { retention }]) => ({
      id: `retention.category-${id}`,
      cells: retention
        ? [
            c.categoryLabel(id),
            formatDuration(retention.keep, c.locale),
            eventLabels[retention.after][c.locale],
            actionLabels[retention.action][c.locale],
            c.tx(retention.criteria) ?? '',
          ]
        : [],
      sourcePaths: [`categories.${id}.retention`],
    })),
  )
}

const purposeRetention: SectionRenderer = (c, b) => {
  for (const [id, purpose] of Object.entries(c.manifest.purposes)) {
    const retention = purpose.retention
    if (retention === undefined) continue
    const text = c.t('retention.purpose', {
      purpose: `${c.tx(purpose.title)}`,
      keep: formatDuration(retention.keep, c.locale),
      after: eventLabels[retention.after][c.locale],
      action: actionLabels[retention.action][c.locale],
    })
    b.li(`purpose-${id}`, text, [`purposes.${id}.retention`], ['retention'])
  }
}

const legalHolds = (c: PolicyContext, b: Parameters<SectionRenderer>[1], kept: Kept): void => {
  for (const [id, category] of kept) {
    const hold = category.retention?.legalHold
    if (hold === undefined) continue
    const text = c.t('retention.hold', {
      category: c.categoryLabel(id),
      keep: formatDuration(hold.keep, c.locale),
      reason: c.tx(hold.reason) ?? '',
    })
    b.p(`hold-${id}`, text, [`categories.${id}.retention.legalHold`], ['retention'])
  }
}

const erasureRequests: SectionRenderer = (c, b) => {
  const requests = c.manifest.requests
  const deadline = effectiveDeadline(c.packs, c.manifest.commitments?.requestDeadlineDays, 'erase')
  if (requests === undefined || deadline.days === null) return
  b.p(
    'requests',
    c.t('retention.requests', {
      channels: c.list(requests.channels.map(c.channelText), 'disjunction'),
      days: c.days(deadline.days),
    }),
    [
      'requests.channels',
      deadline.from.kind === 'commitment' ? 'commitments.requestDeadlineDays' : 'jurisdictions',
    ],
    ['retention', 'rights'],
  )
}

/** Retention periods (a table), purpose-specific periods, legal holds, erasure and how to ask for it. */
export const retention: SectionRenderer = (c, b) => {
  const kept: Kept = Object.entries(c.manifest.categories).filter(
    ([, category]) => category.retention !== undefined,
  )
  if (kept.length === 0) return
  b.p(
    'intro',
    c.t('retention.intro'),
    kept.map(([id]) => `categories.${id}.retention`),
    ['retention'],
  )
  periodsTable(c, b, kept)
  purposeRetention(c, b)
  legalHolds(c, b, kept)
  const anonymised = kept.some(([, category]) => category.retention?.action === 'anonymise')
  b.p(
    'process',
    c.t(anonymised ? 'retention.process.anonymise' : 'retention.process'),
    kept.map(([id]) => `categories.${id}.retention.action`),
    ['retention'],
  )
  erasureRequests(c, b)
}
