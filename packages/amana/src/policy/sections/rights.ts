import { effectiveDeadline } from '../../jurisdictions/index.ts'
import { needsConsent } from '../../manifest/index.ts'
import { capitaliseSentence, formatCount } from '../format.ts'
import { rightLabels, verificationLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

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
      ['jurisdictions'],
      ['rights'],
    )
    for (const [right, value] of available) {
      const label = rightLabels[right as keyof typeof rightLabels][c.locale]
      const text = value.value === 'partial' ? c.t('rights.partial', { right: label }) : label
      b.li(`${pack.id}.${right}`, text, ['jurisdictions'], ['rights'])
    }
  }
}

/** How long a request takes: our deadline, then each law's permitted extension. */
const timelines: SectionRenderer = (c, b) => {
  const deadline = effectiveDeadline(c.packs, c.manifest.commitments?.requestDeadlineDays)
  if (deadline.days !== null)
    b.p(
      'timeline',
      c.t('rights.timeline', { days: c.days(deadline.days) }),
      [deadline.from.kind === 'commitment' ? 'commitments.requestDeadlineDays' : 'jurisdictions'],
      ['rights'],
    )
  for (const pack of c.packs) {
    const extension = pack.requestDeadline.value.extension
    if (extension === null) continue
    const length =
      extension.unit === 'months'
        ? formatCount(extension.amount, 'month', c.locale)
        : c.days(extension.amount)
    b.p(
      `${pack.id}.extension`,
      c.t('rights.extension', { law: pack.law[c.locale], length }),
      ['jurisdictions'],
      ['rights'],
    )
  }
}

/** The rights, then how to use them: channels, verification, documents, timelines, fee, withdrawal. */
export const rights: SectionRenderer = (c, b) => {
  rightsByLaw(c, b)
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
      consentPurposes.map(([id]) => `purposes.${id}.consent`),
      ['rights'],
    )
}
