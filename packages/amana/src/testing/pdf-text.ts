import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

interface Glyphs {
  readonly str: string
  readonly dir: string
  readonly x: number
}

/**
 * One printed line in reading order. Chromium draws right-to-left text glyph by glyph, left to right
 * on the page; a right-to-left line is read from its right edge, each left-to-right run (numbers,
 * Latin words with the spaces between them) kept in its own order.
 */
const readLine = (items: readonly Glyphs[]): string => {
  const visual = [...items].sort((a, b) => a.x - b.x)
  const text = visual.map((i) => i.str).join('')
  const rtl = (text.match(/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/g) ?? []).length
  if (rtl <= (text.match(/[A-Za-z]/g) ?? []).length) return text
  const units: string[] = []
  for (let n = 0; n < visual.length; ) {
    const strong = (i: Glyphs | undefined) => i !== undefined && i.dir === 'ltr' && i.str.trim() !== ''
    if (!strong(visual[n])) {
      units.push(visual[n++]!.str)
      continue
    }
    let end = n
    while (strong(visual[end + 1]) || (visual[end + 1]?.str.trim() === '' && strong(visual[end + 2]))) end++
    units.push(
      visual
        .slice(n, end + 1)
        .map((i) => i.str)
        .join(''),
    )
    n = end + 1
  }
  return units.reverse().join('')
}

/**
 * The text of a PDF as a reader reads it, through PDF.js (Mozilla's maintained PDF library): line by
 * line from the top, each in reading order, Arabic presentation forms normalised to letters (NFKC).
 */
export const pdfText = async (bytes: Uint8Array): Promise<string> => {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 })
  const doc = await task.promise
  const lines: string[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent({ disableNormalization: true })
    const byLine = new Map<number, Glyphs[]>()
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue
      const y = Math.round(item.transform[5] as number)
      byLine.set(y, [
        ...(byLine.get(y) ?? []),
        { str: item.str, dir: item.dir, x: item.transform[4] as number },
      ])
    }
    for (const [, items] of [...byLine].sort((a, b) => b[0] - a[0])) lines.push(readLine(items))
  }
  await task.destroy()
  return lines.join('\n').normalize('NFKC')
}
