import { escapeHtml, raw, type SafeHtml } from './html.ts'

/**
 * A finished message as HTML with each occurrence of the given values (a shop name, an address) in
 * <bdi>, so a value in the other script keeps its own order inside the sentence.
 */
export const isolating = (message: string, ...values: readonly string[]): SafeHtml => {
  let out = escapeHtml(message)
  for (const value of values.filter((v) => v.length > 0)) {
    const escaped = escapeHtml(value)
    out = out.split(escaped).join(`<bdi>${escaped}</bdi>`)
  }
  return raw(out)
}
