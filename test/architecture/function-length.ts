/**
 * STYLE.md "rooms not halls", measured: every function in the packages' sources longer than
 * MAX_LINES lines must say why in a `long-function: <reason>` comment on its declaration (or the
 * statement it is part of). Lines are counted from the function's first line to its last.
 */
import { globSync, readFileSync } from 'node:fs'
import ts from 'typescript'

export const MAX_LINES = 80
const MARK = /long-function:\s*\S/

export interface LongFunction {
  readonly file: string
  readonly line: number
  readonly name: string
  readonly lines: number
  readonly reason: boolean
}

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isMethodDeclaration(node)

const nameOf = (node: ts.FunctionLikeDeclaration): string => {
  if (node.name) return node.name.getText()
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText()
  return '(anonymous)'
}

/** The statement (or object member) whose comments speak for a function inside it. */
const ownerOf = (node: ts.Node): ts.Node[] => {
  const owners: ts.Node[] = []
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent)
    if (ts.isStatement(n) || ts.isPropertyAssignment(n) || ts.isMethodDeclaration(n)) owners.push(n)
  return owners
}

const hasReason = (text: string, owners: ts.Node[]) =>
  owners.some((owner) =>
    (ts.getLeadingCommentRanges(text, owner.getFullStart()) ?? []).some((c) =>
      MARK.test(text.slice(c.pos, c.end)),
    ),
  )

/** The functions of one source text longer than `max` lines, each with whether it gives a reason. */
export const longFunctions = (file: string, text: string, max = MAX_LINES): LongFunction[] => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: LongFunction[] = []
  const visit = (node: ts.Node) => {
    if (isFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = last - first + 1
      // The outer function speaks for functions it returns on its first line (`(a) => async (b) => {`).
      const inner = ts.isArrowFunction(node.parent) && node.parent.body === node
      if (lines > max && !inner)
        found.push({
          file,
          line: first + 1,
          name: nameOf(node),
          lines,
          reason: hasReason(text, ownerOf(node)),
        })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every long function in the packages' sources (tests excluded). */
export const longFunctionsIn = (root: string): LongFunction[] =>
  globSync('packages/*/src/**/*.ts', { cwd: root })
    .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort()
    .flatMap((f) => longFunctions(f, readFileSync(`${root}/${f}`, 'utf8')))
