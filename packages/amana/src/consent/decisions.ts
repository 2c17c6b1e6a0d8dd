import type { JurisdictionId } from '../jurisdictions/index.ts'
import { isJurisdictionId } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { ConsentService, DecideContext } from './consent-service.ts'
import type { ConsentState } from './domain/consent-state.ts'
import { type Decision, decide } from './domain/decide.ts'
import { type PurposeRule, purposeRule } from './domain/purpose-rules.ts'
import type { StateReader } from './state-reader.ts'

/** decideCached()'s answer when the subject's state is not in memory. */
export const notCached = Symbol('not cached')

/** The manifest's purpose rules, built once per jurisdiction and purpose. */
export const purposeRules = (manifest: Manifest) => {
  // Rules of the manifest's purposes, built once per jurisdiction. An unknown purpose id is not
  // kept: callers choose the ids they send, and a map of every id ever asked for would only grow.
  const rules = new Map<JurisdictionId, Map<string, PurposeRule>>()
  const rule = (purposeId: string, jurisdiction: JurisdictionId) => {
    let byPurpose = rules.get(jurisdiction)
    if (!byPurpose) {
      byPurpose = new Map()
      rules.set(jurisdiction, byPurpose)
    }
    let found = byPurpose.get(purposeId)
    if (!found) {
      found = purposeRule(manifest, purposeId, jurisdiction)
      if (found) byPurpose.set(purposeId, found)
    }
    return found
  }
  return rule
}

/**
 * decide() over the state reader: `decide` reads the state (the database when it is not cached);
 * `decideCached` answers from memory only, or says `notCached`.
 */
export const createDecisions = (
  reader: StateReader,
  rule: (purposeId: string, jurisdiction: JurisdictionId) => PurposeRule | undefined,
  home: JurisdictionId,
): Pick<ConsentService, 'decide' | 'decideCached'> => {
  const ruleFor = (state: ConsentState, purposeId: string, context: DecideContext) =>
    rule(
      purposeId,
      context.jurisdiction ??
        (state.jurisdiction && isJurisdictionId(state.jurisdiction) ? state.jurisdiction : home),
    )
  const decideFor: ConsentService['decide'] = async (subjectHash, purposeId, context = {}) => {
    const state = await reader.read(subjectHash)
    const r = ruleFor(state, purposeId, context)
    return r ? decide(state, r, context) : undefined
  }
  // A cached state is replaced, never changed, when its subject's consent changes, so the answers
  // already given for it hold for as long as the reader keeps it. Each is kept under a small slot
  // number per rule (purpose and jurisdiction), channel and the child and GPC flags: a repeated
  // question reads one array slot instead of the state's restriction list and choice entries,
  // which for many subjects in rotation are rarely in the processor's cache.
  const answered = new WeakMap<ConsentState, (Decision | undefined)[]>()
  const slots = new Map<PurposeRule, Map<string, number>>()
  let nextSlot = 0
  const slotOf = (r: PurposeRule, context: DecideContext) => {
    let byChannel = slots.get(r)
    if (!byChannel) {
      byChannel = new Map()
      slots.set(r, byChannel)
    }
    let base = byChannel.get(context.channel ?? '')
    if (base === undefined) {
      base = nextSlot
      nextSlot += 4
      byChannel.set(context.channel ?? '', base)
    }
    return base + (context.child === true ? 1 : 0) + (context.gpc === true ? 2 : 0)
  }
  const decideCached: ConsentService['decideCached'] = (subjectHash, purposeId, context = {}) => {
    const state = reader.peek(subjectHash)
    if (!state) return notCached
    const r = ruleFor(state, purposeId, context)
    if (!r) return undefined
    const slot = slotOf(r, context)
    let known = answered.get(state)
    if (!known) {
      known = []
      answered.set(state, known)
    }
    let decision = known[slot]
    if (!decision) {
      decision = decide(state, r, context)
      known[slot] = decision
    }
    return decision
  }
  return { decide: decideFor, decideCached }
}
