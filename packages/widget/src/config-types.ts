// The JSON the server sends to the banner (GET /v1/consent/config). Browser-safe: no server imports.

export type KnownCategoryId = 'necessary' | 'functional' | 'analytics' | 'marketing'
// `string & {}` keeps editor completion for the known ids while allowing the manifest's own ones.
export type CategoryId = KnownCategoryId | (string & {})

export type ConsentSignal =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage'

export type SignalValue = 'granted' | 'denied'
export type ConsentModeSignals = Record<ConsentSignal, SignalValue>

export interface CookieDescription {
  /** Exact name, or a prefix ending in `*` (e.g. `_ga_*`). */
  name: string
  provider: string
  party: 'first' | 'third'
  /** Human-readable, already localised ("2 years", "سنتان"). */
  duration: string
  purpose: string
}

export interface ConsentCategory {
  id: CategoryId
  /** Not consent-based (strictly necessary): always on, cannot be switched off. */
  required: boolean
  title: string
  description: string
  cookies: CookieDescription[]
  /** Overrides the default category → Consent Mode signal mapping. */
  consentMode?: ConsentSignal[]
  /** Sale/sharing or targeted advertising: switched off by Global Privacy Control. Default: id === 'marketing'. */
  gpcOptOut?: boolean
}

export interface ConsentPurpose {
  id: string
  title: string
  category: CategoryId
}

export interface BannerTexts {
  title: string
  description: string
  acceptAll: string
  rejectAll: string
  customise: string
  save: string
  settings: string
  preferencesTitle: string
  alwaysOn: string
  cookies: string
  cookieName: string
  provider: string
  party: string
  firstParty: string
  thirdParty: string
  duration: string
  purpose: string
  gpcNote: string
  back: string
  close: string
  policyLink: string
}

export interface AmanaConsentConfig {
  policyVersion: string
  locale: string
  dir: 'ltr' | 'rtl'
  /** Server texts for `locale`; anything missing falls back to the widget's built-in EN/AR strings. */
  texts: Partial<BannerTexts>
  categories: ConsentCategory[]
  purposes?: ConsentPurpose[]
  /** Purpose or category ids materially changed in `policyVersion` (from `amana policy diff`). Absent: unknown, so any version change re-asks. */
  reaskPurposes?: string[]
  /** `requestSignal`: the config request itself carried `Sec-GPC: 1` (the server echoes it; the page cannot read request headers). */
  gpc: { honoured: boolean; requestSignal?: boolean }
  /** Consent Mode defaults before any choice; missing signals are denied (security_storage granted). */
  consentModeDefaults: Partial<ConsentModeSignals>
  recordEndpoint: string
  jurisdictionDefault: 'opt-in' | 'opt-out'
  policyUrl?: string
  /** Show the floating "Privacy settings" button after a choice. Default true. */
  settingsButton?: boolean
  /** Origins whose pages may show this banner (manifest `websites:`, `AMANA_ALLOWED_ORIGINS`); absent: any. */
  origins?: string[]
}

export type ConsentMethod = 'banner-accept-all' | 'banner-reject-all' | 'banner-custom' | 'gpc'

/** The body the widget POSTs to `recordEndpoint`. */
export interface ConsentRecordPayload {
  /** Random per record: lets the server drop a replayed POST. */
  recordId: string
  deviceId: string
  method: ConsentMethod
  granted: CategoryId[]
  refused: CategoryId[]
  policyVersion: string
  locale: string
  gpc: boolean
  conflict?: true
  /** Page origin and path, without query or fragment. */
  source: string
}

/** What `getConsent()` returns and `onChange` receives. */
export interface ConsentState {
  deviceId: string
  /** False until the visitor has answered the banner (a GPC-only record is not an answer). */
  decided: boolean
  granted: CategoryId[]
  refused: CategoryId[]
  policyVersion: string
  method: ConsentMethod
  gpc: boolean
  updatedAt: string
}
