import { capitaliseSentence } from '../format.ts'
import { childUseLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

/** Whether the services are for children, the minimum age, verification, and what we never do. */
export const children: SectionRenderer = (c, b) => {
  const declared = c.manifest.children
  if (declared === undefined) return
  b.p(
    'directed',
    c.t(declared.directedAtChildren ? 'children.directed.yes' : 'children.directed.no'),
    ['children.directedAtChildren'],
    ['children'],
  )
  b.p(
    'age',
    c.t(declared.parentalConsent ? 'children.age.parental-consent' : 'children.age', {
      age: declared.minimumAge,
    }),
    ['children.minimumAge', 'children.parentalConsent'],
    ['children'],
  )
  const verification = c.tx(declared.ageVerification)
  if (verification !== undefined)
    b.p('verification', capitaliseSentence(verification), ['children.ageVerification'], ['children'])
  const never = declared.neverUsedFor ?? []
  if (never.length > 0) {
    const uses = c.list(
      never.map((use) => childUseLabels[use][c.locale]),
      'disjunction',
    )
    b.p('never', c.t('children.never', { uses }), ['children.neverUsedFor'], ['children'])
  }
  const parents = c.tx(declared.parentsRights)
  if (parents !== undefined)
    b.p('parents', capitaliseSentence(parents), ['children.parentsRights'], ['children'])
}
