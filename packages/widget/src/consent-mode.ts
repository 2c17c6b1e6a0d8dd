import type { ConsentModeSignals } from './config-types.ts'

declare global {
  interface Window {
    dataLayer?: unknown[]
  }
}

// gtag.js only acts on `arguments` objects pushed to dataLayer, not on plain arrays.
function gtag(..._args: unknown[]): void {
  window.dataLayer = window.dataLayer ?? []
  // biome-ignore lint/complexity/noArguments: gtag.js requires the Arguments object itself
  window.dataLayer.push(arguments)
}

/** Must run before any Google tag loads; `wait_for_update` lets tags wait for the stored or fetched choice. */
export const pushConsentDefault = (signals: ConsentModeSignals): void => {
  gtag('consent', 'default', { ...signals, wait_for_update: 500 })
}

export const pushConsentUpdate = (signals: ConsentModeSignals): void => {
  gtag('consent', 'update', { ...signals })
}
