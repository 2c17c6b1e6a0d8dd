import type { AmanaConsentConfig, ConsentCategory, ConsentModeSignals } from '@amana/widget/config-types'
import { getJurisdiction, type JurisdictionId } from '../../jurisdictions/index.ts'
import {
  cookieCategories,
  type Manifest,
  parseDuration,
  processorName,
  type Text,
} from '../../manifest/index.ts'
import { bannerCategoryOf, purposeRule } from './purpose-rules.ts'

type Lang = 'en' | 'ar'

export const categoryTexts: Record<string, Record<Lang, { title: string; description: string }>> = {
  necessary: {
    en: {
      title: 'Strictly necessary',
      description: 'Needed for the shop to work: your basket, sign-in and security. Always on.',
    },
    ar: {
      title: 'ضرورية للغاية',
      description: 'لازمة لعمل المتجر: سلة التسوق وتسجيل الدخول والأمان. مفعّلة دائمًا.',
    },
  },
  functional: {
    en: {
      title: 'Functional',
      description: 'Remember your choices, such as your language and delivery area.',
    },
    ar: { title: 'وظيفية', description: 'تتذكر اختياراتك، مثل لغتك ومنطقة التوصيل.' },
  },
  analytics: {
    en: {
      title: 'Statistics',
      description: 'Count visits and show us how pages are used, so we can improve them.',
    },
    ar: { title: 'إحصائية', description: 'تحصي الزيارات وتبين لنا كيفية استخدام الصفحات لنحسّنها.' },
  },
  marketing: {
    en: {
      title: 'Marketing',
      description: 'Measure our adverts and show them to you on other sites and apps.',
    },
    ar: { title: 'تسويقية', description: 'تقيس أداء إعلاناتنا وتعرضها عليك في مواقع وتطبيقات أخرى.' },
  },
}

const unitNames: Record<Lang, Record<'Y' | 'M' | 'W' | 'D' | 'H', [string, string]>> = {
  en: {
    Y: ['year', 'years'],
    M: ['month', 'months'],
    W: ['week', 'weeks'],
    D: ['day', 'days'],
    H: ['hour', 'hours'],
  },
  ar: {
    Y: ['سنة', 'سنوات'],
    M: ['شهر', 'أشهر'],
    W: ['أسبوع', 'أسابيع'],
    D: ['يوم', 'أيام'],
    H: ['ساعة', 'ساعات'],
  },
}

export const localise = (text: Text | undefined, lang: Lang): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[lang] ?? text.en ?? text.ar)

const formatDuration = (duration: string, lang: Lang): string => {
  if (duration === 'session') return lang === 'ar' ? 'الجلسة' : 'Session'
  const parts = parseDuration(duration) as unknown as Partial<Record<string, number>>
  const out: string[] = []
  const keys: [string, 'Y' | 'M' | 'W' | 'D' | 'H'][] = [
    ['years', 'Y'],
    ['months', 'M'],
    ['weeks', 'W'],
    ['days', 'D'],
    ['hours', 'H'],
  ]
  for (const [field, unit] of keys) {
    const n = parts[field]
    if (n)
      out.push(
        `${n.toLocaleString(lang === 'ar' ? 'ar-KW' : 'en-GB')} ${unitNames[lang][unit][n === 1 ? 0 : 1]}`,
      )
  }
  return out.length > 0 ? out.join(' ') : duration
}

export interface WidgetConfigInput {
  readonly manifest: Manifest
  readonly lang: Lang
  readonly policyVersion: string
  /** Purposes touched by material changes in this policy version (`diffPolicies`); undefined: unknown. */
  readonly reaskPurposes: readonly string[] | undefined
  readonly recordEndpoint: string
  readonly policyUrl: string | undefined
  /** The config request carried `Sec-GPC: 1`. */
  readonly gpcSignal: boolean
}

/** Opt-in wherever any served jurisdiction requires it: the banner cannot know the visitor's law. */
export const jurisdictionDefault = (manifest: Manifest): 'opt-in' | 'opt-out' =>
  manifest.jurisdictions.some((id) => getJurisdiction(id)?.consentModel.value !== 'opt-out')
    ? 'opt-in'
    : 'opt-out'

const signalsOf: Record<string, (keyof ConsentModeSignals)[]> = {
  necessary: ['security_storage'],
  functional: ['functionality_storage', 'personalization_storage'],
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
}

/** A tracker's provider as the banner names it: the processor's name in this language, else the id as written. */
const providerName = (manifest: Manifest, provider: string, lang: 'en' | 'ar'): string => {
  const processor = manifest.processors?.[provider]
  return processor === undefined ? provider : processorName(processor, lang)
}

/** The banner's configuration, derived from the manifest: categories, cookie table, texts, Consent Mode defaults. */
export const buildWidgetConfig = (input: WidgetConfigInput): AmanaConsentConfig => {
  const { manifest, lang } = input
  const trackers = Object.entries(manifest.cookies?.trackers ?? {})
  const present = new Set(trackers.map(([, t]) => t.category))
  present.add('strictly-necessary')
  const categories: ConsentCategory[] = cookieCategories
    .filter((c) => present.has(c))
    .map((c) => {
      const id = bannerCategoryOf[c]
      const texts = categoryTexts[id]?.[lang] ?? { title: id, description: '' }
      return {
        id,
        required: c === 'strictly-necessary',
        title: texts.title,
        description: texts.description,
        gpcOptOut: id === 'marketing',
        cookies: trackers
          .filter(([, t]) => t.category === c)
          .map(([name, t]) => ({
            name,
            provider: providerName(manifest, t.provider, lang),
            party: t.party,
            duration: formatDuration(t.duration, lang),
            purpose:
              localise(t.description, lang) ??
              localise(manifest.purposes[t.purpose]?.title, lang) ??
              t.purpose,
          })),
      }
    })
  const home = (manifest.jurisdictions[0] ?? 'kw') as JurisdictionId
  const purposes = Object.keys(manifest.purposes)
    .map((id) => purposeRule(manifest, id, home))
    .filter((r) => r?.bannerCategory !== undefined)
    .map((r) => ({
      id: r!.id,
      title: localise(manifest.purposes[r!.id]?.title, lang) ?? r!.id,
      category: r!.bannerCategory!,
    }))
  const model = jurisdictionDefault(manifest)
  const consentModeDefaults: Partial<ConsentModeSignals> = {}
  for (const category of categories) {
    const granted = category.required || (model === 'opt-out' && !(input.gpcSignal && category.gpcOptOut))
    for (const signal of signalsOf[category.id] ?? [])
      consentModeDefaults[signal] = granted ? 'granted' : 'denied'
  }
  for (const signals of Object.values(signalsOf))
    for (const s of signals) consentModeDefaults[s] ??= s === 'security_storage' ? 'granted' : 'denied'
  const shop = localise(manifest.organisation.tradingName, lang) ?? manifest.organisation.legalName
  return {
    policyVersion: input.policyVersion,
    locale: lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    texts:
      lang === 'ar' ? { title: `خيارات الخصوصية لدى ${shop}` } : { title: `Your privacy choices at ${shop}` },
    categories,
    purposes,
    ...(input.reaskPurposes ? { reaskPurposes: [...input.reaskPurposes] } : {}),
    gpc: { honoured: true, requestSignal: input.gpcSignal },
    consentModeDefaults,
    recordEndpoint: input.recordEndpoint,
    jurisdictionDefault: model,
    ...(input.policyUrl ? { policyUrl: input.policyUrl } : {}),
  }
}
