import { formatDate } from '../format.ts'
import type { SectionRenderer } from './context.ts'

/** Who the controller is, when the policy takes effect, its languages and the laws it follows. */
export const introduction: SectionRenderer = (c, b) => {
  const { org, t } = c
  b.p(
    'scope',
    t('introduction.scope', { org: c.orgName, services: c.services }),
    [c.orgPath, 'organisation.services'],
    ['controller-identity'],
  )
  b.p('effective-date', t('introduction.effective-date', { date: formatDate(org.effectiveDate, c.locale) }), [
    'organisation.effectiveDate',
  ])
  if (org.languages.length > 1) {
    const languages = c.list(org.languages.map((language) => t(`language.${language}`)))
    b.p('languages', t('introduction.languages', { languages }), ['organisation.languages'], ['languages'])
  }
  const laws = c.list(c.packs.map((pack) => pack.law[c.locale]))
  b.p('laws', t('introduction.laws', { laws }), [
    'jurisdictions',
    ...c.packs.map((pack) => `pack:${pack.id}.law`),
  ])
}
