import { type Banner, createBanner } from './banner.ts'
import type { AmanaConsentConfig, CategoryId, ConsentMethod, ConsentState } from './config-types.ts'
import { deleteCookiesMatching, randomId, readConsent, writeConsent } from './consent-cookie.ts'
import { pushConsentDefault, pushConsentUpdate } from './consent-mode.ts'
import {
  defaultSignals,
  effectiveGrants,
  gpcBlocked,
  gpcConflict,
  needsGpcRecord,
  optionalIds,
  shouldAsk,
  signalsFor,
} from './consent-rules.ts'
import { flushPending, recordConsent } from './record-consent.ts'
import { activateScripts, watchScripts } from './script-blocker.ts'
import { isArabic, resolveTexts } from './texts.ts'

export interface StartOptions {
  /** The config itself, or the URL to fetch it from. */
  config: AmanaConsentConfig | string
  /** Overrides the config's locale (the script tag's `data-lang`). */
  lang?: string | undefined
}

export type ConsentListener = (state: ConsentState) => void

const listeners = new Set<ConsentListener>()
let config: AmanaConsentConfig | undefined
let stored: ConsentState | null = null
let granted: CategoryId[] = []
let gpc = false
let locale = 'en'
let banner: Banner | undefined
let started = false
let openWhenReady = false

declare global {
  interface Navigator {
    globalPrivacyControl?: boolean
  }
}

const withQuery = (url: string, lang: string | undefined): string => {
  const u = new URL(url, location.href)
  if (lang && !u.searchParams.has('lang')) u.searchParams.set('lang', lang)
  return u.href
}

const endpoint = (c: AmanaConsentConfig): string => new URL(c.recordEndpoint, location.href).href

/** Cookies of every optional category not in force are removed, so a withdrawal leaves nothing behind that the browser lets us touch. */
const removeCookiesOfRefused = (c: AmanaConsentConfig) =>
  deleteCookiesMatching(
    c.categories
      .filter((k) => !k.required && !granted.includes(k.id))
      .flatMap((k) => k.cookies.map((x) => x.name)),
  )

const enforce = (c: AmanaConsentConfig, cleanCookies = true) => {
  pushConsentUpdate(signalsFor(c.categories, granted))
  if (cleanCookies) removeCookiesOfRefused(c)
  activateScripts(granted)
}

const save = (
  c: AmanaConsentConfig,
  method: ConsentMethod,
  next: CategoryId[],
  decided: boolean,
  conflict = false,
) => {
  const optional = optionalIds(c)
  const blocked = gpcBlocked(c, gpc)
  granted = next.filter((id) => optional.includes(id) && !blocked.includes(id))
  // A GPC record before any banner answer refuses only what GPC covers; the rest is still unanswered.
  const refused = decided ? optional.filter((id) => !granted.includes(id)) : blocked
  stored = {
    deviceId: stored?.deviceId ?? randomId(),
    decided,
    granted,
    refused,
    policyVersion: c.policyVersion,
    method,
    gpc,
    updatedAt: new Date().toISOString(),
  }
  writeConsent(stored)
  enforce(c)
  void recordConsent(endpoint(c), {
    recordId: randomId(),
    deviceId: stored.deviceId,
    method,
    granted,
    refused,
    policyVersion: c.policyVersion,
    locale,
    gpc,
    ...(conflict ? { conflict: true as const } : {}),
    source: location.origin + location.pathname,
  })
  const snapshot = getConsent()
  if (snapshot) for (const cb of listeners) cb(snapshot)
}

const openBanner = (layer: 'first' | 'preferences') => {
  if (config && banner) banner.open(layer, granted, !shouldAsk(config, stored))
}

/** The console is where a page's developer looks when a banner does not show. */
const warn = (message: string) => {
  // biome-ignore lint/suspicious/noConsole: the one message a page's developer needs when no banner shows
  console.error(`Amana consent banner: ${message}`)
}

const apply = (c: AmanaConsentConfig, lang: string | undefined) => {
  if (c.origins && !c.origins.includes(location.origin)) {
    warn(
      `not shown: ${location.origin} is not one of this shop's websites. Add it to "websites:" in amana.yaml (or AMANA_ALLOWED_ORIGINS) and restart Amana.`,
    )
    return
  }
  config = c
  gpc = gpc || c.gpc.requestSignal === true
  locale = lang ?? c.locale ?? (document.documentElement.lang || 'en')
  // Server texts only match the server's locale; a different `data-lang` falls back to the built-in strings.
  const texts = resolveTexts(locale, locale === c.locale ? c.texts : {})
  const dir = locale === c.locale ? c.dir : isArabic(locale) ? 'rtl' : 'ltr'
  granted = effectiveGrants(c, stored, gpc)
  enforce(c, false)
  // Blocked scripts the parser has not reached yet are caught as they arrive, and once more when parsing ends.
  watchScripts(() => granted)
  document.addEventListener('DOMContentLoaded', () => activateScripts(granted), { once: true })

  if (needsGpcRecord(c, stored, gpc)) {
    save(c, 'gpc', granted, stored?.decided ?? false, gpcConflict(c, stored, gpc))
  }

  banner = createBanner({
    texts,
    locale,
    dir,
    categories: c.categories,
    policyUrl: c.policyUrl,
    blocked: gpcBlocked(c, gpc),
    settingsButton: c.settingsButton !== false,
    onChoice: (method, next) => save(c, method, next, true),
    onSettings: () => openBanner('preferences'),
  })
  if (shouldAsk(c, stored)) openBanner('first')
  else if (openWhenReady) openBanner('preferences')
  else banner.close()
  performance.mark('amana-ready')
  // Off the critical path to a visible banner: cookie and storage access are synchronous IPC in Chromium.
  setTimeout(() => {
    removeCookiesOfRefused(c)
    void flushPending(endpoint(c))
  })
}

/**
 * Pushes the Consent Mode defaults synchronously (so this must run before any Google tag), then applies the
 * stored choice, activates granted scripts and shows the banner when a choice is needed.
 */
export const start = (options: StartOptions): void => {
  if (started) return
  started = true
  performance.mark('amana-start')
  stored = readConsent()
  gpc = navigator.globalPrivacyControl === true
  const inline = typeof options.config === 'object' ? options.config : undefined
  pushConsentDefault(defaultSignals(inline?.consentModeDefaults, gpc && (inline?.gpc.honoured ?? true)))
  if (inline) {
    // Not waiting for the body keeps the banner within 50 ms of this line on a page still being parsed.
    apply(inline, options.lang)
    return
  }
  fetch(withQuery(options.config as string, options.lang), { credentials: 'same-origin' })
    .then((r) =>
      r.ok ? (r.json() as Promise<AmanaConsentConfig>) : Promise.reject(new Error(`HTTP ${r.status}`)),
    )
    .then((c) => apply(c, options.lang))
    .catch((e: unknown) => {
      // Without a config nothing optional may run: the defaults above stay denied and nothing is activated.
      warn(
        `not shown: its configuration could not be loaded (${String(e)}). If this page's origin is not one of the shop's websites, add it to "websites:" in amana.yaml.`,
      )
    })
}

/** Opens the preferences (the persistent "Privacy settings" link does the same). */
export const open = (): void => {
  if (banner) openBanner('preferences')
  else openWhenReady = true
}

/** The choice in force: consent given under an earlier policy that changed materially no longer counts as granted. */
export const getConsent = (): ConsentState | null => {
  const s = stored ?? readConsent()
  if (!s) return null
  return config ? { ...s, granted: [...granted] } : { ...s, granted: [...s.granted], refused: [...s.refused] }
}

/** Called after every choice (banner or GPC); returns a function that unsubscribes. */
export const onChange = (cb: ConsentListener): (() => void) => {
  listeners.add(cb)
  return () => listeners.delete(cb)
}
