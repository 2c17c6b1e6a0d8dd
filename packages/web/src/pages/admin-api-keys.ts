import { html } from '../html.ts'
import { scopeLabels, ta } from '../i18n/admin-messages.ts'
import { type AdminFrame, csrfField, formatDateTime, renderAdminPage } from './admin-shell.ts'

export interface AdminApiKeysView extends AdminFrame {
  readonly keys: readonly {
    readonly id: string
    readonly name: string
    readonly displayPrefix: string
    readonly scopes: readonly string[]
    readonly createdAt: Date
    readonly lastUsedAt: Date | null
    readonly revokedAt: Date | null
  }[]
  /** Scopes the viewer may grant (a subset of their own capabilities). */
  readonly grantableScopes: readonly string[]
  /** The secret of a key just created: shown on this one page, never again. */
  readonly createdKey?: string
  readonly error?: string
}

export const renderAdminApiKeys = (view: AdminApiKeysView): string => {
  const { locale } = view
  const scope = (s: string) => scopeLabels[locale][s] ?? s
  return renderAdminPage(view, {
    section: 'apiKeys',
    title: ta(locale, 'keys.title'),
    body: html`<p class="lead">${ta(locale, 'keys.lead')}</p>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${view.createdKey ? html`<div class="shown-once" role="status"><p>${ta(locale, 'keys.shownOnce')}</p><p><code dir="ltr">${view.createdKey}</code></p></div>` : ''}
${
  view.keys.length === 0
    ? html`<p>${ta(locale, 'keys.none')}</p>`
    : html`<table>
<thead><tr><th scope="col">${ta(locale, 'keys.name')}</th><th scope="col">${ta(locale, 'keys.prefix')}</th><th scope="col">${ta(locale, 'keys.scopes')}</th><th scope="col">${ta(locale, 'keys.created')}</th><th scope="col">${ta(locale, 'keys.lastUsed')}</th><th scope="col">${ta(locale, 'keys.status')}</th></tr></thead>
<tbody>${view.keys.map(
        (k) => html`<tr>
<td>${k.name}</td>
<td><code dir="ltr">${k.displayPrefix}…</code></td>
<td>${k.scopes.map(scope).join(locale === 'ar' ? '، ' : ', ')}</td>
<td>${formatDateTime(locale, k.createdAt)}</td>
<td>${k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : ta(locale, 'keys.never')}</td>
<td>${
          k.revokedAt
            ? ta(locale, 'keys.revoked')
            : html`${ta(locale, 'keys.active')} <form method="post" action="/admin/api-keys/${k.id}/revoke?lang=${locale}">${csrfField(view.csrfToken)}<button type="submit" class="secondary">${ta(locale, 'keys.revoke')}</button></form>`
        }</td>
</tr>`,
      )}</tbody>
</table>`
}
<form class="panel" method="post" action="/admin/api-keys?lang=${locale}">
  <h2>${ta(locale, 'keys.create')}</h2>
  ${csrfField(view.csrfToken)}
  <label for="key-name">${ta(locale, 'keys.name')}</label>
  <input id="key-name" name="name" required maxlength="80">
  <fieldset><legend>${ta(locale, 'keys.scopes')}</legend>
  ${view.grantableScopes.map((s) => html`<label class="check"><input type="checkbox" name="scopes" value="${s}"> ${scope(s)} <code dir="ltr">${s}</code></label>`)}
  </fieldset>
  <button type="submit">${ta(locale, 'keys.createSubmit')}</button>
</form>`,
  })
}
