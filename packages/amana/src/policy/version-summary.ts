import type { Block, Figure, PolicyDocument, SectionId } from './document.ts'

/** A section both versions have whose sentences or table rows differ: how many were added, removed, reworded. */
export interface SectionChange {
  readonly id: SectionId
  readonly title: string
  readonly added: number
  readonly removed: number
  readonly reworded: number
}

/** A figure the policy states (a request or breach clock) whose value differs between the versions. */
export interface FigureChange {
  readonly kind: Figure['kind']
  readonly jurisdiction: string
  readonly right?: string
  readonly from: number
  readonly to: number
}

/** What changed in the published text between two versions of the policy, in the newer one's section titles. */
export interface PolicyVersionSummary {
  readonly sectionsAdded: readonly { readonly id: SectionId; readonly title: string }[]
  readonly sectionsRemoved: readonly { readonly id: SectionId; readonly title: string }[]
  readonly sectionsChanged: readonly SectionChange[]
  readonly figures: readonly FigureChange[]
}

/** Each sentence and table row of a section by its id, with its text. */
const textsOf = (blocks: readonly Block[]): Map<string, string> =>
  new Map(
    blocks.flatMap((block): [string, string][] =>
      block.kind === 'table'
        ? block.rows.map((row) => [`${block.id}/${row.id}`, row.cells.join('\u241f')])
        : [[block.id, block.text]],
    ),
  )

const sectionChange = (
  id: SectionId,
  title: string,
  before: readonly Block[],
  after: readonly Block[],
): SectionChange | undefined => {
  const [old, now] = [textsOf(before), textsOf(after)]
  let added = 0
  let reworded = 0
  for (const [key, text] of now) {
    const was = old.get(key)
    if (was === undefined) added++
    else if (was !== text) reworded++
  }
  const removed = [...old.keys()].filter((key) => !now.has(key)).length
  return added + removed + reworded === 0 ? undefined : { id, title, added, removed, reworded }
}

const figureKey = (f: Figure): string => `${f.kind}|${f.jurisdiction}|${f.right ?? ''}`

const figuresOf = (document: PolicyDocument): Map<string, Figure> => {
  const figures = new Map<string, Figure>()
  for (const section of document.sections)
    for (const block of section.blocks)
      if (block.kind !== 'table') for (const f of block.figures ?? []) figures.set(figureKey(f), f)
  return figures
}

/** The clocks whose value changed; a figure only one version states is counted with its section. */
const figureChanges = (before: PolicyDocument, after: PolicyDocument): FigureChange[] => {
  const old = figuresOf(before)
  return [...figuresOf(after).entries()].flatMap(([key, f]): FigureChange[] => {
    const was = old.get(key)
    if (was === undefined || was.value === f.value) return []
    return [
      {
        kind: f.kind,
        jurisdiction: f.jurisdiction,
        ...(f.right !== undefined ? { right: f.right } : {}),
        from: was.value,
        to: f.value,
      },
    ]
  })
}

/** Compares two published documents (one language) section by section, and the figures they state. */
export const summariseVersions = (before: PolicyDocument, after: PolicyDocument): PolicyVersionSummary => {
  const oldSections = new Map(before.sections.map((s) => [s.id, s]))
  const newIds = new Set(after.sections.map((s) => s.id))
  return {
    sectionsAdded: after.sections
      .filter((s) => !oldSections.has(s.id))
      .map(({ id, title }) => ({ id, title })),
    sectionsRemoved: before.sections.filter((s) => !newIds.has(s.id)).map(({ id, title }) => ({ id, title })),
    sectionsChanged: after.sections.flatMap((s) => {
      const old = oldSections.get(s.id)
      const change = old ? sectionChange(s.id, s.title, old.blocks, s.blocks) : undefined
      return change ? [change] : []
    }),
    figures: figureChanges(before, after),
  }
}
