// Pure rules: no DOM, no clock. Everything the banner decides is decided here.
import type {
  AmanaConsentConfig,
  CategoryId,
  ConsentCategory,
  ConsentModeSignals,
  ConsentSignal,
  ConsentState,
} from './config-types.ts'

export const SIGNALS: readonly ConsentSignal[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
]

const DEFAULT_SIGNALS: Record<string, ConsentSignal[]> = {
  necessary: ['security_storage'],
  functional: ['functionality_storage', 'personalization_storage'],
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
}

const AD_SIGNALS: readonly ConsentSignal[] = ['ad_storage', 'ad_user_data', 'ad_personalization']

export const signalsOf = (category: ConsentCategory): ConsentSignal[] =>
  category.consentMode ?? DEFAULT_SIGNALS[category.id] ?? []

export const isGpcOptOut = (category: ConsentCategory): boolean =>
  !category.required && (category.gpcOptOut ?? category.id === 'marketing')

/** Before the config is known: everything denied except security storage. */
export const baselineSignals = (): ConsentModeSignals => {
  const signals = {} as ConsentModeSignals
  for (const s of SIGNALS) signals[s] = s === 'security_storage' ? 'granted' : 'denied'
  return signals
}

/** Consent Mode defaults: the config's defaults over the baseline; GPC forces the ad signals off. */
export const defaultSignals = (
  defaults: Partial<ConsentModeSignals> | undefined,
  gpc: boolean,
): ConsentModeSignals => {
  const signals = { ...baselineSignals(), ...defaults }
  if (gpc) for (const s of AD_SIGNALS) signals[s] = 'denied'
  return signals
}

/** A signal is granted when every category that maps to it is granted (required categories count as granted). */
export const signalsFor = (
  categories: ConsentCategory[],
  granted: readonly CategoryId[],
): ConsentModeSignals => {
  const signals = baselineSignals()
  const seen = new Set<ConsentSignal>()
  for (const c of categories) {
    const on = c.required || granted.includes(c.id)
    for (const s of signalsOf(c)) {
      signals[s] = on && (!seen.has(s) || signals[s] === 'granted') ? 'granted' : 'denied'
      seen.add(s)
    }
  }
  return signals
}

export const optionalIds = (config: AmanaConsentConfig): CategoryId[] =>
  config.categories.filter((c) => !c.required).map((c) => c.id)

/** Categories a GPC signal switches off (when the config honours GPC). */
export const gpcBlocked = (config: AmanaConsentConfig, gpc: boolean): CategoryId[] =>
  gpc && config.gpc.honoured ? config.categories.filter(isGpcOptOut).map((c) => c.id) : []

/** Categories whose purposes changed materially in this policy version. `undefined`: unknown, so all. */
export const changedCategories = (config: AmanaConsentConfig): CategoryId[] | undefined => {
  if (!config.reaskPurposes) return undefined
  const out = new Set<CategoryId>()
  for (const id of config.reaskPurposes) {
    const purpose = config.purposes?.find((p) => p.id === id)
    out.add(purpose ? purpose.category : id)
  }
  return [...out]
}

/** Granted categories whose consent no longer covers the current policy (GDPR Art. 7: consent is to specific terms). */
export const staleGrants = (config: AmanaConsentConfig, stored: ConsentState): CategoryId[] => {
  if (stored.policyVersion === config.policyVersion) return []
  const changed = changedCategories(config)
  return stored.granted.filter((id) => !changed || changed.includes(id))
}

export const shouldAsk = (config: AmanaConsentConfig, stored: ConsentState | null): boolean =>
  !stored?.decided || staleGrants(config, stored).length > 0

/** What is in force now: the stored choice minus stale and GPC-blocked grants; without a choice, the jurisdiction's default. */
export const effectiveGrants = (
  config: AmanaConsentConfig,
  stored: ConsentState | null,
  gpc: boolean,
): CategoryId[] => {
  const blocked = gpcBlocked(config, gpc)
  const optional = optionalIds(config)
  let granted: CategoryId[]
  if (stored?.decided) {
    const stale = staleGrants(config, stored)
    granted = stored.granted.filter((id) => !stale.includes(id))
  } else {
    // CCPA-style opt-out regimes allow processing until the visitor objects; opt-in regimes do not.
    granted = config.jurisdictionDefault === 'opt-out' ? optional : []
  }
  return granted.filter((id) => optional.includes(id) && !blocked.includes(id))
}

/** GPC overrides an earlier opt-in to a GPC-covered category: that is a conflict worth recording. */
export const gpcConflict = (
  config: AmanaConsentConfig,
  stored: ConsentState | null,
  gpc: boolean,
): boolean => {
  const blocked = gpcBlocked(config, gpc)
  return !!stored && stored.granted.some((id) => blocked.includes(id))
}

/** Whether a GPC opt-out must be recorded on this page view (once per device, and again on a conflict). */
export const needsGpcRecord = (
  config: AmanaConsentConfig,
  stored: ConsentState | null,
  gpc: boolean,
): boolean => gpcBlocked(config, gpc).length > 0 && (!stored?.gpc || gpcConflict(config, stored, gpc))
