import type { Channel } from './consent-record.ts'
import { type ConsentState, entryKey, type StateEntry } from './consent-state.ts'
import type { PurposeRule } from './purpose-rules.ts'

export const decisionReasons = [
  'consent-given',
  'consent-refused',
  'consent-absent',
  'legal-basis-not-consent',
  'restricted',
  'child',
  'gpc',
  'opt-out-default',
] as const
export type DecisionReason = (typeof decisionReasons)[number]

export interface Decision {
  readonly allow: boolean
  readonly reason: DecisionReason
}

export interface DecisionContext {
  /** Ask about one channel (email, SMS…); without it only whole-purpose choices count. */
  readonly channel?: Channel | undefined
  /** The shop knows the subject is a child (from its own records). */
  readonly child?: boolean | undefined
  /** The request being served carries Global Privacy Control. */
  readonly gpc?: boolean | undefined
}

// Art. 18(2) GDPR and its equivalents: restricted data may still be processed for legal claims and
// obligations; everything else stops.
const survivesRestriction = new Set(['legal-obligation', 'vital-interest'])

// The state keys a rule's choices live under, per channel ('' for none), built once per rule: a
// decision then looks up strings whose hashes V8 already knows instead of concatenating new ones.
const choiceKeys = new WeakMap<PurposeRule, Map<string, readonly string[]>>()
const keysFor = (rule: PurposeRule, channel: Channel | undefined): readonly string[] => {
  let byChannel = choiceKeys.get(rule)
  if (!byChannel) {
    byChannel = new Map()
    choiceKeys.set(rule, byChannel)
  }
  let keys = byChannel.get(channel ?? '')
  if (!keys) {
    const built = [entryKey('purpose', rule.id, '*')]
    if (channel) built.push(entryKey('purpose', rule.id, channel))
    if (rule.bannerCategory) built.push(entryKey('category', rule.bannerCategory, '*'))
    keys = built
    byChannel.set(channel ?? '', keys)
  }
  return keys
}

const latestChoice = (
  state: ConsentState,
  rule: PurposeRule,
  channel: Channel | undefined,
): StateEntry | undefined => {
  let latest: StateEntry | undefined
  for (const key of keysFor(rule, channel)) {
    const entry = state.entries.get(key)
    if (entry && (!latest || entry.seq > latest.seq)) latest = entry
  }
  return latest
}

/**
 * Allow or deny one purpose for one subject, with the reason. Pure: the state comes from the ledger's
 * projection, the rule from the manifest and jurisdiction. Checks run from the strongest rule down.
 */
export const decide = (state: ConsentState, rule: PurposeRule, context: DecisionContext = {}): Decision => {
  if (
    (state.restricted.includes('*') || state.restricted.includes(rule.id)) &&
    !survivesRestriction.has(rule.basis ?? '')
  ) {
    return { allow: false, reason: 'restricted' }
  }
  if ((state.child || context.child === true) && rule.childProhibited)
    return { allow: false, reason: 'child' }
  if (rule.saleOrShare && (state.gpc || context.gpc === true)) return { allow: false, reason: 'gpc' }

  const optOut = rule.consentModel === 'opt-out' && rule.saleOrShare
  if (!optOut && !rule.consentBased) return { allow: true, reason: 'legal-basis-not-consent' }

  const choice = latestChoice(state, rule, context.channel)
  if (choice) {
    if (choice.granted) return { allow: true, reason: 'consent-given' }
    return { allow: false, reason: choice.method === 'gpc' ? 'gpc' : 'consent-refused' }
  }
  // CCPA: sale and sharing are allowed until the consumer opts out; elsewhere nothing until consent.
  return optOut ? { allow: true, reason: 'opt-out-default' } : { allow: false, reason: 'consent-absent' }
}
