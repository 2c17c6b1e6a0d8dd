/** An incident's life: investigating → contained → closed (closing ends the retention freeze). */
export const incidentStatuses = ['investigating', 'contained', 'closed'] as const
export type IncidentStatus = (typeof incidentStatuses)[number]

export interface IncidentDraft {
  readonly discoveredAt: Date
  readonly summary: string
  readonly systems: readonly string[]
  readonly categories: readonly string[]
  readonly team: readonly string[]
  readonly experts: readonly string[]
}

export interface Problem {
  readonly field: string
  readonly message: string
}

/**
 * What is wrong with a new incident, each naming its field and the fix. `known` are the manifest's
 * systems and categories: an incident names the shop's real systems, never free text.
 */
export const checkIncident = (
  draft: IncidentDraft,
  known: { readonly systems: ReadonlySet<string>; readonly categories: ReadonlySet<string> },
  now: Date,
): Problem[] => {
  const problems: Problem[] = []
  if (Number.isNaN(draft.discoveredAt.getTime()))
    problems.push({ field: 'discoveredAt', message: 'expected a date and time such as 2026-12-01T09:30:00Z' })
  else if (draft.discoveredAt.getTime() > now.getTime())
    problems.push({
      field: 'discoveredAt',
      message: 'is in the future; give the time the incident was discovered (now or earlier)',
    })
  if (draft.summary.trim() === '')
    problems.push({ field: 'summary', message: 'say what happened in a sentence or two' })
  if (draft.systems.length === 0)
    problems.push({
      field: 'systems',
      message: `name at least one affected system (the manifest declares: ${[...known.systems].join(', ')})`,
    })
  draft.systems.forEach((s, i) => {
    if (!known.systems.has(s))
      problems.push({
        field: `systems[${i}]`,
        message: `"${s}" is not a system in the manifest (known: ${[...known.systems].join(', ')})`,
      })
  })
  draft.categories.forEach((c, i) => {
    if (!known.categories.has(c))
      problems.push({ field: `categories[${i}]`, message: `"${c}" is not a category in the manifest` })
  })
  return problems
}

/** Statuses move forward only; a closed incident stays closed (a new one is opened instead). */
export const canMove = (from: IncidentStatus, to: IncidentStatus): boolean =>
  incidentStatuses.indexOf(to) > incidentStatuses.indexOf(from)
