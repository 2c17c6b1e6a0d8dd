/**
 * Normalisation before blind indexing, so equal values written differently index the same.
 * Known kinds: email, phone, text; any other kind is indexed exactly as given.
 */
export type NormaliseOptions = {
  /** Country calling code (digits, e.g. '44') for phone numbers written in national form. */
  readonly defaultCountryCode?: string
}

export const normaliseEmail = (value: string): string => value.normalize('NFC').trim().toLowerCase()

/**
 * E.164-like digits with the country code: '+44 20 7946 0958', '0044 20…' and (with default 44)
 * '020 7946 0958' all become '442079460958'.
 */
export const normalisePhone = (value: string, options: NormaliseOptions = {}): string => {
  const trimmed = value.trim()
  const digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) return digits
  if (digits.startsWith('00')) return digits.slice(2)
  if (options.defaultCountryCode && digits.startsWith('0'))
    return options.defaultCountryCode + digits.slice(1)
  return digits
}

export const normaliseText = (value: string): string =>
  value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

export const normaliseForIndex = (kind: string, value: string, options: NormaliseOptions = {}): string => {
  switch (kind) {
    case 'email':
      return normaliseEmail(value)
    case 'phone':
      return normalisePhone(value, options)
    case 'text':
      return normaliseText(value)
    default:
      return value
  }
}
