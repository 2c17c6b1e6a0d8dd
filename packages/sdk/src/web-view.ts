// The banner's own cookie, written by a mobile app into its web view so the banner there shows the choice the
// person already made in the app (docs/mobile.md). Same format as packages/widget/src/consent-cookie.ts.

export interface WebViewChoice {
  /** Banner categories the person allowed in the app: `functional`, `analytics`, `marketing`. */
  readonly granted: readonly string[]
  /** The optional categories they refused. */
  readonly refused: readonly string[]
  /** `policyVersion` from GET /v1/consent/config (or the SDK's `bannerConfig`): a stale one makes the banner ask again. */
  readonly policyVersion: string
  /** A random id per app install, kept by the app. */
  readonly deviceId: string
  readonly updatedAt?: Date
}

/** `amana_consent=…`: the value to set for the shop's origin in the web view's cookie store. */
export const webViewConsentCookie = (choice: WebViewChoice): string => {
  const state = {
    deviceId: choice.deviceId,
    decided: true,
    granted: [...choice.granted],
    refused: [...choice.refused],
    policyVersion: choice.policyVersion,
    method: 'banner-custom',
    gpc: false,
    updatedAt: (choice.updatedAt ?? new Date()).toISOString(),
  }
  return `amana_consent=${encodeURIComponent(JSON.stringify(state))}`
}
