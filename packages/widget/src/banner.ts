import type { BannerTexts, CategoryId, ConsentCategory, ConsentMethod } from './config-types.ts'
import css from './styles.css'

export interface BannerOptions {
  texts: BannerTexts
  locale: string
  dir: 'ltr' | 'rtl'
  categories: ConsentCategory[]
  policyUrl: string | undefined
  /** Switched off by GPC: shown off and disabled. */
  blocked: readonly CategoryId[]
  settingsButton: boolean
  onChoice: (method: ConsentMethod, granted: CategoryId[]) => void
  /** The persistent "Privacy settings" button was pressed. */
  onSettings: () => void
}

export interface Banner {
  /** `dismissible`: the visitor has already chosen, so Escape and Close may leave without a new choice. */
  open: (layer: 'first' | 'preferences', granted: readonly CategoryId[], dismissible: boolean) => void
  close: () => void
  isOpen: () => boolean
}

type Child = Node | string | false | undefined

const h = (tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  for (const c of children) if (c) el.append(c)
  return el
}

const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),a[href],summary,[tabindex="0"]'

// long-function: the banner is one closure on purpose: each extra function costs bytes of the 7,000 B gzipped budget (test/size.test.ts)
export const createBanner = (o: BannerOptions): Banner => {
  const t = o.texts
  const host = h('div', { id: 'amana-consent' })
  const root = host.attachShadow({ mode: 'open' })
  // A constructed stylesheet is not inline style, so a shop's CSP needs no 'unsafe-inline' in style-src for it.
  if ('replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [sheet]
  } else {
    const style = h('style')
    style.textContent = css
    root.append(style)
  }
  // Before <body> exists (script in <head>), the host goes on <html>; it is fixed-position either way.
  ;(document.body ?? document.documentElement).append(host)

  let dialog: HTMLElement | undefined
  let backdrop: HTMLElement | undefined
  let fab: HTMLElement | undefined
  let returnFocus: HTMLElement | null = null
  let dismissible = false
  let current: readonly CategoryId[] = []

  const button = (label: string, cls: string, onClick: () => void): HTMLElement => {
    const b = h('button', { type: 'button', class: cls }, label)
    b.addEventListener('click', onClick)
    return b
  }
  const optional = () => o.categories.filter((c) => !c.required && !o.blocked.includes(c.id)).map((c) => c.id)
  const choose = (method: ConsentMethod, granted: CategoryId[]) => {
    close()
    o.onChoice(method, granted)
  }
  const acceptAll = () => choose('banner-accept-all', optional())
  const rejectAll = () => choose('banner-reject-all', [])

  const firstLayer = (): Node[] => [
    h('h2', { id: 'amana-title' }, t.title),
    h(
      'p',
      { id: 'amana-desc' },
      t.description,
      o.policyUrl && ' ',
      o.policyUrl && h('a', { href: o.policyUrl }, t.policyLink),
    ),
    h(
      'div',
      { class: 'actions' },
      button(t.rejectAll, 'choice', rejectAll),
      button(t.acceptAll, 'choice', acceptAll),
      button(t.customise, 'alt wide', () => render('preferences')),
    ),
  ]

  const cookieTable = (c: ConsentCategory): Child => {
    if (!c.cookies.length) return false
    const th = (label: string) => h('th', { scope: 'col' }, label)
    return h(
      'details',
      {},
      h('summary', {}, `${t.cookies} (${c.cookies.length})`),
      h(
        'div',
        { class: 'table', role: 'region', tabindex: '0', 'aria-label': `${t.cookies}: ${c.title}` },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h('tr', {}, th(t.cookieName), th(t.provider), th(t.party), th(t.duration), th(t.purpose)),
          ),
          h(
            'tbody',
            {},
            ...c.cookies.map((k) =>
              h(
                'tr',
                {},
                h('td', {}, h('span', { dir: 'ltr' }, k.name)),
                h('td', {}, k.provider),
                h('td', {}, k.party === 'first' ? t.firstParty : t.thirdParty),
                h('td', {}, k.duration),
                h('td', {}, k.purpose),
              ),
            ),
          ),
        ),
      ),
    )
  }

  const preferences = (): Node[] => {
    const switches = new Map<CategoryId, HTMLInputElement>()
    const sections = o.categories.map((c, i) => {
      const id = `amana-cat-${i}`
      const blocked = o.blocked.includes(c.id)
      const input = h('input', {
        type: 'checkbox',
        role: 'switch',
        'aria-labelledby': id,
        'aria-describedby': `${id}-d`,
      }) as HTMLInputElement
      input.checked = c.required || (!blocked && current.includes(c.id))
      input.disabled = c.required || blocked
      switches.set(c.id, input)
      return h(
        'section',
        { class: 'cat', 'aria-labelledby': id },
        h(
          'div',
          { class: 'row' },
          h('h3', { id }, c.title),
          c.required && h('span', { class: 'on' }, t.alwaysOn),
          input,
        ),
        h('p', { id: `${id}-d` }, c.description),
        blocked && h('p', { class: 'note' }, t.gpcNote),
        cookieTable(c),
      )
    })
    const save = () =>
      choose(
        'banner-custom',
        optional().filter((id) => switches.get(id)?.checked),
      )
    return [
      h(
        'div',
        { class: 'head' },
        h('h2', { id: 'amana-title' }, t.preferencesTitle),
        button(dismissible ? t.close : t.back, 'link', () => (dismissible ? close() : render('first'))),
      ),
      ...sections,
      h(
        'div',
        { class: 'actions' },
        button(t.rejectAll, 'choice', rejectAll),
        button(t.acceptAll, 'choice', acceptAll),
        button(t.save, 'alt wide', save),
      ),
    ]
  }

  const focusables = (): HTMLElement[] =>
    dialog
      ? Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null)
      : []

  const onKey = (e: KeyboardEvent) => {
    if (!dialog) return
    if (e.key === 'Escape') {
      // Escape never counts as a choice: it steps back, or closes only when a choice already exists.
      e.preventDefault()
      if (dialog.dataset.layer === 'preferences' && !dismissible) render('first')
      else if (dismissible) close()
      return
    }
    if (e.key !== 'Tab') return
    const items = focusables()
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) return
    const active = root.activeElement
    if (e.shiftKey && (active === first || active === dialog)) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault()
      first.focus()
    }
  }

  const render = (layer: 'first' | 'preferences') => {
    if (!dialog) {
      backdrop = h('div', { class: 'backdrop' })
      dialog = h('div', {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'amana-title',
        class: 'dialog',
        tabindex: '-1',
        lang: o.locale,
        dir: o.dir,
      })
      dialog.addEventListener('keydown', onKey)
      root.append(backdrop, dialog)
    }
    dialog.dataset.layer = layer
    dialog.replaceChildren(...(layer === 'first' ? firstLayer() : preferences()))
    if (layer === 'first') dialog.setAttribute('aria-describedby', 'amana-desc')
    else dialog.removeAttribute('aria-describedby')
    dialog.scrollTop = 0
    // The dialog itself takes focus so screen readers announce its title, not one of the choices.
    dialog.focus()
    if (fab) fab.hidden = true
  }

  const open: Banner['open'] = (layer, granted, canDismiss) => {
    current = granted
    dismissible = canDismiss
    if (!dialog) {
      const active = document.activeElement === host ? root.activeElement : document.activeElement
      returnFocus = active instanceof HTMLElement && active !== document.body ? active : null
    }
    render(layer)
    // Keeps keyboard focus inside even when it leaves through the page (e.g. a click on the backdrop).
    document.addEventListener('focusin', keepFocus)
  }

  const keepFocus = (e: FocusEvent) => {
    if (dialog && e.target !== host) dialog.focus()
  }

  const close = () => {
    document.removeEventListener('focusin', keepFocus)
    dialog?.remove()
    backdrop?.remove()
    dialog = backdrop = undefined
    if (o.settingsButton) {
      fab ??= root.appendChild(button(t.settings, 'alt fab', o.onSettings))
      fab.hidden = false
      fab.setAttribute('lang', o.locale)
      fab.setAttribute('dir', o.dir)
    }
    if (returnFocus?.isConnected) returnFocus.focus()
    returnFocus = null
  }

  return { open, close, isOpen: () => !!dialog }
}
