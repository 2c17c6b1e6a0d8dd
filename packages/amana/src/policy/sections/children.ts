import { minimumAgeFor } from '../../manifest/index.ts'
import { capitaliseSentence, formatCount } from '../format.ts'
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
  // The ages the decision route applies (minimumAgeFor), per jurisdiction: the general one, and
  // another where the manifest sets one, stated with the jurisdiction it holds in.
  const ages = c.packs.map((pack) => ({ pack, age: minimumAgeFor(declared, pack.id) }))
  const other = ages.filter(({ age }) => age !== declared.minimumAge)
  const general = ages.filter(({ age }) => age === declared.minimumAge)
  b.p(
    'age',
    c.t(declared.parentalConsent ? 'children.age.parental-consent' : 'children.age', {
      age: formatCount(declared.minimumAge, 'age', c.locale),
    }),
    ['children.minimumAge', 'children.parentalConsent'],
    ['children'],
    general.map(({ pack, age }) => ({ kind: 'minimum-age', jurisdiction: pack.id, value: age })),
  )
  if (other.length > 0)
    b.p(
      'age-by-jurisdiction',
      c.t('children.age.by', {
        ages: c.list(
          other.map(({ pack, age }) =>
            c.t('children.age.in', {
              age: formatCount(age, 'age', c.locale, 'nominative'),
              jurisdiction: pack.name[c.locale],
            }),
          ),
        ),
      }),
      other.map(({ pack }) => `children.minimumAgeBy.${pack.id}`),
      ['children'],
      other.map(({ pack, age }) => ({ kind: 'minimum-age', jurisdiction: pack.id, value: age })),
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
