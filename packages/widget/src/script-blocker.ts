import type { CategoryId } from './config-types.ts'

const SELECTOR = 'script[type="text/plain"][data-amana-category]'

/** `data-amana-category` may list several categories; every one must be granted. */
const allowed = (el: Element, granted: readonly CategoryId[]): boolean =>
  (el.getAttribute('data-amana-category') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .every((id) => granted.includes(id))

let queue: Promise<void> = Promise.resolve()

const activate = (blocked: HTMLScriptElement): void => {
  // Out of the selector at once, so a second pass cannot queue it twice.
  blocked.type = 'text/x-amana-pending'
  queue = queue.then(
    () =>
      new Promise<void>((done) => {
        if (!blocked.isConnected) return done()
        const script = document.createElement('script')
        for (const { name, value } of Array.from(blocked.attributes)) {
          if (name !== 'type' && name !== 'data-amana-category' && name !== 'data-amana-type')
            script.setAttribute(name, value)
        }
        const type = blocked.getAttribute('data-amana-type')
        if (type) script.type = type
        // The nonce attribute is hidden once parsed; only the property still has it.
        if (blocked.nonce) script.nonce = blocked.nonce
        script.async = blocked.hasAttribute('async')
        script.text = blocked.text
        // Like the parser, a classic external script holds back the scripts after it until it has run.
        const waits = script.src && !script.async
        if (waits) script.onload = script.onerror = () => done()
        blocked.replaceWith(script)
        if (!waits) done()
      }),
  )
}

/** Replaces every blocked script whose categories are all granted with a live clone, in document order. */
export const activateScripts = (granted: readonly CategoryId[], root: ParentNode = document): void => {
  for (const el of Array.from(root.querySelectorAll<HTMLScriptElement>(SELECTOR))) {
    if (allowed(el, granted)) activate(el)
  }
}

/** Blocked scripts added after start (by the page or a tag manager) are activated as soon as they appear. */
export const watchScripts = (granted: () => readonly CategoryId[]): void => {
  new MutationObserver((mutations) => {
    for (const m of mutations)
      for (const node of Array.from(m.addedNodes)) {
        if (node instanceof HTMLScriptElement && node.matches(SELECTOR)) {
          if (allowed(node, granted())) activate(node)
        }
      }
  }).observe(document.documentElement, { childList: true, subtree: true })
}
