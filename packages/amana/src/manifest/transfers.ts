import { getJurisdiction, type JurisdictionId, type TransferMechanism } from '../jurisdictions/index.ts'
import type { Manifest, Text } from './schema.ts'

/**
 * One place personal data goes to or lives in outside the region of a law the shop serves: a
 * processor, or one of the shop's own systems (judged by where its data lives, `systems.*.country`).
 * A US shop's EEA customers' data in a US cloud is a transfer for the EEA, not for California.
 */
export interface TransferRoute {
  readonly kind: 'processor' | 'system'
  readonly id: string
  /** `processors.<id>` or `systems.<id>`. */
  readonly path: string
  /** The countries outside at least one served region, in the manifest's order. */
  readonly countries: readonly string[]
  /** The served jurisdictions whose people's data leaves their region this way. */
  readonly jurisdictions: readonly JurisdictionId[]
  /** The safeguard declared: the processor's `transfer`, a system's own, else its host's. */
  readonly mechanism?: TransferMechanism
  readonly details?: Text
  /** The manifest path the safeguard is declared at, when one is. */
  readonly mechanismPath?: string
}

/** The countries a law covers; a pack without a list counts the shop's home country as its region. */
const regionOf = (jurisdiction: JurisdictionId, homeCountry: string): readonly string[] => {
  const countries = getJurisdiction(jurisdiction)?.countries ?? []
  return countries.length > 0 ? countries : [homeCountry]
}

const route = (
  manifest: Manifest,
  base: Omit<TransferRoute, 'countries' | 'jurisdictions'>,
  located: readonly string[],
): TransferRoute[] => {
  const served = manifest.jurisdictions as readonly JurisdictionId[]
  const home = manifest.organisation.homeCountry
  const outside = (jurisdiction: JurisdictionId) =>
    located.filter((country) => !regionOf(jurisdiction, home).includes(country))
  const jurisdictions = served.filter((jurisdiction) => outside(jurisdiction).length > 0)
  if (jurisdictions.length === 0) return []
  // Data the shop keeps (or has kept) in its own country, with no safeguard declared, is not listed:
  // collected there directly from the person, it is not a transfer (EDPB Guidelines 05/2021). A
  // safeguard the manifest declares (a US shop's SCCs with its US cloud) is stated.
  if (base.mechanism === undefined && located.every((country) => country === home)) return []
  const countries = located.filter((country) => jurisdictions.some((j) => outside(j).includes(country)))
  return [{ ...base, countries, jurisdictions }]
}

/** Every transfer the manifest declares: processors first, then the shop's own systems. */
export const transferRoutes = (manifest: Manifest): TransferRoute[] => {
  const processors = manifest.processors ?? {}
  const fromProcessors = Object.entries(processors).flatMap(([id, processor]) =>
    route(
      manifest,
      {
        kind: 'processor',
        id,
        path: `processors.${id}`,
        ...(processor.transfer === undefined
          ? {}
          : {
              mechanism: processor.transfer.mechanism,
              ...(processor.transfer.details === undefined ? {} : { details: processor.transfer.details }),
              mechanismPath: `processors.${id}.transfer`,
            }),
      },
      processor.countries,
    ),
  )
  const fromSystems = Object.entries(manifest.systems ?? {}).flatMap(([id, system]) => {
    const host = system.hostedBy === undefined ? undefined : processors[system.hostedBy]
    // Hosted by a processor already listed for that country, on its safeguard: said once, by the host.
    if (system.transfer === undefined && host?.countries.includes(system.country)) return []
    const declared = system.transfer ?? host?.transfer
    const mechanismPath =
      system.transfer !== undefined ? `systems.${id}.transfer` : `processors.${system.hostedBy}.transfer`
    return route(
      manifest,
      {
        kind: 'system',
        id,
        path: `systems.${id}`,
        ...(declared === undefined
          ? {}
          : {
              mechanism: declared.mechanism,
              ...(declared.details === undefined ? {} : { details: declared.details }),
              mechanismPath,
            }),
      },
      [system.country],
    )
  })
  return [...fromProcessors, ...fromSystems]
}
