/**
 * The dependency rules of ARCHITECTURE.md as code. `readImportGraph` lists every import and
 * `process.env` use in the packages' sources (TypeScript's own `preProcessFile`, so comments and
 * strings that look like imports are not counted); `findViolations` is pure and judges that list,
 * so a test can hand it a synthetic graph and prove each rule bites.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** One file of the graph: its path from the repository root (always with `/`), what it imports, whether it reads the environment. */
export interface SourceFile {
  readonly path: string
  /** Imports resolved to repository paths (relative specifiers) or left as written (packages). */
  readonly imports: readonly string[]
  readonly readsEnv: boolean
}

export interface Violation {
  readonly file: string
  readonly rule: string
  readonly detail: string
}

const SERVER = 'packages/amana/src/'
/** Top-level folders of the server that are not features: plumbing, assembly, the CLI and test helpers. */
const NOT_FEATURES = new Set(['platform', 'app', 'cli', 'testing'])
const BROWSER_PACKAGES = ['packages/web/', 'packages/widget/']

const topFolder = (path: string): string | undefined => {
  if (!path.startsWith(SERVER)) return undefined
  const rest = path.slice(SERVER.length)
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : undefined
}

/** Tests and the shared test helpers may reach anywhere: they assemble what they test. */
export const isExempt = (path: string): boolean =>
  path.endsWith('.test.ts') || path.startsWith(`${SERVER}testing/`) || !/\/src\//.test(path)

const isFeature = (folder: string | undefined): folder is string =>
  folder !== undefined && !NOT_FEATURES.has(folder)

const ENV_READERS = [`${SERVER}platform/config/`, `${SERVER}cli/main.ts`]

const judgeImport = (file: string, target: string): Violation | undefined => {
  const from = topFolder(file)
  const to = topFolder(target)
  if (BROWSER_PACKAGES.some((p) => file.startsWith(p))) {
    if (
      target.startsWith('packages/amana/') ||
      target === '@amana/server' ||
      target.startsWith('@amana/server/')
    )
      return { file, rule: 'browser packages import no server code', detail: target }
    return undefined
  }
  if (from === 'platform' && (isFeature(to) || to === 'app' || to === 'cli'))
    return { file, rule: 'platform/ imports no feature and not app/', detail: target }
  if (to === 'app' && from !== 'app' && from !== 'cli')
    return { file, rule: 'only app/ and cli/ import app/', detail: target }
  if (isFeature(to) && to !== from && target !== `${SERVER}${to}/index.ts`)
    return { file, rule: 'another feature is imported only through its index.ts', detail: target }
  return undefined
}

/** Every broken rule in the graph; files that are exempt (tests, testing/) are not judged. */
export const findViolations = (files: readonly SourceFile[]): Violation[] =>
  files
    .filter((f) => !isExempt(f.path))
    .flatMap((f) => {
      const found = f.imports.flatMap((target) => judgeImport(f.path, target) ?? [])
      if (f.readsEnv && !ENV_READERS.some((r) => f.path.startsWith(r)))
        found.push({ file: f.path, rule: 'only platform/config reads process.env', detail: 'process.env' })
      return found
    })

const listSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listSources(path)
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })

const toRepoPath = (root: string, path: string) => relative(root, path).split(sep).join('/')

/** The graph of the three packages' sources, read from disk. */
export const readImportGraph = (root: string): SourceFile[] =>
  ['packages/amana/src', 'packages/web/src', 'packages/widget/src'].flatMap((pkg) =>
    listSources(join(root, pkg)).map((abs) => {
      const text = readFileSync(abs, 'utf8')
      const info = ts.preProcessFile(text, true, true)
      const imports = info.importedFiles.map(({ fileName }) =>
        fileName.startsWith('.') ? toRepoPath(root, resolve(dirname(abs), fileName)) : fileName,
      )
      return { path: toRepoPath(root, abs), imports, readsEnv: readsProcessEnv(abs, text) }
    }),
  )

/** `process.env` as code (not in a comment or a string). */
const readsProcessEnv = (fileName: string, text: string): boolean => {
  if (!text.includes('process.env')) return false
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false)
  let found = false
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'env' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process'
    )
      found = true
    else if (!found) ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
