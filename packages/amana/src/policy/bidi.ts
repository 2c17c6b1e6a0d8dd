/**
 * Bidi isolation for right-to-left policies: a phone number, an email, a URL, a number or a Latin
 * name inside Arabic text is a left-to-right run, and without isolation the Unicode bidi algorithm
 * lets it reorder with its neighbours ("+965 99095385" shows as "99095385 +965", a tracker name's
 * underscore jumps to the other end). Each run is isolated: `<bdi dir="ltr">` in HTML, FSI…PDI in
 * text and Markdown.
 */

// Starts with a letter, digit, "+" or "_"; may hold what joins the parts of emails, phone numbers,
// URLs and names, and whole parenthesised Latin asides ("Tasdeed Payments (example)"); ends with a
// letter, digit, "/" or such an aside. Arabic letters and Arabic punctuation end it.
const joiner = String.raw`[\w+@.\-/:#&'’?=%~ ]`
const aside = String.raw`\(${joiner}*\)`
const ltrRun = new RegExp(
  String.raw`[A-Za-z0-9+_](?:${joiner}|${aside})*(?:[A-Za-z0-9/]|${aside})|[A-Za-z0-9]`,
  'g',
)

export interface BidiSegment {
  readonly text: string
  readonly ltr: boolean
}

/** The text cut into left-to-right runs and the rest, in order. */
export const bidiSegments = (text: string): BidiSegment[] => {
  const out: BidiSegment[] = []
  let last = 0
  for (const match of text.matchAll(ltrRun)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index), ltr: false })
    out.push({ text: match[0], ltr: true })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last), ltr: false })
  return out
}

export const FSI = '\u2068'
export const PDI = '\u2069'

/** The text with each left-to-right run between FSI and PDI (for Markdown and plain text). */
export const isolateText = (text: string): string =>
  bidiSegments(text)
    .map((segment) => (segment.ltr ? `${FSI}${segment.text}${PDI}` : segment.text))
    .join('')
