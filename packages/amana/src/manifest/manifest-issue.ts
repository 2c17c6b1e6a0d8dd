import type { SourceLocation } from './source-map.ts'

/** One problem in a manifest: where, which field, what is wrong, how to fix it. */
export interface ManifestIssue extends SourceLocation {
  /** Dotted field path, e.g. `categories.order_history.retention`. */
  readonly path: string
  readonly message: string
  readonly fix?: string
}

export type ManifestResult<T> = { ok: true; value: T } | { ok: false; issues: ManifestIssue[] }

/** `amana.yaml:42:7 categories.order_history.retention: missing. Add e.g. "retention: …"` */
export const formatIssue = (issue: ManifestIssue): string => {
  const where = `${issue.file}:${issue.line}:${issue.column}`
  const field = issue.path === '' ? '' : ` ${issue.path}:`
  const fix = issue.fix === undefined ? '' : ` ${issue.fix}`
  return `${where}${field} ${issue.message}.${fix}`
}

export const formatIssues = (issues: readonly ManifestIssue[]): string => issues.map(formatIssue).join('\n')
