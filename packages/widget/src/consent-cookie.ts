import type { ConsentState } from './config-types.ts'

export const CONSENT_COOKIE = 'amana_consent'
// 180 days: within the 6–13 months regulators (CNIL, ICO) accept before asking again.
const MAX_AGE = 180 * 24 * 3600

export const randomId = (): string => {
  // crypto.randomUUID needs a secure context; getRandomValues does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export const readCookie = (name: string): string | undefined => {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export const cookieNames = (): string[] =>
  document.cookie
    .split(';')
    .map((p) => p.split('=')[0]?.trim() ?? '')
    .filter(Boolean)

const isState = (v: unknown): v is ConsentState => {
  const s = v as ConsentState
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.deviceId === 'string' &&
    Array.isArray(s.granted) &&
    Array.isArray(s.refused) &&
    typeof s.policyVersion === 'string'
  )
}

export const readConsent = (): ConsentState | null => {
  const raw = readCookie(CONSENT_COOKIE)
  if (!raw) return null
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw))
    return isState(parsed) ? parsed : null
  } catch {
    return null
  }
}

export const writeConsent = (state: ConsentState): void => {
  const secure = location.protocol === 'https:' ? ';Secure' : ''
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and is async; the choice must be readable synchronously on the next page
  document.cookie = `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify(state))};Path=/;Max-Age=${MAX_AGE};SameSite=Lax${secure}`
}

/** Expire a cookie on this host and every parent domain; the browser ignores the ones it cannot touch (HttpOnly, other paths). */
export const deleteCookie = (name: string): void => {
  const labels = location.hostname.split('.')
  const domains = ['']
  // Stop before the bare TLD; browsers refuse public suffixes anyway.
  for (let i = 0; i < labels.length - 1; i++) domains.push(`;Domain=${labels.slice(i).join('.')}`)
  const paths = ['/', location.pathname]
  for (const domain of domains) {
    for (const path of paths) {
      // biome-ignore lint/suspicious/noDocumentCookie: see writeConsent
      document.cookie = `${name}=;Expires=Thu, 01 Jan 1970 00:00:00 GMT;Max-Age=0;Path=${path}${domain}`
    }
  }
}

/** Names from the cookie table may end in `*` to match a prefix (`_ga_*`). */
export const deleteCookiesMatching = (patterns: readonly string[]): void => {
  const present = cookieNames()
  for (const pattern of patterns) {
    const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined
    for (const name of present)
      if (prefix !== undefined ? name.startsWith(prefix) : name === pattern) deleteCookie(name)
  }
}
