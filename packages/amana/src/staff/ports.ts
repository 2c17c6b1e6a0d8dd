import type { AdminToday, Locale } from '@amana/web'
import type { Config } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { Permission } from '../platform/http/index.ts'

/** What staff access uses from the application (the app context satisfies it). */
export interface StaffPorts {
  readonly config: { readonly secrets: Config['secrets']; readonly http: Pick<Config['http'], 'publicUrl'> }
  readonly database: Pick<AmanaDatabase, 'db'>
  readonly shop: { readonly name: { readonly en: string; readonly ar: string } }
  readonly now: () => Date
}

/**
 * What the console overview shows from other features (requests, consent, the audit ledger), for a
 * member with these permissions; the application assembles it (app/console-today.ts).
 */
export interface ConsoleTodayPort {
  today(input: {
    readonly locale: Locale
    readonly permissions: ReadonlySet<Permission>
    readonly now: Date
  }): Promise<AdminToday>
}

/** The mail outbox, for invitations (the application's mailer satisfies it). */
export interface StaffMailPort {
  enqueue(
    mail: {
      readonly kind: 'transactional'
      readonly to: string
      readonly subject: string
      readonly text: string
      readonly headers?: Readonly<Record<string, string>>
    },
    now: Date,
  ): Promise<string>
}

/** Requests as staff know them (DSR-XXXX-XXXX), for the audit log; the requests feature satisfies it. */
export interface RequestReferencePort {
  referencesOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>>
  idOf(reference: string): Promise<string | undefined>
}
