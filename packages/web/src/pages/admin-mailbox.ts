import { html } from '../html.ts'
import { ta } from '../i18n/admin-messages.ts'
import type { Locale } from '../i18n/locale.ts'
import { type AdminFrame, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface MailboxEntryView {
  readonly id: string
  readonly date: Date
  readonly to: readonly string[]
  readonly subject: string
  /** The language the message was written in: its text keeps that language and direction. */
  readonly lang: Locale
  readonly text: string
}

export interface AdminMailboxView extends AdminFrame {
  readonly messages: readonly MailboxEntryView[]
  /** The message opened below the list, if any. */
  readonly open?: MailboxEntryView | undefined
  readonly notFound?: boolean
}

const dirOf = (lang: Locale) => (lang === 'ar' ? 'rtl' : 'ltr')

/** The demo mailbox: every message Amana sent, newest first; one opened as plain text, as sent. */
export const renderAdminMailbox = (view: AdminMailboxView): string => {
  const { locale, open } = view
  const title = ta(locale, 'mailbox.title')
  const list =
    view.messages.length === 0
      ? html`<p>${ta(locale, 'mailbox.empty')}</p>`
      : html`<table class="mailbox-list">
<thead><tr><th scope="col">${ta(locale, 'mailbox.date')}</th><th scope="col">${ta(locale, 'mailbox.to')}</th><th scope="col">${ta(locale, 'mailbox.subject')}</th></tr></thead>
<tbody>${view.messages.map(
          (m) =>
            html`<tr><td>${formatDateTime(locale, m.date)}</td><td dir="ltr">${m.to.join(', ')}</td><td lang="${m.lang}" dir="${dirOf(m.lang)}"><a href="/admin/mailbox/${m.id}?lang=${locale}"${open?.id === m.id ? html` aria-current="page"` : ''}>${m.subject}</a></td></tr>`,
        )}</tbody>
</table>`
  const message = open
    ? html`<article class="mail" lang="${open.lang}" dir="${dirOf(open.lang)}">
<h2>${open.subject}</h2>
<p><span lang="${locale}">${ta(locale, 'mailbox.to')}:</span> <span dir="ltr">${open.to.join(', ')}</span> · ${formatDateTime(locale, open.date)}</p>
<pre class="mail-body">${open.text}</pre>
</article>
<p><a href="/admin/mailbox?lang=${locale}">${ta(locale, 'mailbox.back')}</a></p>`
    : view.notFound
      ? html`<p role="alert">${ta(locale, 'mailbox.notFound')}</p>`
      : html``
  return renderAdminPage(view, {
    section: 'mailbox',
    title,
    ...(open ? { path: `/admin/mailbox/${open.id}` } : {}),
    body: html`<p class="lead">${ta(locale, 'mailbox.lead')}</p>
${message}
${list}`,
  })
}
