/**
 * A fixed-window counter per key (client address), in memory. Enough to stop one browser or script
 * from flooding the public consent endpoint; a proxy in front should limit across processes.
 */
export interface RateLimiter {
  /** Seconds to wait, or 0 when the hit is allowed. */
  hit(key: string, nowMs: number): number
}

export const createRateLimiter = (options: {
  limit: number
  windowMs: number
  maxKeys?: number
}): RateLimiter => {
  const maxKeys = options.maxKeys ?? 100_000
  let windowStart = 0
  let counts = new Map<string, number>()
  return {
    hit(key, nowMs) {
      if (nowMs - windowStart >= options.windowMs) {
        windowStart = nowMs
        counts = new Map()
      }
      const count = (counts.get(key) ?? 0) + 1
      if (counts.size < maxKeys || counts.has(key)) counts.set(key, count)
      return count > options.limit ? Math.ceil((windowStart + options.windowMs - nowMs) / 1000) : 0
    },
  }
}
