import type { z } from 'zod'
import { didYouMean } from './did-you-mean.ts'
import { fieldExamples } from './examples.ts'
import type { ManifestIssue } from './manifest-issue.ts'
import { formatPath, type PathSegment, type SourceMap } from './source-map.ts'

interface Def {
  readonly type: string
  readonly shape?: Record<string, z.ZodType>
  readonly innerType?: z.ZodType
  readonly valueType?: z.ZodType
  readonly keyType?: z.ZodType
  readonly element?: z.ZodType
  readonly options?: readonly z.ZodType[]
  readonly in?: z.ZodType
  readonly entries?: Record<string, string>
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def

const unwrap = (schema: z.ZodType): z.ZodType => {
  let current = schema
  for (;;) {
    const def = defOf(current)
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
    if (inner === undefined) return current
    current = inner
  }
}

/** The object schemas reachable at `path` (unions may give several). */
const schemasAt = (schema: z.ZodType, path: readonly PathSegment[]): z.ZodType[] => {
  let current = [unwrap(schema)]
  for (const segment of path) {
    const next: z.ZodType[] = []
    const visit = (candidate: z.ZodType): void => {
      const def = defOf(candidate)
      if (def.type === 'union') for (const option of def.options ?? []) visit(unwrap(option))
      else if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
        next.push(unwrap(def.shape[segment]))
      else if (def.type === 'record' && def.valueType) next.push(unwrap(def.valueType))
      else if (def.type === 'array' && def.element) next.push(unwrap(def.element))
    }
    for (const candidate of current) visit(candidate)
    current = next
  }
  return current
}

const keysOf = (schema: z.ZodType): string[] => {
  const def = defOf(schema)
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => keysOf(unwrap(option)))
  if (def.type === 'object') return Object.keys(def.shape ?? {})
  if (def.type === 'record' && def.keyType) {
    const keyDef = defOf(unwrap(def.keyType))
    return keyDef.entries ? Object.values(keyDef.entries) : []
  }
  return []
}

export const knownKeysAt = (schema: z.ZodType, path: readonly PathSegment[]): string[] => [
  ...new Set(schemasAt(schema, path).flatMap(keysOf)),
]

const describe = (input: unknown): string => {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  if (typeof input === 'object') return 'a map'
  if (typeof input === 'string') return `"${input}"`
  return String(input)
}

const quoteList = (values: readonly unknown[]): string => values.map((value) => String(value)).join(', ')

/** Turns zod issues into manifest issues with file:line:column, field path, message and fix. */
// long-function: one switch over zod's issue codes, a short case per code
export const toManifestIssues = (
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  sourceMap: SourceMap,
): ManifestIssue[] => {
  const out: ManifestIssue[] = []
  const push = (path: readonly PathSegment[], at: 'key' | 'value', message: string, fix?: string): void => {
    const location = sourceMap.locate(path, at)
    out.push(
      fix === undefined
        ? { ...location, path: formatPath(path), message }
        : { ...location, path: formatPath(path), message, fix },
    )
  }
  const visit = (issue: z.core.$ZodIssue, base: readonly PathSegment[]): void => {
    const path = [...base, ...(issue.path as PathSegment[])]
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path)
        for (const key of issue.keys) {
          const guess = didYouMean(key, known)
          push(
            [...path, key],
            'key',
            `unknown key "${key}"`,
            guess === undefined
              ? `Remove it; allowed here: ${quoteList(known)}.`
              : `Did you mean "${guess}"?`,
          )
        }
        return
      }
      case 'invalid_type': {
        if (issue.input === undefined) {
          const field = path.at(-1)
          const example = typeof field === 'string' ? fieldExamples[field] : undefined
          push(
            path,
            'key',
            'missing',
            example === undefined ? `Add it (${issue.expected}).` : `Add e.g. "${example}"`,
          )
        } else {
          push(path, 'value', `expected ${issue.expected}, got ${describe(issue.input)}`)
        }
        return
      }
      case 'invalid_value': {
        const guess =
          typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : undefined
        push(
          path,
          'value',
          `${describe(issue.input)} is not allowed; expected one of: ${quoteList(issue.values)}`,
          guess === undefined ? undefined : `Did you mean "${guess}"?`,
        )
        return
      }
      case 'invalid_union': {
        // Report the branch that got furthest: the one whose issues lie deepest, not a type mismatch at the root.
        const branches = issue.errors.filter((branch) => branch.length > 0)
        const depth = (branch: readonly z.core.$ZodIssue[]): number =>
          Math.max(...branch.map((inner) => inner.path.length + (inner.code === 'invalid_type' ? 0 : 0.5)))
        const best = branches.sort((a, b) => depth(b) - depth(a))[0]
        if (best === undefined || depth(best) === 0) {
          push(path, 'value', `${describe(issue.input)} is not valid here`)
          return
        }
        for (const inner of best) visit(inner, path)
        return
      }
      case 'invalid_key': {
        push(path, 'key', `invalid key: ${issue.issues[0]?.message ?? issue.message}`)
        return
      }
      case 'invalid_element': {
        for (const inner of issue.issues) visit(inner, [...path, issue.key as PathSegment])
        return
      }
      default:
        push(path, 'value', issue.message)
    }
  }
  for (const issue of issues) visit(issue, [])
  return out
}
