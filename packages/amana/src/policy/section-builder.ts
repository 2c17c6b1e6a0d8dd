import type { DisclosureId } from '../jurisdictions/index.ts'
import type { Block, Figure, SectionId, Statement, TableRow } from './document.ts'

/** Collects one section's blocks; ids are `section.key`, so a statement's id names where it comes from. */
export class SectionBuilder {
  readonly blocks: Block[] = []
  readonly id: SectionId

  constructor(id: SectionId) {
    this.id = id
  }

  private add(
    kind: Statement['kind'],
    key: string,
    text: string,
    sourcePaths: readonly string[],
    disclosures?: readonly DisclosureId[],
    figures?: readonly Figure[],
  ): void {
    const id = `${this.id}.${key}`
    this.blocks.push({
      kind,
      id,
      text,
      sourcePaths,
      ...(disclosures === undefined ? {} : { disclosures }),
      ...(figures === undefined || figures.length === 0 ? {} : { figures }),
    })
  }

  p(
    key: string,
    text: string,
    sourcePaths: readonly string[],
    disclosures?: readonly DisclosureId[],
    figures?: readonly Figure[],
  ): void {
    this.add('paragraph', key, text, sourcePaths, disclosures, figures)
  }

  li(
    key: string,
    text: string,
    sourcePaths: readonly string[],
    disclosures?: readonly DisclosureId[],
    figures?: readonly Figure[],
  ): void {
    this.add('item', key, text, sourcePaths, disclosures, figures)
  }

  table(key: string, caption: string, headers: readonly string[], rows: readonly TableRow[]): void {
    if (rows.length > 0) this.blocks.push({ kind: 'table', id: `${this.id}.${key}`, caption, headers, rows })
  }
}
