import { ar } from './ar.ts'
import { en, type FindingCopy, type FindingCopyKey } from './en.ts'

export type { FindingCopyKey }

/** The words of a finding with a catalogue entry, in one language, with its parameters filled. */
export const findingText = (
  locale: 'en' | 'ar',
  copy: {
    readonly key: FindingCopyKey
    readonly params: Readonly<Record<string, string | { readonly en: string; readonly ar: string }>>
  },
  fill: (value: string) => string = (value) => value,
): { message: string; fix: string } => {
  const entry = (locale === 'ar' ? ar : (en satisfies FindingCopy))[copy.key]
  const apply = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const param = copy.params[name] ?? ''
      return fill(typeof param === 'string' ? param : param[locale])
    })
  return { message: apply(entry.message), fix: apply(entry.fix) }
}
