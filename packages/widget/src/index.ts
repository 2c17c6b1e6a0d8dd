// The npm ESM entry. Call `start()` before any Google tag loads; the served /consent.js does it for you.
export type {
  AmanaConsentConfig,
  BannerTexts,
  CategoryId,
  ConsentCategory,
  ConsentMethod,
  ConsentModeSignals,
  ConsentRecordPayload,
  ConsentSignal,
  ConsentState,
  CookieDescription,
} from './config-types.ts'
export { type ConsentListener, getConsent, onChange, open, type StartOptions, start } from './widget.ts'
