import { declaredBases } from '../../manifest/index.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { RequestsService } from '../requests-service.ts'

/** Purposes each consent-side request stops, from the manifest. */
export const purposesFor = (service: RequestsService, type: RequestType): string[] => {
  const purposes = Object.entries(service.deps.manifest.purposes)
  const bases = declaredBases
  switch (type) {
    case 'restriction':
      return ['*']
    case 'objection':
      return purposes
        .filter(([, p]) => bases(p).includes('legitimate-interest') || p.kind === 'marketing')
        .map(([id]) => id)
    case 'opt-out-sale':
      return purposes
        .filter(
          ([, p]) =>
            p.kind === 'advertising' ||
            Object.keys(p.shares ?? {}).some(
              (pid) => service.deps.manifest.processors?.[pid]?.service === 'advertising',
            ),
        )
        .map(([id]) => id)
    case 'withdraw-consent':
      return purposes.filter(([, p]) => bases(p).includes('consent')).map(([id]) => id)
    default:
      return []
  }
}
