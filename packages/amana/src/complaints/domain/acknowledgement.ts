import type { JurisdictionPack } from '../../jurisdictions/index.ts'
import type { Manifest, Text } from '../../manifest/index.ts'
import { escalationLines } from '../../policy/index.ts'
import { ar } from '../copy/ar.ts'
import { type ComplaintCopy, en } from '../copy/en.ts'

export type ComplaintLocale = 'en' | 'ar'

export const complaintCopy = (locale: ComplaintLocale): ComplaintCopy => (locale === 'ar' ? ar : en)

const textIn = (text: Text | undefined, locale: ComplaintLocale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en)

/** The routes beyond the shop the manifest declares (authority per pack, mediation, arbitration, consumer body), in one language. */
export const escalationRoutes = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  locale: ComplaintLocale,
): string[] => {
  const c = complaintCopy(locale)
  // The routes amana.yaml declares (complaints.escalation), worded as the policy states them; an
  // authority declared there with the pack's website stands in for the pack's line.
  const declared = manifest.complaints?.escalation ?? []
  const declaredSites = new Set(declared.flatMap((r) => (r.website === undefined ? [] : [r.website])))
  const routes = packs
    .filter((p) => !declaredSites.has(p.authority.value.website ?? ''))
    .map((p) => c['ack.authority'](p.authority.value.name[locale], p.authority.value.website ?? ''))
  if (manifest.complaints?.mediation) routes.push(c['ack.mediation'])
  if (manifest.complaints?.arbitration) routes.push(c['ack.arbitration'])
  const consumer = textIn(manifest.complaints?.consumerProtection, locale)
  if (consumer) routes.push(c['ack.consumer'](consumer))
  routes.push(...escalationLines(manifest, locale).map((line) => line.text))
  return routes
}

/** Formats a due date as the person reads it (Arabic digits and month names in Arabic). */
export const formatDate = (date: Date, locale: ComplaintLocale): string =>
  new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  )

/** The acknowledgement sent at once, in the person's language. */
export const renderAcknowledgement = (input: {
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly locale: ComplaintLocale
  readonly reference: string
  readonly dueAt: Date
}): { subject: string; text: string } => {
  const { manifest, locale } = input
  const c = complaintCopy(locale)
  const shop = textIn(manifest.organisation.tradingName, locale) ?? manifest.organisation.legalName
  const contact = manifest.organisation.privacyContact?.email ?? ''
  const lines = [
    c['ack.greeting'],
    '',
    c['ack.received'](input.reference),
    c['ack.due'](formatDate(input.dueAt, locale)),
    '',
    c['ack.escalation'],
    ...escalationRoutes(manifest, input.packs, locale).map((r) => `- ${r}`),
    '',
    c['ack.contact'](contact),
    '',
    c['ack.signoff'](shop),
  ]
  return { subject: c['ack.subject'](shop, input.reference), text: lines.join('\n') }
}
