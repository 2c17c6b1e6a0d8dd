import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '../config/index.ts'
import { mailboxTransport } from './mailbox-transport.ts'

// RFC 8058 §4: both headers must be covered by the DKIM signature, or receivers should not offer
// one-click. nodemailer's default list omits List-Unsubscribe-Post.
export const dkimHeaderFields = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
].join(':')

/**
 * The SMTP transport from config. Without AMANA_SMTP_URL: the demo mailbox directory when config
 * names one (demo mode), else undefined (mail stays queued).
 */
export const createMailTransport = (mail: Config['mail']): Transporter | undefined => {
  if (!mail.smtpUrl)
    return mail.mailboxDir
      ? nodemailer.createTransport(mailboxTransport(mail.mailboxDir), { from: mail.from })
      : undefined
  return nodemailer.createTransport(mail.smtpUrl, {
    from: mail.from,
    ...(mail.dkim
      ? {
          dkim: {
            domainName: mail.dkim.domain,
            keySelector: mail.dkim.selector,
            privateKey: mail.dkim.privateKey,
            headerFieldNames: dkimHeaderFields,
          },
        }
      : {}),
  })
}
