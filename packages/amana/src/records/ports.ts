/** What records needs from other features; app/services.ts passes the real ones. */

/** A data-subject request's own record (requests' store), as the evidence bundle shows it. */
export interface RequestEvidencePort {
  request(id: string): Promise<
    | {
        readonly id: string
        readonly reference: string
        readonly type: string
        readonly status: string
        readonly receivedAt: Date
        readonly dueAt: Date
        readonly completedAt: Date | null
      }
    | undefined
  >
  events(id: string): Promise<
    readonly {
      readonly at: Date
      readonly kind: string
      readonly actor: string
      readonly from: string | null
      readonly to: string | null
    }[]
  >
  steps(id: string): Promise<
    readonly {
      readonly step: string
      readonly status: string
      readonly attempts: number
      readonly startedAt: Date | null
      readonly finishedAt: Date | null
      readonly error: string | null
    }[]
  >
}

/** The audit ledger's export of a time range with its chain proof (verifiable offline with `amana audit verify --export`). */
export interface AuditRangePort {
  exportRange(range: {
    from: Date
    to: Date
  }): Promise<
    { readonly entries: readonly { readonly seq: number | string; readonly body: string }[] } & Record<
      string,
      unknown
    >
  >
}

/**
 * One audited export: a staff member or API key took a copy of a request's evidence (`target` the
 * request id), or downloaded a count-only report (`target` the report's name). Names and counts only.
 */
export interface RecordsAuditPort {
  append(event: {
    readonly action: 'records.evidence-exported' | 'records.report-downloaded'
    readonly actor: { readonly type: 'staff' | 'api-key'; readonly id: string }
    readonly target: string
    readonly details: { readonly format: string; readonly lang: string; readonly report?: string }
  }): Promise<void>
}
