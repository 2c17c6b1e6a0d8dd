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
  // Map iteration order is insertion order: the first entry is the least recently used.
  const entries = new Map<string, { key: Buffer; expires: number }>()
  const drop = (subjectId: string) => {
    const entry = entries.get(subjectId)
    if (!entry) return
    entry.key.fill(0)
    entries.delete(subjectId)
  }
  return {
    get(subjectId, now) {
      const entry = entries.get(subjectId)
      if (!entry) return undefined
      if (entry.expires <= now) {
        drop(subjectId)
        return undefined
      }
      entries.delete(subjectId)
      entries.set(subjectId, entry)
      return entry.key
    },
    set(subjectId, key, now) {
      if (entries.get(subjectId)?.key !== key) drop(subjectId)
      entries.delete(subjectId)
      entries.set(subjectId, { key, expires: now + ttlMs })
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next()
        if (oldest.done) break
        drop(oldest.value)
      }
    },
    delete: drop,
    clear() {
      for (const subjectId of [...entries.keys()]) drop(subjectId)
    },
    get size() {
      return entries.size
    },
  }
}
