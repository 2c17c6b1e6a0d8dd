import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import { needsConsent } from '../../manifest/index.ts'
import { capitalise, capitaliseSentence } from '../format.ts'
import { requestLabels, rightLabels, verificationLabels } from '../labels.ts'
import type { SectionBuilder } from '../section-builder.ts'
import { ccpaNotice } from './ccpa.ts'
import {
  clockFigures,
  clockPaths,
  clocksFor,
  groupClocks,
  type RightClock,
  sameEverywhere,
} from './clocks.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

/** Each pack's rights, as a list under the law that grants them. */
const rightsByLaw: SectionRenderer = (c, b) => {
  for (const pack of c.packs) {
    const available = Object.entries(pack.rights).filter(
      ([, value]) => value.value === 'yes' || value.value === 'partial',
    )
    if (available.length === 0) continue
    b.p(
      `${pack.id}.intro`,
      c.t('rights.intro', { law: pack.law[c.locale], jurisdiction: pack.name[c.locale] }),
      ['jurisdictions', `pack:${pack.id}.law`],
      ['rights'],
    )
    for (const [right, value] of available) {
      const label = rightLabels[right as keyof typeof rightLabels][c.locale]
      const text = value.value === 'partial' ? c.t('rights.partial', { right: label }) : label
      b.li(`${pack.id}.${right}`, text, ['jurisdictions', `pack:${pack.id}.rights.${right}`], ['rights'])
    }
  }
}

/** Rights the shop promises beyond a law it serves: listed once, after the laws' own lists. */
const promisedRights: SectionRenderer = (c, b) => {
  const declared = c.manifest.commitments?.promisedRights ?? []
  const promised = declared.filter((right) => c.packs.some((pack) => pack.rights[right].value !== 'yes'))
  if (promised.length === 0) return
  b.p('promised', c.t('rights.promised'), ['commitments.promisedRights'], ['rights'])
  for (const right of promised)
    b.li(
      `promised.${right}`,
      rightLabels[right][c.locale],
      [`commitments.promisedRights[${declared.indexOf(right)}]`],
      ['rights'],
    )
}

/** The extension one group of clocks allows, as the law that allows it says it. */
const extensionText = (c: PolicyContext, clock: RightClock): string | undefined => {
  if (clock.extendedDays === null || clock.extensionSource === null) return undefined
  const law = c.packs.find((pack) => pack.id === clock.extensionSource)?.law[c.locale] ?? ''
  return c.t('rights.extension', { law, total: c.days(clock.extendedDays) })
}

/**
 * How long requests from one jurisdiction's residents take (or everyone's, when `pack` is the only
 * clock set): the usual clock, each right whose clock differs, and the extension the law allows.
 * Every figure is the deadline engine's (requestClock), for exactly the packs it would apply.
 */
const timelineFor = (c: PolicyContext, b: SectionBuilder, pack: JurisdictionPack, named: boolean): void => {
  // Unnamed, the clocks are the same for every jurisdiction served: the figures hold for each.
  const ids = named ? [pack.id] : c.packs.map((served) => served.id)
  const [usual, ...others] = groupClocks(clocksFor(c, pack))
  const first = usual?.[0]
  if (usual === undefined || first === undefined) return
  const paths = clockPaths(c, pack)
  const where = named ? `${pack.id}.` : ''
  const jurisdiction = pack.name[c.locale]
  const days = c.days(first.days)
  const plain = others.length === 0
  const text = named
    ? c.t(plain ? 'rights.timeline.where' : 'rights.timeline.except.where', { days, jurisdiction })
    : c.t(plain ? 'rights.timeline' : 'rights.timeline.except', { days })
  b.p(`${where}timeline`, text, paths, ['rights'], clockFigures(ids, usual, 'days'))
  for (const group of others) {
    const clock = group[0]
    if (clock === undefined) continue
    const requests = c.list(group.map((item) => requestLabels[item.right][c.locale]))
    const extended = clock.extendedDays === null ? undefined : c.days(clock.extendedDays)
    b.li(
      `${where}timeline-${group.map((item) => item.right).join('-')}`,
      extended === undefined
        ? c.t('rights.timeline.right', { requests: capitalise(requests), days: c.days(clock.days) })
        : c.t('rights.timeline.right.extended', {
            requests: capitalise(requests),
            days: c.days(clock.days),
            extended,
          }),
      paths,
      ['rights'],
      clockFigures(ids, group, 'both'),
    )
  }
  const extension = extensionText(c, first)
  if (extension !== undefined)
    b.p(`${where}extension`, extension, paths, ['rights'], clockFigures(ids, usual, 'extension'))
}

/** The clocks for every jurisdiction served; named per jurisdiction only when they differ. */
const timelines = (c: PolicyContext, b: SectionBuilder): void => {
  const named = !sameEverywhere(c.packs.map((pack) => clocksFor(c, pack)))
  const packs = named ? c.packs : c.packs.slice(0, 1)
  for (const pack of packs) timelineFor(c, b, pack, named)
}

/** The rights, then how to use them: channels, verification, documents, timelines, fee, withdrawal. */
export const rights: SectionRenderer = (c, b) => {
  rightsByLaw(c, b)
  promisedRights(c, b)
  ccpaNotice(c, b)
  const requests = c.manifest.requests
  if (requests === undefined) return
  const channels = c.list(requests.channels.map(c.channelText), 'disjunction')
  b.p(
    'how',
    requests.form === undefined
      ? c.t('rights.how', { channels })
      : c.t('rights.how.form', { channels, form: requests.form }),
    requests.form === undefined ? ['requests.channels'] : ['requests.channels', 'requests.form'],
    ['rights'],
  )
  const methods = c.list(
    requests.verification.map((method) => verificationLabels[method][c.locale]),
    'disjunction',
  )
  b.p('verification', c.t('rights.verification', { methods }), ['requests.verification'], ['rights'])
  const documents = c.tx(requests.documents)
  if (documents !== undefined)
    b.p('documents', capitaliseSentence(documents), ['requests.documents'], ['rights'])
  timelines(c, b)
  if (requests.fee === 'free') b.p('fee', c.t('rights.fee'), ['requests.fee'], ['rights'])
  const consentPurposes = Object.entries(c.manifest.purposes).filter(([, purpose]) =>
    needsConsent(purpose, c.served),
  )
  if (consentPurposes.length > 0)
    b.p(
      'withdraw',
      c.t('rights.withdraw'),
      consentPurposes.map(
        ([id, purpose]) => `purposes.${id}.${purpose.consent === undefined ? 'legalBasis' : 'consent'}`,
      ),
      ['rights'],
    )
}
