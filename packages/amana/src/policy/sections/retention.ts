import type { Manifest } from '../../manifest/index.ts'
import { formatDuration } from '../format.ts'
import { actionLabels, eventLabels } from '../labels.ts'
import { clockFigures, clockFor, clockPaths } from './clocks.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'
import { ownRecords } from './own-records.ts'

type Kept = [id: string, category: Manifest['categories'][string]][]

/** Items with the same key, in first-seen order: categories sharing one rule are stated once (no list repeated). */
const groupBy = <T>(items: readonly T[], key: (item: T) => string): T[][] => {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    groups.set(k, [...(groups.get(k) ?? []), item])
  }
  return [...groups.values()]
}

/** How long each category is kept, counted from what, and what happens then; one row per identical rule. */
const periodsTable = (c: PolicyContext, b: Parameters<SectionRenderer>[1], kept: Kept): void => {
  const rule = ([, { retention }]: Kept[number]): string[] =>
    retention
      ? [
          formatDuration(retention.keep, c.locale, 'nominative'),
          eventLabels[retention.after][c.locale],
          actionLabels[retention.action][c.locale],
          c.tx(retention.criteria) ?? '',
        ]
      : []
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
    groupBy(kept, (entry) => JSON.stringify(rule(entry))).map((group) => ({
      id: `retention.category-${group[0]?.[0]}`,
      cells: [c.list(group.map(([id]) => c.categoryLabel(id))), ...rule(group[0] as Kept[number])],
      sourcePaths: group.map(([id]) => `categories.${id}.retention`),
    })),
  )
}

const purposeRetention: SectionRenderer = (c, b) => {
  for (const [id, purpose] of Object.entries(c.manifest.purposes)) {
    const retention = purpose.retention
    if (retention === undefined) continue
    const text = c.t('retention.purpose', {
      purpose: `${c.tx(purpose.title)}`,
      keep: formatDuration(retention.keep, c.locale, 'nominative'),
      after: eventLabels[retention.after][c.locale],
      action: actionLabels[retention.action][c.locale],
    })
    b.li(`purpose-${id}`, text, [`purposes.${id}.retention`], ['retention'])
  }
}

const legalHolds = (c: PolicyContext, b: Parameters<SectionRenderer>[1], kept: Kept): void => {
  const held = kept.flatMap(([id, category]) => {
    const hold = category.retention?.legalHold
    return hold === undefined
      ? []
      : [{ id, keep: formatDuration(hold.keep, c.locale), reason: c.tx(hold.reason) ?? '' }]
  })
  // Categories held for the same time and reason: one sentence naming them all.
  for (const group of groupBy(held, (h) => `${h.keep}\u0000${h.reason}`)) {
    const [first] = group
    if (first === undefined) continue
    const text = c.t('retention.hold', {
      category: c.list(group.map((h) => c.categoryLabel(h.id))),
      keep: first.keep,
      reason: first.reason,
    })
    b.p(
      `hold-${first.id}`,
      text,
      group.map((h) => `categories.${h.id}.retention.legalHold`),
      ['retention'],
    )
  }
}

/** How to ask for erasure and how long it takes: the engine's erasure clock per jurisdiction, named when they differ. */
const erasureRequests: SectionRenderer = (c, b) => {
  const requests = c.manifest.requests
  if (requests === undefined || c.packs.length === 0) return
  const clocks = c.packs.map((pack) => ({ pack, clock: clockFor(c, pack, 'erase') }))
  const byDays = new Map<number, string[]>()
  for (const { pack, clock } of clocks)
    byDays.set(clock.days, [...(byDays.get(clock.days) ?? []), pack.name[c.locale]])
  const days =
    byDays.size === 1
      ? c.days(clocks[0]?.clock.days ?? 0)
      : c.list(
          [...byDays].map(([amount, where]) => `${c.days(amount)} (${c.list(where)})`),
          'disjunction',
        )
  b.p(
    'requests',
    c.t('retention.requests', {
      channels: c.list(requests.channels.map(c.channelText), 'disjunction'),
      days,
    }),
    ['requests.channels', ...new Set(c.packs.flatMap((pack) => clockPaths(c, pack)))],
    ['retention', 'rights'],
    clocks.flatMap(({ pack, clock }) => clockFigures([pack.id], [clock], 'days')),
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
  // Amana's own records about requests and choices, with the periods its own-records sweep keeps.
  ownRecords(c, b)
}
