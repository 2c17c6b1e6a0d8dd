/**
 * The golden policies: every example manifest and the test shop's manifests, plus a few variants
 * that reach the branches the examples do not, rendered in both languages and every format the
 * policy is served in. `render-golden.test.ts` compares them with the files in this folder byte
 * for byte; `write-golden.ts` rewrites those files after an intended change of the policy's text.
 * The HTML is the fragment policy/ renders (toHtml); the page around it is @amana/web's.
 * inputs/ holds the test shop's two manifests as test/requests/shop-manifest.ts wrote them
 * (postgres with processors, mysql without), frozen so that a fixture edit is not a policy change.
 */
import { readFileSync } from 'node:fs'
import { type Document, parseDocument } from 'yaml'
import { type Locale, packsFor } from '../../jurisdictions/index.ts'
import { type Manifest, parseManifest } from '../../manifest/index.ts'
import { renderPolicy } from '../render-policy.ts'
import { toHtml } from '../to-html.ts'
import { toJson, toMarkdown } from '../to-markdown.ts'

export const goldenDir = new URL('./', import.meta.url)
const examples = new URL('../../../../../examples/', import.meta.url)

const read = (url: URL): string => readFileSync(url, 'utf8')

const manifestOf = (name: string, text: string): Manifest => {
  const parsed = parseManifest(text)
  if (!parsed.ok)
    throw new Error(`golden case ${name}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  return parsed.value.manifest
}

const edited = (text: string, edit: (doc: Document) => void): string => {
  const doc = parseDocument(text)
  edit(doc)
  return doc.toString()
}

/** Variants of the RUMROM Bakery that take the branches none of the examples take. */
const rumromVariants = (rumrom: string): Record<string, string> => ({
  'rumrom-variant-yes': edited(rumrom, (doc) => {
    doc.setIn(['commitments', 'automatedDecisions'], true)
    doc.setIn(['commitments', 'sellsPersonalData'], true)
    doc.setIn(['children', 'directedAtChildren'], true)
    doc.setIn(['children', 'parentalConsent'], false)
    doc.setIn(['changes', 'advanceDays'], 0)
    doc.setIn(['organisation', 'tradingName'], '<b>Rumrom</b> & *Co* | #1')
    doc.setIn(
      ['systems', 'backup'],
      doc.createNode({ kind: 'manual', country: 'DE', hostedBy: 'google_analytics' }),
    )
    doc.setIn(
      ['purposes', 'orders', 'retention'],
      doc.createNode({ keep: 'P2Y', after: 'order-fulfilled', action: 'anonymise' }),
    )
    doc.setIn(['requests', 'form'], 'https://rumrom.example/privacy/requests')
  }),
})

/** The test shop with nothing shared, no trackers, a system abroad and a pack whose extension is in days. */
const shopVariants = (shop: string): Record<string, string> => ({
  'test-shop-variant-sparse': edited(shop, (doc) => {
    doc.setIn(['processors'], doc.createNode({}))
    doc.setIn(['cookies'], doc.createNode({ consentBanner: false, trackers: {} }))
    doc.setIn(['systems', 'archive'], doc.createNode({ kind: 'manual', country: 'DE' }))
    doc.setIn(['jurisdictions'], doc.createNode(['sa', 'us-ca']))
    doc.setIn(
      ['requests'],
      doc.createNode({
        channels: ['email'],
        verification: ['email-code'],
        fee: 'reasonable-fee-for-repeated-requests',
      }),
    )
  }),
})

export interface GoldenCase {
  readonly name: string
  readonly manifest: Manifest
}

export const goldenCases = (): GoldenCase[] => {
  const rumrom = read(new URL('rumrom-bakery/amana.yaml', examples))
  const shop = read(new URL('inputs/test-shop-no-processors.yaml', goldenDir))
  const texts: Record<string, string> = {
    'rumrom-bakery': rumrom,
    'omani-sweets': read(new URL('omani-sweets/amana.yaml', examples)),
    'kenya-outsourcing': read(new URL('kenya-outsourcing/amana.yaml', examples)),
    'lumen-web-shop': read(new URL('lumen-web-shop/amana.yaml', examples)),
    'test-shop': read(new URL('inputs/test-shop.yaml', goldenDir)),
    'test-shop-no-processors': shop,
    ...rumromVariants(rumrom),
    ...shopVariants(shop),
  }
  return Object.entries(texts).map(([name, text]) => ({ name, manifest: manifestOf(name, text) }))
}

export const goldenLocales: readonly Locale[] = ['en', 'ar']
const formats = { html: toHtml, md: toMarkdown, json: toJson } as const

/** A rendered policy in this folder (not an input, this folder's biome.json or code). */
export const isGoldenFile = (name: string): boolean => /\.(en|ar)\.(html|md|json)$/.test(name)

/** File name → content, for every case, language and format. The version is fixed; dates come from the manifests. */
export const renderGoldenFiles = (): Map<string, string> => {
  const files = new Map<string, string>()
  for (const { name, manifest } of goldenCases()) {
    const packs = packsFor(manifest.jurisdictions)
    for (const locale of goldenLocales) {
      const document = renderPolicy(manifest, packs, { locale, version: 'golden' })
      for (const [format, write] of Object.entries(formats))
        files.set(`${name}.${locale}.${format}`, write(document))
    }
  }
  return files
}
