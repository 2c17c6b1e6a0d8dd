import { isolateText } from './bidi.ts'
import { policyText } from './copy/index.ts'
import type { PolicyDocument } from './document.ts'

// Escapes the characters that would start Markdown syntax inside a line or a table cell.
const escapeText = (text: string): string => text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\n/g, ' ')

export const toMarkdown = (document: PolicyDocument): string => {
  // Right-to-left: every left-to-right run between FSI and PDI, so numbers and names keep their order.
  const escapeMarkdown = (text: string): string =>
    escapeText(document.dir === 'rtl' ? isolateText(text) : text)
  const lines = [
    `# ${escapeMarkdown(document.title)}`,
    '',
    `## ${escapeMarkdown(policyText(document.locale)('contents'))}`,
    '',
  ]
  for (const [index, section] of document.sections.entries())
    lines.push(`${index + 1}. ${escapeMarkdown(section.title)}`)
  lines.push('')
  for (const section of document.sections) {
    lines.push(`## ${escapeMarkdown(section.title)}`, '')
    let inList = false
    for (const block of section.blocks) {
      if (block.kind === 'item') {
        lines.push(`- ${escapeMarkdown(block.text)}`)
        inList = true
        continue
      }
      if (inList) lines.push('')
      inList = false
      if (block.kind === 'table') {
        lines.push(
          `| ${block.headers.map(escapeMarkdown).join(' | ')} |`,
          `|${block.headers.map(() => ' --- |').join('')}`,
        )
        for (const row of block.rows) lines.push(`| ${row.cells.map(escapeMarkdown).join(' | ')} |`)
        lines.push('')
      } else {
        lines.push(escapeMarkdown(block.text), '')
      }
    }
    if (inList) lines.push('')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** The document as JSON (statements keep their sourcePaths, so clients can trace each one). */
export const toJson = (document: PolicyDocument): string => `${JSON.stringify(document, null, 2)}\n`
