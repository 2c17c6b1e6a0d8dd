import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, chromium, type Page } from 'playwright-core'

const require = createRequire(import.meta.url)

/** Debian's Chromium, as scripts/test.ts found it; undefined → browser tests skip with a notice. */
export const chromiumPath = (): string | undefined => process.env.AMANA_CHROMIUM

export const skipWithoutChromium = (): string | false =>
  chromiumPath() ? false : 'Chromium is not installed (apt-get install chromium)'

// Flags from the machine notes: without the background-networking ones, Chromium tries Google's hosts.
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

/** Runs axe-core in the page against WCAG 2.x A and AA; returns the violations. */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
}
