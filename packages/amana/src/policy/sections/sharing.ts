import { type Manifest, purposesUsingProcessor } from '../../manifest/index.ts'
import type { TableRow } from '../document.ts'
import { capitaliseSentence, countryName } from '../format.ts'
import { securityLabels, serviceLabels } from '../labels.ts'
import type { PolicyContext, SectionRenderer } from './context.ts'

type Processor = NonNullable<Manifest['processors']>[string]

/** One provider: who, what for, which information, where, how protected, how to reach them. */
const processorRow = (c: PolicyContext, id: string, processor: Processor): TableRow => {
  const why = purposesUsingProcessor(c.manifest, id).map(c.purposeTitle)
  const protection = [
    ...(processor.security ?? []).map((measure) => securityLabels[measure][c.locale]),
    ...(processor.certifications ?? []),
  ]
  const contact = [
    processor.policyUrl,
    processor.contact?.email,
    processor.contact?.url,
    processor.contact?.phone,
  ].filter((value): value is string => value !== undefined)
  const service = c.tx(processor.description) ?? serviceLabels[processor.service][c.locale]
  return {
    id: `sharing.processor-${id}`,
    cells: [
      c.processorName(id),
      why.length > 0 ? `${service} (${c.list(why)})` : service,
      c.list(Object.keys(processor.categories).map(c.categoryLabel)),
      c.list(processor.countries.map((country) => countryName(country, c.locale))),
      protection.join(c.t('separator.list')),
      contact.join(' · '),
    ],
    sourcePaths: [`processors.${id}`],
  }
}

const processorsTable: SectionRenderer = (c, b) => {
  const ids = Object.keys(c.processors)
  const paths = ids.map((id) => `processors.${id}`)
  b.p('intro', c.t('sharing.intro'), paths, ['recipients'])
  const rows = ids.map((id) => {
    const processor = c.processors[id]
    return processor === undefined ? { id, cells: [], sourcePaths: [] } : processorRow(c, id, processor)
  })
  b.table(
    'processors',
    c.t('sharing.processors'),
    [
      c.t('sharing.processors.provider'),
      c.t('sharing.processors.service'),
      c.t('sharing.processors.information'),
      c.t('sharing.processors.where'),
      c.t('sharing.processors.protection'),
      c.t('sharing.processors.contact'),
    ],
    rows,
  )
  // Only when the table has details to use: a policy URL or a contact for at least one provider.
  const reachable = ids.filter((id) => {
    const processor = c.processors[id]
    return processor?.policyUrl !== undefined || processor?.contact !== undefined
  })
  if (reachable.length > 0)
    b.p(
      'contact-providers',
      c.t('sharing.contact-providers'),
      reachable.map(
        (id) => `processors.${id}.${c.processors[id]?.policyUrl === undefined ? 'contact' : 'policyUrl'}`,
      ),
      ['recipients'],
    )
}

/** Whether data is sold, the service providers (a table), how they are chosen, legal disclosure. */
export const sharing: SectionRenderer = (c, b) => {
  const { manifest } = c
  const sells = manifest.commitments?.sellsPersonalData
  if (sells !== undefined)
    b.p(
      'sale',
      c.t(sells ? 'sharing.sale.yes' : 'sharing.sale.no'),
      ['commitments.sellsPersonalData'],
      ['sale-opt-out'],
    )
  const count = Object.keys(c.processors).length
  if (manifest.processors !== undefined && count === 0)
    b.p('none', c.t('sharing.none'), ['processors'], ['recipients'])
  if (count > 0) processorsTable(c, b)
  const selection = c.tx(manifest.security?.processorSelection)
  if (selection !== undefined)
    b.p('selection', capitaliseSentence(selection), ['security.processorSelection'], ['recipients'])
  if (manifest.commitments?.legalDisclosure === true)
    b.p('legal', c.t('sharing.legal'), ['commitments.legalDisclosure'], ['recipients'])
}
