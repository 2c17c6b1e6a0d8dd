import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml'

export type PathSegment = string | number

export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** Where each manifest path was written; `locate` falls back to the nearest ancestor that exists. */
export interface SourceMap {
  readonly file: string
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): SourceLocation
}

interface Spot {
  readonly key: readonly [number, number]
  readonly value: readonly [number, number]
}

const keyOf = (path: readonly PathSegment[]): string => path.join('\u001f')

/** Renders a path the way users read it: `categories.order_history.retention`, `jurisdictions[1]`. */
export const formatPath = (path: readonly PathSegment[]): string => {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z0-9_$-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

export const buildSourceMap = (file: string, root: unknown, lineCounter: LineCounter): SourceMap => {
  const spots = new Map<string, Spot>()
  const position = (offset: number): readonly [number, number] => {
    const { line, col } = lineCounter.linePos(offset)
    return [line, col]
  }
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as Node | null
        const rawKey = isScalar(keyNode) ? keyNode.value : undefined
        if (rawKey === undefined || rawKey === null) continue
        const childPath = [...path, String(rawKey)]
        const valueNode = pair.value as Node | null
        const keyStart = keyNode?.range?.[0] ?? 0
        const valueStart = valueNode?.range?.[0] ?? keyStart
        spots.set(keyOf(childPath), { key: position(keyStart), value: position(valueStart) })
        walk(valueNode, childPath)
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const start = (item as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0
        const spot = position(start)
        spots.set(keyOf([...path, index]), { key: spot, value: spot })
        walk(item, [...path, index])
      })
    }
  }
  const rootStart = (root as Node | null)?.range?.[0] ?? 0
  spots.set(keyOf([]), { key: position(rootStart), value: position(rootStart) })
  walk(root, [])

  return {
    file,
    locate(path, at = 'key') {
      for (let length = path.length; length >= 0; length--) {
        const spot = spots.get(keyOf(path.slice(0, length)))
        if (spot !== undefined) {
          const [line, column] = length === path.length ? spot[at] : spot.key
          return { file, line, column }
        }
      }
      return { file, line: 1, column: 1 }
    },
  }
}
