import { preferenceLinkMail } from '@amana/web'
import type { DatasetPlan, Opened } from '../connectors/index.ts'
import type { PreferenceLinkPort } from '../site/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

/** Days a link from the privacy centre opens the preference page (the mail says 7). */
const VALID_DAYS = 7

/** The tables that map an email to the shop's customer id: both are among their identity columns. */
const idColumns = (plan: DatasetPlan) =>
  plan.tables.flatMap((t) => {
    const id = t.identity.find((i) => i.kind === 'customer_id')
    return id && t.identity.some((i) => i.kind === 'email')
      ? [{ system: t.system, table: t.table, column: id.column }]
      : []
  })

/**
 * The shop's customer id for an address, as the requests feature finds a subject: the manifest's
 * identity mapping, read through the shop's connectors. Undefined when no system maps addresses to
 * ids, none holds the address, or a system cannot be read now (the link then stays with the address).
 */
export const customerIdFor = async (
  plan: DatasetPlan,
  opened: Pick<Opened, 'connectors'>,
  email: string,
): Promise<string | undefined> => {
  for (const { system, table, column } of idColumns(plan)) {
    const connector = opened.connectors.get(system)
    if (!connector) continue
    const outcome = await connector.collect({ identifiers: [{ kind: 'email', value: email }] })
    if (outcome.status !== 'completed') continue
    const value = outcome.tables.find((t) => t.table === table)?.rows[0]?.[column]
    if (value !== undefined && value !== null) return String(value)
  }
  return undefined
}

/**
 * The privacy centre's preference link, sent through the outbox once the address asked for it.
 * Reading the inbox proves the address; the link opens every choice recorded about that person:
 * those under the shop's customer id (`account:<customer id>`, found through the manifest's identity
 * mapping) and those under the address itself (`account:<address>`, e.g. a newsletter signup from
 * before the account). The page changes each under the subject it was recorded for.
 */
export const createPreferenceLinkSender = (
  ctx: AppContext,
  services: Pick<Services, 'consent' | 'requests'>,
): PreferenceLinkPort => {
  const customerId = async (email: string): Promise<string | undefined> => {
    const { plan } = services.requests.deps
    if (!plan.ok) return undefined
    try {
      return await customerIdFor(plan.plan, services.requests.connectors(plan.plan), email)
    } catch (error) {
      // The error's name only: a driver's message may quote the address.
      ctx.logger.warn(
        { reason: error instanceof Error ? error.name : 'unknown' },
        'preference link: the shop could not be asked for a customer id',
      )
      return undefined
    }
  }
  return {
    send: async ({ email, locale }) => {
      const id = await customerId(email)
      const byAddress = { kind: 'account', id: email } as const
      const now = ctx.now()
      const subjects = id === undefined ? byAddress : ([{ kind: 'account', id }, byAddress] as const)
      const link = `${services.consent.preferenceLink(subjects, now, VALID_DAYS)}&lang=${locale}`
      const mail = preferenceLinkMail(locale, ctx.shop.name[locale], link)
      await services.consent.mailer.enqueue(
        { kind: 'transactional', to: email, subject: mail.subject, text: mail.text },
        now,
      )
    },
  }
}
