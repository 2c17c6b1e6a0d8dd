import { createHash } from 'node:crypto'
import type { JurisdictionId } from '../jurisdictions/index.ts'
import type { Mailer } from '../platform/mail/index.ts'
import type { ConsentLedger } from './consent-ledger.ts'
import type { ConsentService } from './consent-service.ts'
import type { ConsentKeys } from './domain/consent-keys.ts'
import type { Channel } from './domain/consent-record.ts'
import type { StateReader } from './state-reader.ts'

const uuidFrom = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** What marketing mail needs from the consent service being built. */
export interface MarketingMailKit {
  readonly keys: ConsentKeys
  readonly mailer: Mailer
  readonly ledger: ConsentLedger
  readonly reader: StateReader
  readonly decide: ConsentService['decide']
  readonly publicUrl: string
  readonly from: string
  readonly policyVersion: string
  readonly home: JurisdictionId
}

/**
 * Marketing mail sent only with consent, each with an unsubscribe link in its body and the
 * RFC 8058 one-click headers; and the one-click unsubscribe, recorded as a withdrawal.
 */
// long-function: two methods over one kit: the consented send and the one-click unsubscribe
export const marketingMail = (
  kit: MarketingMailKit,
): Pick<ConsentService, 'sendMarketingMail' | 'unsubscribe'> => {
  const { keys, mailer, ledger, reader, publicUrl, policyVersion, home } = kit
  const decideFor = kit.decide
  return {
    async sendMarketingMail(mail, now) {
      const subjectHash = keys.hashSubject(mail.subject)
      const decision = await decideFor(subjectHash, mail.purpose, {
        channel: 'email',
        ...(mail.jurisdiction ? { jurisdiction: mail.jurisdiction } : {}),
      })
      if (!decision) return { ok: false, reason: 'unknown-purpose' }
      if (!decision.allow) return { ok: false, reason: decision.reason }
      const recipientHash = keys.hashRecipient(mail.to)
      if (await mailer.isSuppressed(recipientHash, mail.purpose)) return { ok: false, reason: 'suppressed' }
      const token = await mailer.issueUnsubscribeToken(
        { recipientHash, subjectHash, list: mail.purpose },
        now,
      )
      const mailto = kit.from.replace(/^.*<|>.*$/g, '')
      // Every marketing mail carries the link in its body too: where the sender wrote
      // {unsubscribe}, or on a line of its own at the end.
      const link = `${publicUrl}/v1/unsubscribe/${token}`
      const withLink = (body: string, encode: (s: string) => string, end: string) =>
        body.includes('{unsubscribe}') ? body.replaceAll('{unsubscribe}', encode(link)) : `${body}${end}`
      const outboxId = await mailer.enqueue(
        {
          kind: 'marketing',
          to: mail.to,
          subject: mail.subjectLine,
          text: withLink(mail.text, (s) => s, `\n\n${link}\n`),
          ...(mail.html
            ? {
                html: withLink(
                  mail.html,
                  (s) => s.replaceAll('&', '&amp;'),
                  `<p><a href="${link}">${link}</a></p>`,
                ),
              }
            : {}),
          purpose: mail.purpose,
          subjectHash,
          headers: {
            // RFC 8058: an HTTPS URI with an opaque token, plus mailto for older clients.
            'List-Unsubscribe': `<${publicUrl}/v1/unsubscribe/${token}>, <mailto:${mailto}?subject=unsubscribe%20${token}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        },
        now,
      )
      return { ok: true, outboxId }
    },
    async unsubscribe(token, now) {
      const redeemed = await mailer.redeemUnsubscribeToken(token, now)
      if (!redeemed) return 'unknown-token'
      if (redeemed.subjectHash) {
        // The record id is derived from the token, so every repeat of the POST (mail clients retry,
        // or a crash came between suppression and ledger) lands on the same record: recorded once.
        await ledger.record({
          id: uuidFrom(`unsubscribe:${token}`),
          subjectHash: redeemed.subjectHash,
          subjectKind: 'account',
          method: 'email-unsubscribe',
          items: [
            { target: 'purpose', id: redeemed.list, channel: 'email' satisfies Channel, granted: false },
          ],
          policyVersion,
          notice: 'email:list-unsubscribe',
          locale: 'und',
          jurisdiction: (await reader.read(redeemed.subjectHash)).jurisdiction ?? home,
          source: 'mail',
          gpc: false,
          conflict: false,
          child: false,
          recordedAt: now,
        })
      }
      return 'unsubscribed'
    },
  }
}
