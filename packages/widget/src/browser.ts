// The IIFE entry served as /consent.js, with the shop's configuration embedded by the server:
// <script src="https://privacy.example.com/consent.js?lang=ar"></script>
import type { AmanaConsentConfig } from './config-types.ts'
import { getConsent, onChange, open, start } from './widget.ts'

declare global {
  interface Window {
    amanaConfig?: AmanaConsentConfig
    Amana?: { open: typeof open; getConsent: typeof getConsent; onChange: typeof onChange }
  }
}

// The server replaces this string with the configuration as a JSON string (EMBEDDED_CONFIG_MARKER in
// build-widget.ts), so the banner draws without a second request; unreplaced, the config is fetched.
const EMBEDDED: string = '__AMANA_EMBEDDED_CONFIG__'

const script = document.currentScript as HTMLScriptElement | null
const inlineJson = document.getElementById('amana-config')?.textContent
const lang = script?.dataset.lang
const embedded = EMBEDDED.charAt(0) === '{' ? (JSON.parse(EMBEDDED) as AmanaConsentConfig) : undefined
// A relative config URL is resolved against the script's own URL: the Amana server that served it.
const configUrl = new URL(script?.dataset.amanaConfig ?? '/v1/consent/config', script?.src || location.href)
  .href

window.Amana = { open, getConsent, onChange }
// An explicit data-amana-config, or a data-lang other than the embedded one, asks the server instead.
const useEmbedded = embedded && !script?.dataset.amanaConfig && (!lang || lang === embedded.locale)
start({
  config:
    window.amanaConfig ??
    (inlineJson ? (JSON.parse(inlineJson) as AmanaConsentConfig) : useEmbedded ? embedded : configUrl),
  lang,
})

// Any element with data-amana-open (a footer link, say) reopens the preferences.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-amana-open]')) {
    e.preventDefault()
    open()
  }
})
