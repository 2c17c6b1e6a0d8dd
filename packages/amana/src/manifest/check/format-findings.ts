import type { Finding } from './finding.ts'

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((finding) => finding.severity === 'error')

/** One line per finding, then a summary: what `amana check` prints. */
export const formatFindings = (findings: readonly Finding[]): string => {
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.length - errors
  const lines = findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.path}: ${finding.message}. ${finding.fix}`,
  )
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`)
  return lines.join('\n')
}

/** What `amana check --json` prints. */
export const findingsToJson = (
  findings: readonly Finding[],
): { errors: number; warnings: number; findings: readonly Finding[] } => {
  const errors = findings.filter((finding) => finding.severity === 'error').length
  return { errors, warnings: findings.length - errors, findings }
}
