import type { DisclosureId } from '../jurisdictions/index.ts'
import type { Block, SectionId, Statement, TableRow } from './document.ts'

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
  ): void {
    const id = `${this.id}.${key}`
    this.blocks.push(
      disclosures === undefined
        ? { kind, id, text, sourcePaths }
        : { kind, id, text, sourcePaths, disclosures },
    )
  }

  p(key: string, text: string, sourcePaths: readonly string[], disclosures?: readonly DisclosureId[]): void {
    this.add('paragraph', key, text, sourcePaths, disclosures)
  }

  li(key: string, text: string, sourcePaths: readonly string[], disclosures?: readonly DisclosureId[]): void {
    this.add('item', key, text, sourcePaths, disclosures)
  }

  table(key: string, caption: string, headers: readonly string[], rows: readonly TableRow[]): void {
    if (rows.length > 0) this.blocks.push({ kind: 'table', id: `${this.id}.${key}`, caption, headers, rows })
  }
}
