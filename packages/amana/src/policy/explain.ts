import { markUnverified, sourcedAt } from '../jurisdictions/index.ts'
import type { PolicyDocument, SectionId } from './document.ts'

/**
 * The policy as statement → trace, for `amana policy explain`: each sentence, list item and table row
 * with the manifest paths and the `pack:` entries it rests on (⚠ and the pack's note where the value
 * is unverified), and the figures it states.
 */
export const explainPolicy = (document: PolicyDocument, section?: SectionId): string[] => {
  const lines: string[] = []
  for (const current of document.sections) {
    if (section !== undefined && current.id !== section) continue
    lines.push(`# ${current.id}: ${current.title}`)
    for (const block of current.blocks) {
      const entries =
        block.kind === 'table' ? block.rows.map((row) => ({ ...row, text: row.cells.join(' | ') })) : [block]
      for (const entry of entries) {
        lines.push(`${entry.id}  ${entry.text}`, `  ← ${entry.sourcePaths.map(markUnverified).join(', ')}`)
        for (const path of entry.sourcePaths) {
          const value = sourcedAt(path)
          if (value?.verified === false)
            lines.push(`  ⚠ ${path}: not verified. ${value.note ?? ''}`.trimEnd())
        }
        const figures = 'figures' in entry ? (entry.figures ?? []) : []
        for (const figure of figures)
          lines.push(
            `  = ${figure.kind} ${figure.jurisdiction}${figure.right === undefined ? '' : ` ${figure.right}`}: ${figure.value}`,
          )
      }
    }
  }
  return lines
}
