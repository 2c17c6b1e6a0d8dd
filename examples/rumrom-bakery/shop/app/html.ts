/** Trusted markup: output of `html` or a constant. Everything else is escaped. */
export class Raw {
  readonly value: string
  constructor(value: string) {
    this.value = value
  }
  toString(): string {
    return this.value
  }
}

const escapeText = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const render = (value: unknown): string => {
  if (value instanceof Raw) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === undefined || value === null || value === false) return ''
  return escapeText(String(value))
}

/** HTML with every interpolated value escaped unless it is already `Raw`. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Raw =>
  new Raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''))
