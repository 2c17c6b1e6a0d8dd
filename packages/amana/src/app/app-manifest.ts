import { type JurisdictionPack, packsFor } from '../jurisdictions/index.ts'
import {
  checkManifest,
  type Finding,
  formatFindings,
  formatIssues,
  hasErrors,
  loadManifest,
  type Manifest,
  type SourceMap,
  type Text,
} from '../manifest/index.ts'
import { ownRecordFindings } from '../own-records/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import { retentionFindings } from '../retention/index.ts'
import type { ShopProfile } from './app-context.ts'

/** The manifest as the running service holds it: parsed, checked, with its jurisdiction packs. */
export interface LoadedManifest {
  readonly path: string
  readonly manifest: Manifest
  readonly sourceMap: SourceMap
  readonly packs: readonly JurisdictionPack[]
  readonly findings: readonly Finding[]
}

/** Reads and checks the manifest; any error (syntax, schema or a broken promise) stops the caller with every problem listed. */
export const openManifest = async (path: string): Promise<LoadedManifest> => {
  const result = await loadManifest(path)
  if (!result.ok)
    throw new AmanaError(
      'MANIFEST_INVALID',
      `the manifest has ${result.issues.length} problem(s):\n${formatIssues(result.issues)}`,
      result.issues,
    )
  const { manifest, sourceMap } = result.value
  const packs = packsFor(manifest.jurisdictions)
  const findings = checkManifest(manifest, packs, sourceMap)
  if (hasErrors(findings))
    throw new AmanaError(
      'MANIFEST_INVALID',
      `the manifest breaks ${findings.filter((f) => f.severity === 'error').length} rule(s) (run "amana check"):\n${formatFindings(findings.filter((f) => f.severity === 'error'))}`,
      findings,
    )
  // The console shows all that `amana check` reports: retention rules nothing starts, own records kept too briefly.
  const all = [
    ...findings,
    ...retentionFindings(manifest, sourceMap),
    ...ownRecordFindings(manifest, sourceMap),
  ]
  all.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule))
  return { path, manifest, sourceMap, packs, findings: all }
}

const textIn = (text: Text | undefined, locale: 'en' | 'ar'): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en ?? text.ar)

/** How the shop presents itself on Amana's pages, from the manifest's organisation. */
export const shopProfileOf = (manifest: Manifest): ShopProfile => {
  const org = manifest.organisation
  const contacts: ShopProfile['contacts'][number][] = []
  const email = org.privacyContact?.email ?? org.contacts.email
  if (email) contacts.push({ kind: 'email', value: email })
  if (org.contacts.phone) contacts.push({ kind: 'phone', value: org.contacts.phone })
  if (org.contacts.whatsapp) contacts.push({ kind: 'whatsapp', value: org.contacts.whatsapp })
  if (org.contacts.form) contacts.push({ kind: 'web', value: org.contacts.form })
  return {
    name: {
      en: textIn(org.tradingName, 'en') ?? org.legalName,
      ar: textIn(org.tradingName, 'ar') ?? org.legalName,
    },
    contacts,
  }
}
