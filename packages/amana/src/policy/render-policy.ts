import type { JurisdictionPack, Locale } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { type PolicyDocument, type PolicySection, sectionIds } from './document.ts'
import { SectionBuilder } from './section-builder.ts'
import { policyContext, sectionRenderers } from './sections/index.ts'

export interface RenderOptions {
  readonly locale: Locale
  readonly version: string
}

/**
 * Renders the public privacy policy from the manifest and the packs. Pure. Every statement carries the
 * manifest paths it derives from; a section with nothing declared is left out rather than padded.
 * The sections are in sections/, their words in copy/en.ts and copy/ar.ts.
 */
export const renderPolicy = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  { locale, version }: RenderOptions,
): PolicyDocument => {
  const c = policyContext(manifest, packs, locale)
  const sections = sectionIds.flatMap((id): PolicySection[] => {
    const builder = new SectionBuilder(id)
    sectionRenderers[id](c, builder)
    return builder.blocks.length > 0 ? [{ id, title: c.t(`section.${id}`), blocks: builder.blocks }] : []
  })
  const arabicName = /^[\u0600-\u06FF]/.test(c.orgName)
  return {
    locale,
    dir: locale === 'ar' ? 'rtl' : 'ltr',
    version,
    title: c.t(arabicName ? 'title.arabic-name' : 'title', { org: c.orgName }),
    effectiveDate: manifest.organisation.effectiveDate,
    sections,
  }
}
