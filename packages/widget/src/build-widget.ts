// Node-only: bundles the widget with esbuild in memory, so the server can serve /consent.js without a prebuild.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { BuildOptions, Plugin } from 'esbuild'
import { build, transform } from 'esbuild'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** `.css` imports become their minified text. */
const cssText: Plugin = {
  name: 'css-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true })
      return { contents: code.trim(), loader: 'text' }
    })
  },
}

export const widgetBuildOptions = (format: 'iife' | 'esm'): BuildOptions => ({
  entryPoints: [here(format === 'iife' ? './browser.ts' : './index.ts')],
  bundle: true,
  minify: true,
  format,
  // Chrome/Edge 93, Firefox 92, Safari 15.4: every browser with `:focus-visible`, logical properties and `replaceChildren`.
  target: ['chrome93', 'firefox92', 'safari15.4'],
  legalComments: 'none',
  charset: 'utf8',
  plugins: [cssText],
})

/** The string literal in the IIFE a server replaces with `JSON.stringify(JSON.stringify(config))`. */
export const EMBEDDED_CONFIG_MARKER = '"__AMANA_EMBEDDED_CONFIG__"'

/**
 * The IIFE with a configuration embedded: one request draws the banner. `widget` is `buildWidget()`'s output;
 * throws when the marker is not there exactly once (a build that would silently fall back to fetching).
 */
export const embedConfig = (widget: string, config: unknown): string => {
  const at = widget.indexOf(EMBEDDED_CONFIG_MARKER)
  if (at < 0 || widget.indexOf(EMBEDDED_CONFIG_MARKER, at + 1) >= 0)
    throw new Error('the consent widget build does not hold its config marker exactly once')
  // A JSON string inside a JS string literal; U+2028/2029 are escaped by JSON.stringify in Node ≥ 12.
  return (
    widget.slice(0, at) +
    JSON.stringify(JSON.stringify(config)) +
    widget.slice(at + EMBEDDED_CONFIG_MARKER.length)
  )
}

/** The minified IIFE served as `/consent.js` (about 6 KB gzipped). Cache the result: each call bundles again. */
export const buildWidget = async (): Promise<string> => {
  const result = await build({ ...widgetBuildOptions('iife'), write: false })
  const file = result.outputFiles?.[0]
  if (!file) throw new Error('esbuild produced no output for the consent widget')
  return file.text
}
