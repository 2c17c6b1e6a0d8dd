import type { Manifest } from '../manifest/index.ts'

/** One audited hand-over (or refused one). Field names and categories only — never a value. */
export interface DisclosureAuditEvent {
  readonly action: 'disclosure.sent' | 'disclosure.refused'
  readonly actor: { readonly type: 'staff' | 'api-key'; readonly id: string }
  /** The shop's own reference for the person (e.g. customer:42), never an email or phone. */
  readonly subjectId: string
  readonly purpose: string
  readonly target: string
  readonly requestId: string
  readonly details: {
    readonly processor: string
    readonly fields: string[]
    readonly categories?: string[]
    readonly reference?: string
  }
}

export interface DisclosureAuditPort {
  append(event: DisclosureAuditEvent): Promise<unknown>
}

/** What the disclosure check needs from the application: the manifest it was started with. */
export interface DisclosuresAppPorts {
  readonly manifest: { readonly manifest: Manifest }
}
