import type { ContactChannel } from '../../manifest/index.ts'
import { capitalise, countryName } from '../format.ts'
import { channelLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

/** The privacy contact (a DPO or a named contact), when the manifest declares one. */
const privacyContact: SectionRenderer = (c, b) => {
  const privacy = c.org.privacyContact
  if (privacy === undefined) return
  const role = c.t(privacy.role === 'dpo' ? 'contact.role.dpo' : 'contact.role.privacy-contact')
  const who = privacy.name === undefined ? '' : ` (${privacy.name})`
  const phone = privacy.phone === undefined ? '' : `, ${privacy.phone}`
  b.li(
    'privacy-contact',
    `${role}${who}: ${privacy.email}${phone}`,
    ['organisation.privacyContact'],
    ['privacy-contact'],
  )
}

/**
 * Groups we process for another organisation (`subjects.*.role: processor`): that organisation,
 * not us, is responsible for their information and answers their requests.
 */
const processorRoles: SectionRenderer = (c, b) => {
  for (const [id, subject] of Object.entries(c.manifest.subjects)) {
    if (subject.role !== 'processor' || subject.controller === undefined) continue
    const contact = c.tx(subject.controller.contact)
    b.p(
      `processor-for-${id}`,
      c.t(contact === undefined ? 'contact.processor-for' : 'contact.processor-for.contact', {
        subjects: c.tx(subject.description) ?? id,
        controller: c.tx(subject.controller.name) ?? '',
        ...(contact === undefined ? {} : { contact }),
      }),
      [`subjects.${id}.role`, `subjects.${id}.controller`],
      ['controller-identity'],
    )
  }
}

/** Art. 27 representatives, and registrations with an authority (Kenya's ODPC). */
const representatives: SectionRenderer = (c, b) => {
  c.org.representatives?.forEach((representative, index) => {
    const pack = c.packs.find((p) => p.id === representative.for)
    if (pack === undefined) return
    const email = representative.email === undefined ? '' : `, ${representative.email}`
    b.li(
      `representative-${representative.for}`,
      c.t('contact.representative', {
        jurisdiction: pack.name[c.locale],
        details: `${c.tx(representative.name) ?? ''}, ${c.tx(representative.address) ?? ''}${email}`,
      }),
      [`organisation.representatives[${index}]`, 'jurisdictions'],
      ['controller-identity'],
    )
  })
  c.org.registrations?.forEach((registration, index) => {
    const pack = c.packs.find((p) => p.id === registration.jurisdiction)
    if (pack === undefined) return
    b.li(
      `registration-${registration.jurisdiction}`,
      c.t(`contact.registration.${registration.role ?? 'controller'}`, {
        authority: pack.authority.value.name[c.locale],
        number: registration.number,
      }),
      [`organisation.registrations[${index}]`, `pack:${pack.id}.authority`],
      ['controller-identity'],
    )
  })
}

/** The controller, then every way to reach it: channels, privacy contact, addresses. */
export const contact: SectionRenderer = (c, b) => {
  const { org } = c
  // The name the reader knows (the trading name in this language) leads; the legal name follows it.
  const named = c.orgName !== org.legalName
  b.p(
    'controller',
    named
      ? c.t('contact.controller.trading', { name: c.orgName, legalName: org.legalName })
      : c.t('contact.controller', { legalName: org.legalName }),
    named ? ['organisation.tradingName', 'organisation.legalName'] : ['organisation.legalName'],
    ['controller-identity'],
  )
  processorRoles(c, b)
  b.p('intro', c.t('contact.intro'), ['organisation.contacts'], ['contact'])
  const contacts = org.contacts
  const entries: [ContactChannel, string | undefined][] = [
    ['email', contacts.email],
    ['phone', contacts.phone],
    ['whatsapp', contacts.whatsapp],
    ['postal', c.tx(contacts.postal)],
    ['form', contacts.form],
  ]
  for (const [channel, value] of entries) {
    if (value === undefined) continue
    const label = capitalise(channelLabels[channel][c.locale])
    b.li(channel, `${label}: ${value}`, [`organisation.contacts.${channel}`], ['contact'])
  }
  privacyContact(c, b)
  representatives(c, b)
  org.addresses?.forEach((address, index) => {
    const label = c.tx(address.label) ?? c.t('contact.address')
    b.li(
      `address-${index}`,
      `${label}: ${c.tx(address.lines)}, ${countryName(address.country, c.locale)}`,
      [`organisation.addresses[${index}]`],
      ['contact'],
    )
  })
}
