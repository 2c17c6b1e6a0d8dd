import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** Files the server publishes under /assets/: our stylesheet and the self-hosted Arabic font. */
export const assetFiles: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  'amana.css': { path: join(here, '..', 'assets', 'amana.css'), type: 'text/css; charset=utf-8' },
  'fonts/noto-sans-arabic-400.woff2': {
    path: require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2'),
    type: 'font/woff2',
  },
  'fonts/noto-sans-arabic-700.woff2': {
    path: require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2'),
    type: 'font/woff2',
  },
}
