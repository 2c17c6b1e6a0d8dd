import type { SectionRenderer } from './context.ts'

/**
 * The key points, at the top: whether information is sold, what it is used for, who receives it,
 * how to use your rights and whom to ask. Each point is a short pointer to a section below, from the
 * same manifest entries, so nothing here is stated that the section does not back.
 */
export const keyPoints: SectionRenderer = (c, b) => {
  const { manifest } = c
  const purposes = Object.entries(manifest.purposes)
  if (purposes.length > 0)
    b.li(
      'uses',
      c.t('key-points.uses', { purposes: c.list(purposes.map(([id]) => c.purposeTitle(id).toLowerCase())) }),
      purposes.map(([id]) => `purposes.${id}.title`),
      ['purposes'],
    )
  const sells = manifest.commitments?.sellsPersonalData
  if (sells !== undefined)
    b.li(
      'sale',
      c.t(sells ? 'key-points.sale.yes' : 'key-points.sale.no'),
      ['commitments.sellsPersonalData'],
      ['sale-opt-out'],
    )
  const processors = Object.entries(c.processors)
  if (processors.length > 0)
    b.li(
      'sharing',
      c.t('key-points.sharing', { providers: c.list(processors.map(([id]) => c.processorName(id))) }),
      processors.map(([id]) => `processors.${id}.name`),
      ['recipients'],
    )
  const requests = manifest.requests
  if (requests !== undefined)
    b.li(
      'rights',
      c.t('key-points.rights', {
        channels: c.list(requests.channels.map(c.channelText), 'disjunction'),
        section: c.t('section.rights'),
      }),
      ['requests.channels', 'jurisdictions'],
      ['rights'],
    )
  const email = c.org.privacyContact?.email ?? c.org.contacts.email
  if (email !== undefined)
    b.li(
      'contact',
      c.t('key-points.contact', { email }),
      [
        c.org.privacyContact === undefined
          ? 'organisation.contacts.email'
          : 'organisation.privacyContact.email',
      ],
      ['contact'],
    )
}
