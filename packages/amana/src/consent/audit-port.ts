/**
 * The one thing consent needs from the audit ledger. `subject` is the keyed subject hash, never an
 * identifier. The app adapts this to audit's own event shape when it wires the features together.
 */
export interface ConsentAuditEvent {
  readonly action:
    | 'consent.read'
    | 'consent.export'
    | 'consent.restriction-set'
    | 'consent.restriction-lifted'
    | 'consent.recorded-by-staff'
    | 'consent.preference-link-issued'
    | 'consent.parent-asked'
    | 'consent.marketing-mail-queued'
  readonly actor: { readonly type: 'staff' | 'api-key' | 'system'; readonly id: string }
  readonly subject?: string
  readonly details?: Readonly<Record<string, string | number | boolean>>
}

export interface AuditPort {
  append(event: ConsentAuditEvent): Promise<void>
}

export const noAudit: AuditPort = { append: async () => {} }
