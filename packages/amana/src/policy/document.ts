import type { DisclosureId, Locale } from '../jurisdictions/index.ts'

/** One sentence or list item of the policy, with the manifest paths it derives from. */
export interface Statement {
  readonly kind: 'paragraph' | 'item'
  readonly id: string
  readonly text: string
  readonly sourcePaths: readonly string[]
  readonly disclosures?: readonly DisclosureId[]
}

export interface TableRow {
  readonly id: string
  readonly cells: readonly string[]
  readonly sourcePaths: readonly string[]
}

export interface PolicyTable {
  readonly kind: 'table'
  readonly id: string
  readonly caption: string
  readonly headers: readonly string[]
  readonly rows: readonly TableRow[]
}

export type Block = Statement | PolicyTable

export const sectionIds = [
  'introduction',
  'collected',
  'uses',
  'protection',
  'sharing',
  'transfers',
  'retention',
  'rights',
  'cookies',
  'breaches',
  'children',
  'complaints',
  'changes',
  'contact',
] as const
export type SectionId = (typeof sectionIds)[number]

export interface PolicySection {
  readonly id: SectionId
  readonly title: string
  readonly blocks: readonly Block[]
}

export interface PolicyDocument {
  readonly locale: Locale
  readonly dir: 'ltr' | 'rtl'
  readonly version: string
  readonly title: string
  readonly effectiveDate: string
  readonly sections: readonly PolicySection[]
}

export interface PolicyVersion {
  readonly version: string
  readonly effectiveDate: string
  readonly manifestHash: string
  readonly document: PolicyDocument
}

/** Every statement and table row of a document, flattened (for traceability checks and search). */
export const statementsOf = (document: PolicyDocument): (Statement | TableRow)[] =>
  document.sections.flatMap((section) =>
    section.blocks.flatMap((block): (Statement | TableRow)[] =>
      block.kind === 'table' ? [...block.rows] : [block],
    ),
  )
