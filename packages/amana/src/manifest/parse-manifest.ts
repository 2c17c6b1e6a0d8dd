import { LineCounter, parseDocument } from 'yaml'
import type { ManifestIssue, ManifestResult } from './manifest-issue.ts'
import { type Manifest, ManifestSchema } from './schema.ts'
import { buildSourceMap, type SourceMap } from './source-map.ts'
import { toManifestIssues } from './zod-issues.ts'

export interface ParsedManifest {
  readonly manifest: Manifest
  readonly sourceMap: SourceMap
}

/** Parses amana.yaml (or JSON, a YAML subset) and validates it; every problem is reported at once. */
export const parseManifest = (text: string, fileName = 'amana.yaml'): ManifestResult<ParsedManifest> => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const sourceMap = buildSourceMap(fileName, doc.contents, lineCounter)
  if (doc.errors.length > 0) {
    const issues: ManifestIssue[] = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0])
      return {
        file: fileName,
        line,
        column: col,
        path: '',
        message: error.message.split('\n')[0] ?? error.message,
        fix: 'Fix the YAML syntax at this position.',
      }
    })
    return { ok: false, issues }
  }
  const parsed = ManifestSchema.safeParse(doc.toJS(), { reportInput: true })
  if (!parsed.success)
    return { ok: false, issues: toManifestIssues(ManifestSchema, parsed.error.issues, sourceMap) }
  return { ok: true, value: { manifest: parsed.data, sourceMap } }
}
