import type { Block, PolicyDocument } from './document.ts'

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

// Links are made after escaping, so a URL can never carry markup; only https URLs and emails are linked.
const linkify = (escaped: string): string =>
  escaped
    .replace(/https:\/\/[^\s<),]+[^\s<),.]/g, (url) => `<a href="${url}">${url}</a>`)
    .replace(
      /(?<![\w/.])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)/g,
      (email) => `<a href="mailto:${email}">${email}</a>`,
    )

const inline = (text: string): string => linkify(escapeHtml(text))

const renderBlocks = (blocks: readonly Block[]): string => {
  const out: string[] = []
  let list: string[] = []
  const flush = (): void => {
    if (list.length > 0) out.push(`<ul>\n${list.join('\n')}\n</ul>`)
    list = []
  }
  for (const block of blocks) {
    if (block.kind === 'table') {
      flush()
      const head = block.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')
      const rows = block.rows
        .map((row) => {
          const cells = row.cells.map((cell, index) =>
            index === 0 ? `<th scope="row">${inline(cell)}</th>` : `<td>${inline(cell)}</td>`,
          )
          return `<tr id="${escapeHtml(row.id)}">${cells.join('')}</tr>`
        })
        .join('\n')
      out.push(
        `<div class="table-scroll"><table id="${escapeHtml(block.id)}">\n<caption>${escapeHtml(block.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`,
      )
    } else if (block.kind === 'item') {
      list.push(`<li id="${escapeHtml(block.id)}">${inline(block.text)}</li>`)
    } else {
      flush()
      out.push(`<p id="${escapeHtml(block.id)}">${inline(block.text)}</p>`)
    }
  }
  flush()
  return out.join('\n')
}

/** An HTML fragment (no <html>/<body>): the page that embeds it sets `lang` and `dir` from `document`. */
export const toHtml = (document: PolicyDocument): string => {
  const sections = document.sections
    .map(
      (section) =>
        `<section id="${escapeHtml(section.id)}" aria-labelledby="${escapeHtml(section.id)}-title">\n<h2 id="${escapeHtml(section.id)}-title">${escapeHtml(section.title)}</h2>\n${renderBlocks(section.blocks)}\n</section>`,
    )
    .join('\n')
  return `<article class="privacy-policy">\n<h1>${escapeHtml(document.title)}</h1>\n${sections}\n</article>\n`
}
