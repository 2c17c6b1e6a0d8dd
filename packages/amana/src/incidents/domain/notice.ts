import type { Manifest, Text } from '../../manifest/index.ts'
import { ar } from '../copy/ar.ts'
import { en, type IncidentCopy } from '../copy/en.ts'

export type NoticeLocale = 'en' | 'ar'

export const copyFor = (locale: NoticeLocale): IncidentCopy => (locale === 'ar' ? ar : en)

/** What staff write once per incident, in each language a notice goes out in. */
export interface NoticeText {
  readonly whatHappened: { readonly en?: string | undefined; readonly ar?: string | undefined }
  readonly whatWeAreDoing: { readonly en?: string | undefined; readonly ar?: string | undefined }
}

const textIn = (text: Text | undefined, locale: NoticeLocale): string | undefined =>
  text === undefined ? undefined : typeof text === 'string' ? text : (text[locale] ?? text.en)

/** Which languages a notice still lacks the staff-written text for (each a field to fill in). */
export const missingText = (text: NoticeText, locales: ReadonlySet<NoticeLocale>): string[] =>
  [...locales].flatMap((l) => [
    ...(text.whatHappened[l]?.trim() ? [] : [`whatHappened.${l}`]),
    ...(text.whatWeAreDoing[l]?.trim() ? [] : [`whatWeAreDoing.${l}`]),
  ])

/** One person's notice, in their language: what happened, their data, what the shop does, what they can do, whom to contact. */
export const renderNotice = (input: {
  readonly manifest: Manifest
  readonly locale: NoticeLocale
  readonly categories: readonly string[]
  readonly discoveredAt: Date
  readonly text: NoticeText
}): { subject: string; text: string } => {
  const { manifest, locale } = input
  const c = copyFor(locale)
  const shop = textIn(manifest.organisation.tradingName, locale) ?? manifest.organisation.legalName
  const data = input.categories.map((id) => {
    const category = manifest.categories[id]
    return `- ${textIn(category?.description ?? category?.label, locale) ?? id}`
  })
  const contact = manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts?.email ?? ''
  const date = input.discoveredAt.toISOString().slice(0, 10)
  const lines = [
    c['notice.greeting'],
    '',
    `${c['notice.what']}:`,
    input.text.whatHappened[locale] ?? '',
    c['notice.discovered'](date),
    '',
    `${c['notice.data']}:`,
    ...data,
    '',
    `${c['notice.doing']}:`,
    input.text.whatWeAreDoing[locale] ?? '',
    '',
    `${c['notice.you']}:`,
    textIn(manifest.breach?.guidance, locale) ?? c['notice.youDefault'],
    '',
    `${c['notice.contact']}:`,
    c['notice.contactLine'](contact),
    '',
    c['notice.signoff'](shop),
  ]
  return { subject: c['notice.subject'](shop), text: lines.join('\n') }
}
