import { sentence } from '../format.ts'
import { securityLabels } from '../labels.ts'
import type { SectionRenderer } from './context.ts'

/** The security measures the manifest declares. */
export const protection: SectionRenderer = (c, b) => {
  const security = c.manifest.security
  if (security === undefined) return
  b.p('intro', c.t('protection.intro'), ['security.measures'], ['security'])
  security.measures.forEach((measure, index) => {
    b.li(
      `measure-${measure}`,
      securityLabels[measure][c.locale],
      [`security.measures[${index}]`],
      ['security'],
    )
  })
  const description = c.tx(security.description)
  if (description !== undefined)
    b.p('description', sentence(description), ['security.description'], ['security'])
}
