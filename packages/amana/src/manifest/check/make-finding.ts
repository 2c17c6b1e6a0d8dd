import type { SourceLocation } from '../source-map.ts'
import { findingText } from './copy/index.ts'
import type { Finding, FindingCopyRef, RuleId, Severity } from './finding.ts'

/** A finding from its catalogue entry: the CLI's English is the catalogue's, so both say the same. */
export const makeFinding = (
  location: SourceLocation,
  rule: RuleId,
  severity: Severity,
  path: string,
  copy: FindingCopyRef,
): Finding => ({ ...location, rule, severity, path, ...findingText('en', copy), copy })
