import { foreignCountries } from '../../manifest/index.ts'
import { countryName } from '../format.ts'
import { mechanismLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

/** Where information goes outside the home country, and on which safeguard. */
export const transfers: SectionRenderer = (c, b) => {
  const { manifest, org, processors, locale } = c
  const abroad = Object.entries(processors).filter(
    ([, processor]) => foreignCountries(processor, org.homeCountry).length > 0,
  )
  const systemsAbroad = Object.entries(manifest.systems ?? {}).filter(
    ([, system]) => system.country !== org.homeCountry,
  )
  if (abroad.length === 0 && systemsAbroad.length === 0) {
    if (manifest.processors === undefined && manifest.systems === undefined) return
    b.p(
      'none',
      c.t('transfers.none', { home: c.home }),
      [
        'organisation.homeCountry',
        ...(manifest.processors === undefined ? [] : ['processors']),
        ...(manifest.systems === undefined ? [] : ['systems']),
      ],
      ['transfers'],
    )
    return
  }
  const paths = [...abroad.map(([id]) => `processors.${id}`), ...systemsAbroad.map(([id]) => `systems.${id}`)]
  b.p(
    'intro',
    c.t('transfers.intro', { home: c.home }),
    ['organisation.homeCountry', ...paths],
    ['transfers'],
  )
  for (const [id, processor] of abroad) {
    const countries = c.list(
      foreignCountries(processor, org.homeCountry).map((country) => countryName(country, locale)),
    )
    const mechanism =
      processor.transfer === undefined ? undefined : mechanismLabels[processor.transfer.mechanism][locale]
    const details = c.tx(processor.transfer?.details)
    const safeguard =
      mechanism === undefined ? '' : ` — ${mechanism}${details === undefined ? '' : ` (${details})`}`
    b.li(
      `processor-${id}`,
      `${processor.name}: ${countries}${safeguard}.`,
      [`processors.${id}.countries`, `processors.${id}.transfer`],
      ['transfers'],
    )
  }
  for (const [id, system] of systemsAbroad) {
    const host = system.hostedBy === undefined ? undefined : processors[system.hostedBy]
    const name = c.tx(system.description) ?? id
    const mechanism =
      host?.transfer === undefined ? '' : ` — ${mechanismLabels[host.transfer.mechanism][locale]}`
    b.li(
      `system-${id}`,
      `${name}: ${countryName(system.country, locale)}${mechanism}.`,
      [`systems.${id}.country`],
      ['transfers'],
    )
  }
  if (org.contacts.email !== undefined)
    b.p(
      'documents',
      c.t('transfers.documents', { email: org.contacts.email }),
      ['organisation.contacts.email', ...paths],
      ['transfers'],
    )
}
