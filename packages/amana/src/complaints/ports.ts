/** What complaints needs from other features; app/services.ts passes the real ones. */

/** One audited step. `target` is the complaint id; never an address or the complaint's text. */
export interface ComplaintAuditPort {
  append(event: {
    readonly action: `complaint.${string}`
    readonly actor: { readonly type: 'staff' | 'api-key' | 'subject' | 'system'; readonly id: string }
    readonly target: string
    readonly details?: Readonly<Record<string, string | number | boolean | null>>
  }): Promise<void>
}

export interface ComplaintMailPort {
  enqueue(
    mail: {
      readonly kind: 'transactional'
      readonly to: string
      readonly subject: string
      readonly text: string
    },
    now: Date,
  ): Promise<string>
}

/** The vault's envelope encryption: the complaint's address and text are sealed under its own subject. */
export interface ComplaintVaultPort {
  encrypt(
    subjectId: string,
    context: { readonly record: string; readonly field: string },
    plaintext: string,
  ): Promise<string>
  decrypt(
    subjectId: string,
    context: { readonly record: string; readonly field: string },
    ciphertext: string,
  ): Promise<string>
}

/** Retention's freeze while a complaint about a known person is open (same shape as the incidents port). */
export interface ComplaintFreezePort {
  freeze(
    subjectRefs: readonly string[],
    reason: { kind: 'incident' | 'complaint'; id: string },
    now: Date,
  ): Promise<void>
  release(reason: { kind: 'incident' | 'complaint'; id: string }, now: Date): Promise<void>
}

/** The slice of the application the routes use (AppContext satisfies it). */
export interface ComplaintsAppPorts {
  readonly database: import('../platform/db/index.ts').AmanaDatabase
  readonly config: { readonly secrets: { readonly sessionSecret: string } }
  readonly shop: { readonly name: { readonly en: string; readonly ar: string } }
}
