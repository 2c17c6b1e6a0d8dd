import { getJurisdiction } from './registry.ts'
import type { Sourced } from './vocabulary.ts'

const isSourced = (value: unknown): value is Sourced<unknown> =>
  value !== null && typeof value === 'object' && 'source' in value && 'verified' in value && 'value' in value

/**
 * The pack value a policy trace names (`pack:kw.breach.regulator`, `pack:eu-gdpr.rights.port`): the
 * `Sourced` value at that path, or the one the path lies inside; undefined for anything else.
 */
export const sourcedAt = (trace: string): Sourced<unknown> | undefined => {
  if (!trace.startsWith('pack:')) return undefined
  const [id = '', ...path] = trace.slice('pack:'.length).split('.')
  let node: unknown = getJurisdiction(id)
  for (const key of path) {
    if (isSourced(node)) return node
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return isSourced(node) ? node : undefined
}

/** The trace with ⚠ after it when the pack value it names is unverified (as docs/jurisdictions.md marks them). */
export const markUnverified = (trace: string): string =>
  sourcedAt(trace)?.verified === false ? `${trace} ⚠` : trace
