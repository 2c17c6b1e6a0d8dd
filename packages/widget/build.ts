// Writes dist/consent.js (IIFE, served as /consent.js) and dist/index.js (ESM, npm). Run: npx node packages/widget/build.ts
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildWidget, widgetBuildOptions } from './src/build-widget.ts'

const dist = fileURLToPath(new URL('./dist/', import.meta.url))
await mkdir(dist, { recursive: true })
await writeFile(`${dist}consent.js`, await buildWidget())
await build({ ...widgetBuildOptions('esm'), outfile: `${dist}index.js` })
