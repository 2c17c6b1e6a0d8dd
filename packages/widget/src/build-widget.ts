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

/** The minified IIFE served as `/consent.js` (about 6 KB gzipped). Cache the result: each call bundles again. */
export const buildWidget = async (): Promise<string> => {
  const result = await build({ ...widgetBuildOptions('iife'), write: false })
  const file = result.outputFiles?.[0]
  if (!file) throw new Error('esbuild produced no output for the consent widget')
  return file.text
}
