export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined }
export type JsonObject = { readonly [key: string]: JsonValue | undefined }

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members left
 * out. Throws RangeError for values PostgreSQL's jsonb would refuse or that JSON cannot round-trip:
 * non-finite numbers, NUL characters, lone surrogates.
 */
export const canonicalJson = (value: JsonValue | undefined): string => {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'string':
      assertStorableString(value)
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('numbers must be finite')
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v: JsonValue) => canonicalJson(v)).join(',')}]`
      const object = value as JsonObject
      const parts: string[] = []
      for (const key of Object.keys(object).sort()) {
        const member = object[key]
        if (member === undefined) continue
        assertStorableString(key)
        parts.push(`${JSON.stringify(key)}:${canonicalJson(member)}`)
      }
      return `{${parts.join(',')}}`
    }
    default:
      throw new RangeError(`${typeof value} is not JSON`)
  }
}

export const assertStorableString = (value: string): void => {
  if (value.includes('\u0000')) throw new RangeError('strings must not contain NUL')
  if (!value.isWellFormed()) throw new RangeError('strings must be well-formed Unicode')
}
