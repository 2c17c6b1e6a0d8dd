import type { RequestType } from '../domain/request-types.ts'

export type StepName =
  | 'preflight'
  | 'confirm-order'
  | 'collect'
  | 'package'
  | 'erase'
  | 'processors'
  | 'rectify'
  | 'restrict'
  | 'notify'
  | 'shred'

/** The steps of each request type, in order. Each is idempotent: a resumed worker may run it again. */
export const stepsFor = (type: RequestType, checkOrder: boolean): StepName[] => {
  const order: StepName[] = checkOrder ? ['confirm-order'] : []
  switch (type) {
    case 'access':
    case 'portability':
    case 'know':
      return ['preflight', ...order, 'collect', 'package', 'notify']
    case 'erasure':
      // notify before shred: the requester's address is one of the copies shredding destroys.
      return ['preflight', ...order, 'erase', 'processors', 'notify', 'shred']
    case 'rectification':
      return ['preflight', ...order, 'rectify', 'notify']
    default:
      return [...order, 'restrict', 'notify']
  }
}
