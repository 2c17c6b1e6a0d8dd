/**
 * A consent record's `source` and `notice` say where a choice was made and under which notice. The
 * ledger is append-only, so whatever lands there cannot be erased later: a page URL is kept as
 * origin and path only (no query, fragment or credentials, which carry emails, phones and tokens),
 * and anything that is not a URL must be a short label such as `api`, `mail` or `banner:ar`.
 */
export const MAX_ORIGIN_LENGTH = 256
const MAX_LABEL_LENGTH = 64

export type CleanedOrigin = { ok: true; value: string } | { ok: false; problem: string }

const label = /^[A-Za-z][A-Za-z0-9._:/-]*$/
const phoneLike = /\d{8,}/

/** A path segment that could be an email address or a phone number is replaced by `*`. */
const cleanSegment = (segment: string): string => {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // A malformed escape is kept as sent; it is checked as it is.
  }
  return decoded.includes('@') || phoneLike.test(decoded.replace(/[\s().+-]/g, '')) ? '*' : segment
}

const urlOrigin = (value: string): string | undefined => {
  if (!/^https?:\/\//i.test(value)) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  const path = url.pathname.split('/').map(cleanSegment).join('/')
  return `${url.origin}${path}`.slice(0, MAX_ORIGIN_LENGTH)
}

/** An http(s) URL reduced to origin + path, or a label; anything else is refused with the reason. */
export const cleanRecordOrigin = (value: string): CleanedOrigin => {
  const trimmed = value.trim()
  const fromUrl = urlOrigin(trimmed)
  if (fromUrl !== undefined) return { ok: true, value: fromUrl }
  if (trimmed.length === 0 || trimmed.length > MAX_LABEL_LENGTH || !label.test(trimmed))
    return {
      ok: false,
      problem: `expected an http(s) page URL (kept as origin and path) or a label of at most ${MAX_LABEL_LENGTH} letters, digits and . _ : / - starting with a letter, e.g. "api" or "app:checkout"`,
    }
  if (phoneLike.test(trimmed))
    return {
      ok: false,
      problem:
        'a run of 8 or more digits looks like a phone number or an account id, which the append-only ledger could never erase; send a label without it, e.g. "app:checkout"',
    }
  return { ok: true, value: trimmed }
}
