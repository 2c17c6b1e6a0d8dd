const distance = (a: string, b: string): number => {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The closest candidate by edit distance (case-insensitive), if it is close enough to be a typo. */
export const didYouMean = (input: string, candidates: readonly string[]): string | undefined => {
  const needle = input.toLowerCase()
  let best: { candidate: string; score: number } | undefined
  for (const candidate of candidates) {
    const score = distance(needle, candidate.toLowerCase())
    if (best === undefined || score < best.score) best = { candidate, score }
  }
  if (best === undefined) return undefined
  const allowed = input.length <= 4 ? 1 : Math.max(2, Math.floor(input.length / 3))
  return best.score <= allowed ? best.candidate : undefined
}
