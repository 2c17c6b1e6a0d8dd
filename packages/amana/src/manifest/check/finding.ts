import type { SourceLocation } from '../source-map.ts'
import type { FindingCopyKey } from './copy/index.ts'

export const ruleIds = [
  'retention.missing',
  'retention.event-unsent',
  'retention.event-unknown',
  'retention.crypto-shred-not-token',
  'own-records.shorter-than-law',
  'consent.not-toggleable',
  'consent.basis-mismatch',
  'cookies.consent-required',
  'cookies.opt-out-missing',
  'processor.undeclared-category',
  'transfer.no-mechanism',
  'transfer.mechanism-not-recognised',
  'children.targeted-ads',
  'children.age-below-law',
  'rights.promise-redundant',
  'ccpa.source-undeclared',
  'ccpa.sold-categories-undeclared',
  'disclosure.missing',
  'sensitive.basis-not-allowed',
  'sensitive.permit-missing',
  'legal-basis.missing',
  'breach.window-too-long',
  'system.no-connection',
  'reference.undeclared-category',
  'reference.undeclared-system',
  'reference.undeclared-table',
  'reference.undeclared-field',
  'reference.undeclared-processor',
  'reference.undeclared-purpose',
  'reference.undeclared-subject',
  'reference.across-systems',
  'table.key-repeated',
  'category.unused',
  'text.untranslated',
  'text.placeholder',
] as const
export type RuleId = (typeof ruleIds)[number]

export type Severity = 'error' | 'warning'

export interface Finding extends SourceLocation {
  readonly rule: RuleId
  readonly severity: Severity
  /** Dotted field path, e.g. `categories.order_history.retention`. */
  readonly path: string
  readonly message: string
  readonly fix: string
  /** Its catalogue entry and parameters (copy/en.ts, copy/ar.ts): `message` and `fix` are its English. */
  readonly copy: FindingCopyRef
}

/** A parameter in the reader's words where it is prose (a law's name, a reason), else one value for both. */
export type FindingParam = string | { readonly en: string; readonly ar: string }

export interface FindingCopyRef {
  readonly key: FindingCopyKey
  readonly params: Readonly<Record<string, FindingParam>>
}
