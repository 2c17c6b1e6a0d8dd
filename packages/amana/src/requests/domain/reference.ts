import { randomInt } from 'node:crypto'

// Crockford base32 without I, L, O, U: easy to read aloud and to type from a phone.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A reference such as `DSR-7K3M-9QXD`: 40 random bits, shown to the requester and staff. */
export const newReference = (): string => {
  const part = () => Array.from({ length: 4 }, () => alphabet[randomInt(0, 32)]).join('')
  return `DSR-${part()}-${part()}`
}

export const isReference = (value: string): boolean =>
  /^DSR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value)
