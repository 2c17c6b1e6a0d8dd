import type { SourceId } from '../sources.ts'
import type { Availability, RightId, Sourced } from '../vocabulary.ts'

export const sourced = <T>(
  value: T,
  source: readonly SourceId[],
  verified = true,
  note?: string,
): Sourced<T> => (note === undefined ? { value, source, verified } : { value, source, verified, note })

type Mark = 'Y' | 'N' | 'P' | '?'
const availability: Record<Mark, Availability> = { Y: 'yes', N: 'no', P: 'partial', '?': 'unclear' }

const unclearNote = 'Reference table A1 marks this right ⚠: not found, or the sources disagree.'
const doubtfulNote = 'Reference table A1 marks this right ⚠: stated by the sources, but uncertain.'

/**
 * Row of table A1 (Y/N/P/⚠ as '?'). A '?' or an explicit ⚠ (`doubtful`) makes the value unverified,
 * with a note saying so.
 */
export const rightsRow = (
  source: readonly SourceId[],
  marks: Record<RightId, Mark>,
  doubtful: readonly RightId[] = [],
): Record<RightId, Sourced<Availability>> => {
  const row = {} as Record<RightId, Sourced<Availability>>
  for (const [right, mark] of Object.entries(marks) as [RightId, Mark][]) {
    if (mark === '?') row[right] = sourced(availability[mark], source, false, unclearNote)
    else if (doubtful.includes(right)) row[right] = sourced(availability[mark], source, false, doubtfulNote)
    else row[right] = sourced(availability[mark], source)
  }
  return row
}
