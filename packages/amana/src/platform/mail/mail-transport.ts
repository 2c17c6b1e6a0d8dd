import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '../config/index.ts'

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

/** The SMTP transport from config; undefined when AMANA_SMTP_URL is unset (mail stays queued). */
export const createMailTransport = (mail: Config['mail']): Transporter | undefined => {
  if (!mail.smtpUrl) return undefined
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
