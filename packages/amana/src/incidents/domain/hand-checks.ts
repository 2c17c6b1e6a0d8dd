import type { Manifest } from '../../manifest/index.ts'
import { copyFor, type NoticeLocale } from './notice.ts'

/** Systems whose rows an incident's scope reads through the connectors; every other kind is checked by hand. */
const readable = new Set(['postgres', 'mysql'])

/** A system the incident names that Amana cannot read (webhook, manual, files): a task for staff. */
export interface HandCheck {
  readonly system: string
  readonly kind: string
  /** Whom to ask: the system's assignee in the manifest, else the shop's privacy contact; null when neither. */
  readonly ask: string | null
  readonly askRole: 'assignee' | 'privacy-contact' | 'none'
  readonly text: Readonly<Record<NoticeLocale, string>>
}

const described = (
  text: string | { en?: string | undefined; ar?: string | undefined } | undefined,
  locale: NoticeLocale,
) => (typeof text === 'string' ? text : (text?.[locale] ?? text?.en ?? text?.ar))

/**
 * The incident's systems Amana does not read, each as "not read by Amana — check by hand", with whom
 * to ask: the manifest's assignee for that system, else the privacy contact. Pure.
 */
export const handChecks = (manifest: Manifest, systems: readonly string[]): HandCheck[] =>
  systems.flatMap((id) => {
    const system = manifest.systems?.[id]
    if (!system || readable.has(system.kind)) return []
    const privacy = manifest.organisation.privacyContact?.email
    const ask = system.assignee ?? privacy ?? null
    const askRole = system.assignee ? 'assignee' : privacy ? 'privacy-contact' : 'none'
    const text = (locale: NoticeLocale) => {
      const c = copyFor(locale)
      const name = described(system.description, locale)
      return c['task.checkByHand'](id, name, c[`task.ask.${askRole}`](ask ?? ''))
    }
    return [{ system: id, kind: system.kind, ask, askRole, text: { en: text('en'), ar: text('ar') } }]
  })
