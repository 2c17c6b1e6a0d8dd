import type { Locale } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import { policyText } from './copy/index.ts'
import { capitalise, pick } from './format.ts'
import { channelLabels } from './labels.ts'

/** One escalation route as a reader sees it: "Name (mediation): email x, postal address y". */
export interface EscalationLine {
  readonly kind: NonNullable<NonNullable<Manifest['complaints']>['escalation']>[number]['kind']
  readonly name: string
  readonly text: string
  /** `complaints.escalation[i]`: the manifest path it comes from. */
  readonly path: string
}

/**
 * The complaint escalation routes the manifest declares (`complaints.escalation`), in one language.
 * The policy's complaints section and the complaint acknowledgement (complaints/) both state these.
 */
export const escalationLines = (manifest: Manifest, locale: Locale): EscalationLine[] => {
  const t = policyText(locale)
  return (manifest.complaints?.escalation ?? []).map((route, index) => {
    const name = pick(route.name, locale) ?? ''
    const ways = (
      [
        ['email', route.email],
        ['phone', route.phone],
        ['postal', pick(route.postal, locale)],
        ['form', route.form],
      ] as const
    ).flatMap(([channel, value]) =>
      value === undefined ? [] : [`${channelLabels[channel][locale]}: ${value}`],
    )
    if (route.website !== undefined) ways.push(route.website)
    const description = pick(route.description, locale)
    const kind = t(`complaints.escalation.${route.kind}`)
    const text = `${name} (${kind})${description === undefined ? '' : ` — ${description}`}: ${ways.join(t('separator.list'))}`
    return { kind: route.kind, name, text: capitalise(text), path: `complaints.escalation[${index}]` }
  })
}
