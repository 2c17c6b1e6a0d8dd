// The IIFE entry served as /consent.js:
// <script src="/consent.js" data-amana-config="/v1/consent/config" data-lang="ar"></script>
import type { AmanaConsentConfig } from './config-types.ts'
import { getConsent, onChange, open, start } from './widget.ts'

declare global {
  interface Window {
    amanaConfig?: AmanaConsentConfig
    Amana?: { open: typeof open; getConsent: typeof getConsent; onChange: typeof onChange }
  }
}

const script = document.currentScript as HTMLScriptElement | null
const inlineJson = document.getElementById('amana-config')?.textContent
// A relative config URL is resolved against the script's own URL: the Amana server that served it.
const configUrl = new URL(script?.dataset.amanaConfig ?? '/v1/consent/config', script?.src || location.href)
  .href

window.Amana = { open, getConsent, onChange }
start({
  config: window.amanaConfig ?? (inlineJson ? (JSON.parse(inlineJson) as AmanaConsentConfig) : configUrl),
  lang: script?.dataset.lang,
})

// Any element with data-amana-open (a footer link, say) reopens the preferences.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-amana-open]')) {
    e.preventDefault()
    open()
  }
})
