/**
 * Country calling codes → ISO country, for placing an affected person in a jurisdiction from the
 * phone number the shop holds. Longest prefix wins; unknown numbers return undefined (the shop's
 * home country is used, and the scope says so).
 */
const callingCodes: Readonly<Record<string, string>> = {
  '965': 'KW',
  '968': 'OM',
  '966': 'SA',
  '971': 'AE',
  '974': 'QA',
  '973': 'BH',
  '254': 'KE',
  '44': 'GB',
  '1': 'US',
  '49': 'DE',
  '33': 'FR',
  '39': 'IT',
  '34': 'ES',
  '31': 'NL',
  '32': 'BE',
  '43': 'AT',
  '45': 'DK',
  '46': 'SE',
  '48': 'PL',
  '351': 'PT',
  '353': 'IE',
  '358': 'FI',
  '30': 'GR',
  '420': 'CZ',
  '36': 'HU',
  '40': 'RO',
  '359': 'BG',
  '385': 'HR',
  '386': 'SI',
  '421': 'SK',
  '370': 'LT',
  '371': 'LV',
  '372': 'EE',
  '352': 'LU',
  '356': 'MT',
  '357': 'CY',
  '354': 'IS',
  '47': 'NO',
  '423': 'LI',
}

export const countryOfPhone = (phone: string | null | undefined): string | undefined => {
  if (!phone) return undefined
  const trimmed = phone.trim()
  const international = trimmed.startsWith('+') || trimmed.startsWith('00')
  if (!international) return undefined
  const digits = trimmed.replace(/[^0-9]/g, '').replace(/^00/, '')
  for (const length of [3, 2, 1]) {
    const country = callingCodes[digits.slice(0, length)]
    if (country) return country
  }
  return undefined
}

const arabicScript = /[\u0600-\u06FF\u0750-\u077F]/

/**
 * The language a notice is suggested in: Arabic when the name the person gave is written in Arabic
 * script, English when it is in Latin script; staff confirm or change it before anything is sent.
 */
export const suggestedLocale = (
  name: string | null | undefined,
  shopLanguages: readonly string[],
): 'en' | 'ar' | null => {
  if (name && arabicScript.test(name)) return shopLanguages.includes('ar') ? 'ar' : null
  if (name && /[A-Za-z]/.test(name)) return shopLanguages.includes('en') ? 'en' : null
  return null
}
