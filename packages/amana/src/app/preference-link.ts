import { preferenceLinkMail } from '@amana/web'
import type { PreferenceLinkPort } from '../site/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

/** Days a link from the privacy centre opens the preference page (the mail says 7). */
const VALID_DAYS = 7

/**
 * The privacy centre's preference link: signed by the consent feature for the subject the address
 * names (`account:<address>`, as the shop records email-keyed consent), sent through the outbox.
 */
export const createPreferenceLinkSender = (
  ctx: AppContext,
  services: Pick<Services, 'consent'>,
): PreferenceLinkPort => ({
  send: async ({ email, locale }) => {
    const now = ctx.now()
    const link = `${services.consent.preferenceLink({ kind: 'account', id: email }, now, VALID_DAYS)}&lang=${locale}`
    const mail = preferenceLinkMail(locale, ctx.shop.name[locale], link)
    await services.consent.mailer.enqueue(
      { kind: 'transactional', to: email, subject: mail.subject, text: mail.text },
      now,
    )
  },
})
