import { bidiSegments } from './bidi.ts'
import { policyText } from './copy/index.ts'
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

// In a right-to-left document each left-to-right run (number, email, phone, URL, Latin name) is a <bdi>.
const inline = (text: string, rtl: boolean): string =>
  rtl
    ? bidiSegments(text)
        .map((segment) =>
          segment.ltr
            ? `<bdi dir="ltr">${linkify(escapeHtml(segment.text))}</bdi>`
            : linkify(escapeHtml(segment.text)),
        )
        .join('')
    : linkify(escapeHtml(text))

// Text that is never linked (headings, captions), isolated the same way.
const plain = (text: string, rtl: boolean): string =>
  rtl
    ? bidiSegments(text)
        .map((segment) =>
          segment.ltr ? `<bdi dir="ltr">${escapeHtml(segment.text)}</bdi>` : escapeHtml(segment.text),
        )
        .join('')
    : escapeHtml(text)

const renderBlocks = (blocks: readonly Block[], rtl: boolean): string => {
  const out: string[] = []
  let list: string[] = []
  const flush = (): void => {
    if (list.length > 0) out.push(`<ul>\n${list.join('\n')}\n</ul>`)
    list = []
  }
  for (const block of blocks) {
    if (block.kind === 'table') {
      flush()
      const head = block.headers.map((header) => `<th scope="col">${plain(header, rtl)}</th>`).join('')
      const rows = block.rows
        .map((row) => {
          const cells = row.cells.map((cell, index) =>
            index === 0 ? `<th scope="row">${inline(cell, rtl)}</th>` : `<td>${inline(cell, rtl)}</td>`,
          )
          return `<tr id="${escapeHtml(row.id)}">${cells.join('')}</tr>`
        })
        .join('\n')
      out.push(
        `<div class="table-scroll"><table id="${escapeHtml(block.id)}">\n<caption>${plain(block.caption, rtl)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`,
      )
    } else if (block.kind === 'item') {
      list.push(`<li id="${escapeHtml(block.id)}">${inline(block.text, rtl)}</li>`)
    } else {
      flush()
      out.push(`<p id="${escapeHtml(block.id)}">${inline(block.text, rtl)}</p>`)
    }
  }
  flush()
  return out.join('\n')
}

/** An HTML fragment (no <html>/<body>): the page that embeds it sets `lang` and `dir` from `document`. */
export const toHtml = (document: PolicyDocument): string => {
  const rtl = document.dir === 'rtl'
  const sections = document.sections
    .map(
      (section) =>
        `<section id="${escapeHtml(section.id)}" aria-labelledby="${escapeHtml(section.id)}-title">\n<h2 id="${escapeHtml(section.id)}-title">${plain(section.title, rtl)}</h2>\n${renderBlocks(section.blocks, rtl)}\n</section>`,
    )
    .join('\n')
  const contents = document.sections
    .map((section) => `<li><a href="#${escapeHtml(section.id)}">${plain(section.title, rtl)}</a></li>`)
    .join('\n')
  const toc = `<nav class="policy-contents" aria-labelledby="contents-title">\n<h2 id="contents-title">${escapeHtml(policyText(document.locale)('contents'))}</h2>\n<ol>\n${contents}\n</ol>\n</nav>`
  return `<article class="privacy-policy">\n<h1>${plain(document.title, rtl)}</h1>\n${toc}\n${sections}\n</article>\n`
}
