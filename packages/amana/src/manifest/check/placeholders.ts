import { processorName } from '../queries.ts'
import type { Manifest } from '../schema.ts'
import type { PathSegment } from '../source-map.ts'
import type { FindingCopyRef } from './finding.ts'

/** A placeholder the published policy would show as if it were real. */
export interface Placeholder {
  readonly path: PathSegment[]
  readonly copy: FindingCopyRef
}

/** Names that admit they stand for someone not yet chosen, or were made up for an example. */
const PLACEHOLDER_NAME =
  /\((?:example|placeholder|sample)\)|\bnot yet named\b|\bto be (?:named|confirmed)\b|\bTBC\b/i
/** Addresses reserved for documentation (RFC 2606 / 6761): nobody reads mail there, no page is there. */
const RESERVED_ADDRESS =
  /(?:^|[@/.])(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:example|test|invalid))(?:$|[/:?#])/i
const LOREM = /\blorem ipsum\b/i

const findIn = (value: string): 'address' | 'lorem' | undefined => {
  if (LOREM.test(value)) return 'lorem'
  if (/^(?:https?:\/\/|[^\s@]+@)/i.test(value) && RESERVED_ADDRESS.test(value)) return 'address'
  return undefined
}

/**
 * Placeholders a policy must not publish as fact: a provider named "(example)" or "not yet named",
 * links and addresses on example.com/.org/.net (or another reserved name), and lorem ipsum. Warnings:
 * a shop may publish while it is still choosing a provider, but the console must show what is missing.
 */
export const findPlaceholders = (manifest: Manifest): Placeholder[] => {
  const found: Placeholder[] = []
  for (const [id, processor] of Object.entries(manifest.processors ?? {})) {
    const name = processorName(processor)
    if (PLACEHOLDER_NAME.test(name))
      found.push({
        path: ['processors', id, 'name'],
        copy: { key: 'text.placeholder.name', params: { name, example: 'name: Acme Payments K.S.C.' } },
      })
  }
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      const kind = findIn(value)
      if (kind === 'address')
        found.push({
          path,
          copy: { key: 'text.placeholder.address', params: { value } },
        })
      else if (kind === 'lorem')
        found.push({
          path,
          copy: { key: 'text.placeholder.lorem', params: {} },
        })
      return
    }
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index])
      })
      return
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key])
  }
  walk(manifest, [])
  return found
}
