import type { DisclosureId, Locale, RightId } from '../jurisdictions/index.ts'

/**
 * A figure a statement states, with the engine value it was computed from: the clock of a request
 * (and how far it may be extended) for requesters in one jurisdiction, a breach-notice clock per
 * authority, the clock for erasure, or the minimum age for people under one jurisdiction.
 * figures.test.ts compares each with the engines.
 */
export interface Figure {
  readonly kind:
    | 'request-days'
    | 'request-extended-days'
    | 'breach-regulator-hours'
    | 'breach-individual-hours'
    | 'minimum-age'
  /** The jurisdiction pack id whose requesters (or authority) the figure is for. */
  readonly jurisdiction: string
  readonly right?: RightId
  readonly value: number
}

/**
 * One sentence or list item of the policy, with its trace: the manifest paths it derives from, and
 * `pack:<id>.<entry>` for each jurisdiction-pack entry it states (a law, a right, a clock).
 */
export interface Statement {
  readonly kind: 'paragraph' | 'item'
  readonly id: string
  readonly text: string
  readonly sourcePaths: readonly string[]
  readonly disclosures?: readonly DisclosureId[]
  readonly figures?: readonly Figure[]
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
  'key-points',
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
