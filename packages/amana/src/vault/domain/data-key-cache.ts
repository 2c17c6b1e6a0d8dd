import { LRUCache } from 'lru-cache'

/**
 * Bounded LRU of unwrapped data keys with a time-to-live. Evicted, expired and shredded keys are
 * overwritten with zeros before they are dropped. Time comes in as `now` (ms).
 */
export interface DataKeyCache {
  get(subjectId: string, now: number): Buffer | undefined
  set(subjectId: string, key: Buffer, now: number): void
  /** Drops and zeroises one subject's key (after shredding). */
  delete(subjectId: string): void
  clear(): void
  readonly size: number
}

export interface DataKeyCacheOptions {
  readonly maxEntries?: number
  readonly ttlMs?: number
}

export const createDataKeyCache = ({
  maxEntries = 10_000,
  ttlMs = 60_000,
}: DataKeyCacheOptions = {}): DataKeyCache => {
  // lru-cache keeps the order in O(1); a Map re-inserted on every read leaves holes that each
  // eviction walks past. Whatever leaves the cache (evicted, deleted, replaced, cleared) is zeroised.
  const entries = new LRUCache<string, { key: Buffer; expires: number }>({
    max: maxEntries,
    dispose: (entry) => entry.key.fill(0),
  })
  return {
    get(subjectId, now) {
      const entry = entries.get(subjectId)
      if (!entry) return undefined
      if (entry.expires > now) return entry.key
      entries.delete(subjectId)
      return undefined
    },
    set(subjectId, key, now) {
      const entry = entries.get(subjectId)
      if (entry?.key === key) entry.expires = now + ttlMs
      else entries.set(subjectId, { key, expires: now + ttlMs })
    },
    delete: (subjectId) => void entries.delete(subjectId),
    clear: () => entries.clear(),
    get size() {
      return entries.size
    },
  }
}
