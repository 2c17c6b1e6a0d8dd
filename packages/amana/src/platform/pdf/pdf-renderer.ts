import { existsSync } from 'node:fs'
import type { FastifyReply } from 'fastify'
import { type Browser, chromium } from 'playwright-core'
import { AmanaError } from '../errors/index.ts'

export interface PdfRenderer {
  /** Prints a printable HTML export to PDF (A4, backgrounds kept); throws PDF_UNAVAILABLE without Chromium. */
  render(html: string): Promise<Buffer>
  close(): Promise<void>
}

const unavailable = (reason: string) =>
  new AmanaError(
    'PDF_UNAVAILABLE',
    `PDF export needs Chromium, and ${reason}. Install it (apt-get install chromium) or set AMANA_CHROMIUM_PATH to its executable, then restart Amana; the same document is available now as printable HTML (format=html).`,
    { setting: 'AMANA_CHROMIUM_PATH', fallback: 'format=html' },
  )

// The machine notes' flags: without the background-networking ones, Chromium calls Google's hosts.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Arabic prints in DejaVu Sans (Debian's fonts-dejavu-core, which Chromium's package pulls in): its
 * font maps every joined letter form to a character, so the PDF's text can be searched and copied.
 * The pages' self-hosted Noto Sans Arabic subset does not, and its PDFs' Arabic text reads as blanks.
 */
const printFonts = '<style>body{font-family:"DejaVu Sans",system-ui,sans-serif}</style>'

const withPrintFonts = (html: string): string =>
  html.includes('</head>') ? html.replace('</head>', `${printFonts}</head>`) : `${printFonts}${html}`

/**
 * The one HTML-to-PDF renderer every export uses: Debian's Chromium through playwright-core, launched
 * on first use and shared; JavaScript off and every network request refused, so a document prints only
 * what its HTML holds. Chromium shapes Arabic (joined letters, right to left) as the browser shows it.
 */
export const createPdfRenderer = (options: { readonly chromiumPath: string | undefined }): PdfRenderer => {
  let browser: Promise<Browser> | undefined
  const launch = (): Promise<Browser> => {
    const path = options.chromiumPath
    if (!path) throw unavailable('AMANA_CHROMIUM_PATH is not set and /usr/bin/chromium is not installed')
    if (!existsSync(path)) throw unavailable(`AMANA_CHROMIUM_PATH names ${path}, which does not exist`)
    if (!browser) {
      const started = chromium.launch({ executablePath: path, args: flags })
      const forget = () => {
        if (browser === started) browser = undefined
      }
      browser = started
      started.then((b) => b.on('disconnected', forget), forget)
    }
    return browser
  }
  // At most two documents print at once (each a browser tab); the rest wait their turn.
  let printing = 0
  const waiting: (() => void)[] = []
  const turn = async () => {
    if (printing < 2) printing++
    else await new Promise<void>((resolve) => waiting.push(resolve)) // handed a finished print's slot
  }
  const done = () => {
    const next = waiting.shift()
    if (next) next()
    else printing--
  }
  const print = async (html: string): Promise<Buffer> => {
    let b: Browser
    try {
      b = await launch()
    } catch (error) {
      if (error instanceof AmanaError) throw error
      throw unavailable(`Chromium at ${options.chromiumPath} did not start (${(error as Error).message})`)
    }
    const context = await b.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.route('**/*', (route) => route.abort())
      await page.setContent(withPrintFonts(html), { waitUntil: 'load' })
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    } finally {
      await context.close()
    }
  }
  return {
    async render(html) {
      await turn()
      try {
        return await print(html)
      } finally {
        done()
      }
    },
    async close() {
      const open = browser
      browser = undefined
      if (open) await (await open.catch(() => undefined))?.close()
    },
  }
}

/** Answers with PDF bytes as a download named `filename` (anything but ASCII letters, digits, `.-_` becomes `_`). */
export const pdfReply = (reply: FastifyReply, bytes: Buffer, filename: string): FastifyReply =>
  reply
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .send(bytes)

/** Answers with the export printed to PDF; PDF_UNAVAILABLE (503, naming AMANA_CHROMIUM_PATH) without Chromium. */
export const sendPdf = async (
  reply: FastifyReply,
  pdf: PdfRenderer | undefined,
  html: string,
  filename: string,
): Promise<FastifyReply> => {
  if (!pdf) throw unavailable('this export was started without a PDF renderer')
  return pdfReply(reply, await pdf.render(html), filename)
}
