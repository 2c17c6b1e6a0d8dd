import type { JurisdictionId } from '../../jurisdictions/index.ts'
import { type TransferRoute, transferRoutes } from '../../manifest/index.ts'
import { countryName } from '../format.ts'
import { mechanismLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

/** "Amazon Web Services", or a system's description: who holds the data abroad. */
const routeName = (c: PolicyContext, route: TransferRoute): string => {
  if (route.kind === 'processor') {
    return c.processorName(route.id)
  }
  return c.tx(c.manifest.systems?.[route.id]?.description) ?? route.id
}

/** One transfer: where, on which safeguard, and for whom when not for everyone the policy serves. */
const routeText = (c: PolicyContext, route: TransferRoute): string => {
  const countries = c.list(route.countries.map((country) => countryName(country, c.locale)))
  const mechanism = route.mechanism === undefined ? undefined : mechanismLabels[route.mechanism][c.locale]
  const details = c.tx(route.details)
  const safeguard =
    mechanism === undefined ? '' : ` — ${mechanism}${details === undefined ? '' : ` (${details})`}`
  const forSome = route.jurisdictions.length < c.packs.length
  const whom = forSome
    ? ` ${c.t('transfers.for', {
        jurisdictions: c.list(
          c.packs
            .filter((pack) => route.jurisdictions.includes(pack.id as JurisdictionId))
            .map((p) => p.name[c.locale]),
        ),
      })}`
    : ''
  return `${routeName(c, route)}: ${countries}${safeguard}${whom}.`
}

/**
 * Where information leaves the region of a law the shop serves (manifest/transfers.ts judges it from
 * where each processor and each system keeps the data), and on which safeguard.
 */
export const transfers: SectionRenderer = (c, b) => {
  const { manifest, org } = c
  const routes = transferRoutes(manifest)
  if (routes.length === 0) {
    if (manifest.processors === undefined && manifest.systems === undefined) return
    b.p(
      'none',
      c.t('transfers.none', { home: c.home }),
      [
        'organisation.homeCountry',
        'jurisdictions',
        ...(manifest.processors === undefined ? [] : ['processors']),
        ...(manifest.systems === undefined ? [] : ['systems']),
      ],
      ['transfers'],
    )
    return
  }
  const paths = routes.map((route) => route.path)
  // "outside Kuwait" when every law served covers only the home country; else "outside the region
  // whose law protects it", since a US shop's transfers are from the EEA, not from the US.
  const homeOnly = c.packs.every(
    (pack) => pack.countries.length === 1 && pack.countries[0] === org.homeCountry,
  )
  b.p(
    'intro',
    homeOnly ? c.t('transfers.intro', { home: c.home }) : c.t('transfers.intro.regions'),
    ['organisation.homeCountry', 'jurisdictions', ...paths],
    ['transfers'],
  )
  for (const route of routes)
    b.li(
      `${route.kind}-${route.id}`,
      routeText(c, route),
      [
        route.kind === 'processor' ? `${route.path}.countries` : `${route.path}.country`,
        ...(route.mechanismPath === undefined ? [] : [route.mechanismPath]),
      ],
      ['transfers'],
    )
  if (org.contacts.email !== undefined)
    b.p(
      'documents',
      c.t('transfers.documents', { email: org.contacts.email }),
      ['organisation.contacts.email', ...paths],
      ['transfers'],
    )
}
