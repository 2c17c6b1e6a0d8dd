/**
 * Server-side HTML with escaping by default. Interpolated values are escaped unless wrapped in
 * `raw()` or produced by another `html` template, so personal data shown on a page cannot inject markup.
 */
export interface SafeHtml {
  readonly __html: string
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => entities[c] ?? c)

export const raw = (value: string): SafeHtml => ({ __html: value })

const isSafe = (value: unknown): value is SafeHtml =>
  typeof value === 'object' && value !== null && '__html' in value

type Interpolation = string | number | SafeHtml | null | undefined | false | readonly Interpolation[]

const render = (value: Interpolation): string => {
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  if (isSafe(value)) return value.__html
  return escapeHtml(String(value))
}

export const html = (strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml => {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '')
  return raw(out)
}
