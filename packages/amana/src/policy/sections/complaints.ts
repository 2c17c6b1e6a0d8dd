import { escalationLines } from '../escalation.ts'
import { sentence } from '../format.ts'
import type { SectionRenderer } from './context.ts'

/** Alternative dispute resolution, when the manifest offers mediation or arbitration. */
const disputeResolution: SectionRenderer = (c, b) => {
  const complaints = c.manifest.complaints
  const offered = (['mediation', 'arbitration'] as const).filter((way) => complaints?.[way] === true)
  if (offered.length === 0) return
  b.p(
    'adr',
    c.t('complaints.adr', {
      adr: c.list(
        offered.map((way) => c.t(`complaints.${way}`)),
        'disjunction',
      ),
    }),
    offered.map((way) => `complaints.${way}`),
    ['complaint-authority'],
  )
}

/** How to complain to us and how fast we answer, then to each authority, consumer protection, ADR. */
export const complaints: SectionRenderer = (c, b) => {
  const complaints = c.manifest.complaints
  if (complaints === undefined) return
  b.p(
    'channels',
    c.t('complaints.channels', { channels: c.list(complaints.channels.map(c.channelText), 'disjunction') }),
    ['complaints.channels'],
    ['complaint-authority'],
  )
  const acknowledge = complaints.acknowledgeDays
  const days = c.days(complaints.responseDays)
  b.p(
    'process',
    acknowledge === undefined
      ? c.t('complaints.process', { days })
      : c.t('complaints.process.acknowledge', { acknowledge: c.days(acknowledge), days }),
    acknowledge === undefined
      ? ['complaints.responseDays']
      : ['complaints.acknowledgeDays', 'complaints.responseDays'],
    ['complaint-authority'],
  )
  for (const pack of c.packs) {
    const authority = pack.authority.value
    const site = authority.website === null ? '' : ` (${authority.website})`
    b.p(
      `${pack.id}.authority`,
      c.t('complaints.authority', { authority: `${authority.name[c.locale]}${site}` }),
      ['jurisdictions', `pack:${pack.id}.authority`],
      ['complaint-authority'],
    )
  }
  if (c.manifest.commitments?.cooperatesWithAuthorities === true)
    b.p(
      'cooperation',
      c.t('complaints.cooperation', {
        authorities: c.list(c.packs.map((pack) => pack.authority.value.name[c.locale])),
      }),
      ['commitments.cooperatesWithAuthorities', ...c.packs.map((pack) => `pack:${pack.id}.authority`)],
      ['complaint-authority'],
    )
  const consumer = c.tx(complaints.consumerProtection)
  if (consumer !== undefined)
    b.p(
      'consumer',
      c.t('complaints.consumer', { consumer: sentence(consumer) }),
      ['complaints.consumerProtection'],
      ['complaint-authority'],
    )
  disputeResolution(c, b)
  const escalation = escalationLines(c.manifest, c.locale)
  if (escalation.length > 0) {
    b.p('escalation', c.t('complaints.escalation'), ['complaints.escalation'], ['complaint-authority'])
    for (const [index, line] of escalation.entries())
      b.li(`escalation-${index}`, line.text, [line.path], ['complaint-authority'])
  }
}
