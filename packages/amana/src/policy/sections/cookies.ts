import type { Manifest } from '../../manifest/index.ts'
import type { TableRow } from '../document.ts'
import { formatDuration } from '../format.ts'
import { cookieCategoryLabels, trackerTypeLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Cookies = NonNullable<Manifest['cookies']>
type Tracker = Cookies['trackers'][string]

const trackerRow = (c: PolicyContext, name: string, tracker: Tracker): TableRow => {
  // A first-party tracker is the shop's own: its name in this language, not the manifest's id.
  const provider = tracker.party === 'first' ? c.orgName : c.processorName(tracker.provider)
  const party = c.t(tracker.party === 'first' ? 'cookies.party.first' : 'cookies.party.third')
  const duration =
    tracker.duration === 'session'
      ? c.t('cookies.session')
      : formatDuration(tracker.duration, c.locale, 'nominative')
  return {
    id: `cookies.tracker-${name}`,
    cells: [
      name,
      provider,
      `${trackerTypeLabels[tracker.type][c.locale]} (${party})`,
      cookieCategoryLabels[tracker.category][c.locale],
      duration,
      c.tx(tracker.description) ?? c.purposeTitle(tracker.purpose),
    ],
    sourcePaths: [`cookies.trackers.${name}`],
  }
}

/** One item per third party that sets trackers: which, what for, and where to opt out. */
const thirdParties = (c: PolicyContext, b: Parameters<SectionRenderer>[1], cookies: Cookies): void => {
  const byProvider = new Map<string, string[]>()
  for (const [name, tracker] of Object.entries(cookies.trackers)) {
    if (tracker.party === 'third' && c.processors[tracker.provider] !== undefined)
      byProvider.set(tracker.provider, [...(byProvider.get(tracker.provider) ?? []), name])
  }
  for (const [providerId, names] of byProvider) {
    const provider = c.processors[providerId]
    if (provider === undefined) continue
    const params = {
      provider: c.processorName(providerId),
      names: c.list(names),
      purposes: c.list([
        ...new Set(names.map((name) => c.purposeTitle(cookies.trackers[name]?.purpose ?? ''))),
      ]),
      url: provider.policyUrl ?? '',
    }
    b.li(
      `third-party-${providerId}`,
      c.t(provider.policyUrl === undefined ? 'cookies.third-party' : 'cookies.third-party.link', params),
      [...names.map((name) => `cookies.trackers.${name}`), `processors.${providerId}`],
      ['cookies'],
    )
  }
}

/** The trackers (a table), when they run, how to change choices, and the third parties setting them. */
export const cookies: SectionRenderer = (c, b) => {
  const declared = c.manifest.cookies
  if (declared === undefined) return
  const trackers = Object.entries(declared.trackers)
  if (trackers.length === 0) {
    b.p('none', c.t('cookies.none'), ['cookies.trackers'], ['cookies'])
    return
  }
  const paths = trackers.map(([name]) => `cookies.trackers.${name}`)
  b.p('intro', c.t('cookies.intro', { services: c.services }), paths, ['cookies'])
  b.table(
    'trackers',
    c.t('cookies.trackers'),
    [
      c.t('cookies.trackers.name'),
      c.t('cookies.trackers.provider'),
      c.t('cookies.trackers.type'),
      c.t('cookies.trackers.category'),
      c.t('cookies.trackers.duration'),
      c.t('cookies.trackers.purpose'),
    ],
    trackers.map(([name, tracker]) => trackerRow(c, name, tracker)),
  )
  const optional = trackers.filter(
    ([, tracker]) => tracker.category === 'analytics' || tracker.category === 'marketing',
  )
  if (optional.length > 0 && declared.consentBanner)
    b.p(
      'consent',
      c.t('cookies.consent'),
      ['cookies.consentBanner', ...optional.map(([name]) => `cookies.trackers.${name}`)],
      ['cookies'],
    )
  if (declared.preferencesUrl !== undefined)
    b.p(
      'preferences',
      c.t('cookies.preferences', { url: declared.preferencesUrl }),
      ['cookies.preferencesUrl'],
      ['cookies'],
    )
  b.p('browser', c.t('cookies.browser'), ['cookies.trackers'], ['cookies'])
  thirdParties(c, b, declared)
}
