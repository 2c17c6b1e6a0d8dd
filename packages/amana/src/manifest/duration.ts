export interface DurationParts {
  readonly years: number
  readonly months: number
  readonly weeks: number
  readonly days: number
  readonly hours: number
  readonly minutes: number
  readonly seconds: number
}

const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

/** Parses an ISO-8601 duration (the manifest schema has already validated its shape). */
export const parseDuration = (iso: string): DurationParts => {
  const match = pattern.exec(iso)
  const part = (index: number): number => Number(match?.[index] ?? 0)
  return {
    years: part(1),
    months: part(2),
    weeks: part(3),
    days: part(4),
    hours: part(5),
    minutes: part(6),
    seconds: part(7),
  }
}

/** Approximate length in days, for comparing durations (a year = 365.25 days, a month = 30.44). */
export const durationDays = (iso: string): number => {
  const d = parseDuration(iso)
  return (
    d.years * 365.25 +
    d.months * 30.44 +
    d.weeks * 7 +
    d.days +
    d.hours / 24 +
    d.minutes / 1440 +
    d.seconds / 86400
  )
}
