import type { Kysely } from 'kysely'
import { type JurisdictionPack, packsFor } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Database } from '../platform/db/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import { diffPolicies, type MaterialChange } from './diff-policies.ts'
import type { PolicyDocument } from './document.ts'
import { manifestHash } from './policy-version.ts'
import { renderPolicy } from './render-policy.ts'
import { policyStore, type StoredPolicyVersion } from './store.ts'

export type PublishedDocuments = Partial<Record<'en' | 'ar', PolicyDocument>>

/** Renders the policy in every language the manifest publishes in. Pure. */
export const renderAll = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  version: string,
): PublishedDocuments => {
  const documents: PublishedDocuments = {}
  for (const locale of manifest.organisation.languages)
    documents[locale] = renderPolicy(manifest, packs, { locale, version })
  return documents
}

export type PublishOutcome =
  | { ok: true; version: number; changes: MaterialChange[] }
  | { ok: false; reason: 'unchanged'; version: number }

/**
 * Stores an immutable version with its effective date and frozen documents. Publishing a manifest
 * identical to a published one is refused as a value (nothing changed), not an error.
 */
export const publishPolicy = async (
  db: Kysely<Database>,
  manifest: Manifest,
  options: { effectiveDate: string; now: Date },
): Promise<PublishOutcome> => {
  const store = policyStore(db)
  const hash = manifestHash(manifest)
  const existing = await store.byHash(hash)
  if (existing) return { ok: false, reason: 'unchanged', version: existing.version }
  const previous = await store.latest()
  const packs = packsFor(manifest.jurisdictions)
  const nextVersion = (previous?.version ?? 0) + 1
  const documents = renderAll(manifest, packs, String(nextVersion))
  const version = await store.insert({
    effectiveDate: options.effectiveDate,
    manifestHash: hash,
    manifest,
    documents,
    publishedAt: options.now,
  })
  return { ok: true, version, changes: previous ? diffPolicies(previous.manifest as Manifest, manifest) : [] }
}

/** The material changes between two published versions (new purpose, processor, transfer, longer retention, new category). */
export const diffVersions = async (
  db: Kysely<Database>,
  from: number,
  to: number,
): Promise<MaterialChange[]> => {
  const store = policyStore(db)
  const [a, b] = await Promise.all([store.get(from), store.get(to)])
  if (!a || !b)
    throw new AmanaError(
      'NOT_FOUND',
      `Policy version ${!a ? from : to} has not been published. List versions with "amana policy list".`,
    )
  return diffPolicies(a.manifest as Manifest, b.manifest as Manifest)
}

export const documentOf = (version: StoredPolicyVersion, locale: 'en' | 'ar'): PolicyDocument | undefined => {
  const docs = version.documents as PublishedDocuments
  return docs[locale] ?? docs.en ?? docs.ar
}
