import type { Locale } from '../../jurisdictions/index.ts'
import { ar } from './ar.ts'
import { en, type PolicyMessageKey } from './en.ts'

export type { PolicyMessageKey } from './en.ts'

const catalogs: Record<Locale, Readonly<Record<PolicyMessageKey, string>>> = { en, ar }

export type PolicyText = (key: PolicyMessageKey, params?: Readonly<Record<string, string | number>>) => string

/** The catalogue of one language as a function: `{name}` is replaced by `params.name` (values are not re-read). */
export const policyText =
  (locale: Locale): PolicyText =>
  (key, params = {}) =>
    catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))

export const policyMessageKeys = Object.keys(en) as PolicyMessageKey[]
