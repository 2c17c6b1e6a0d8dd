import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, test } from 'node:test'
import { chromiumPath } from '../../testing/browser.ts'
import { pdfText } from '../../testing/pdf-text.ts'
import { AmanaError } from '../errors/index.ts'
import { createPdfRenderer } from './pdf-renderer.ts'

const pdf = createPdfRenderer({ chromiumPath: chromiumPath() ?? '/usr/bin/chromium' })
after(() => pdf.close())

const page = (n: number) =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head><body><h1>المستند رقم ${n}</h1></body></html>`

test('documents asked for at once are all printed, each its own', async () => {
  const printed = await Promise.all([1, 2, 3, 4, 5].map((n) => pdf.render(page(n))))
  for (const [i, bytes] of printed.entries()) {
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.match(await pdfText(bytes), new RegExp(`المستند رقم ${i + 1}`))
  }
})

test('a page cannot load anything from the network: nothing it links to is fetched', async () => {
  const asked: string[] = []
  const server = createServer((request, response) => {
    asked.push(request.url ?? '')
    response.end('body{display:none}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const bytes = await pdf.render(
      `<!doctype html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/hide.css"></head><body><p>Printed</p><img src="http://127.0.0.1:${port}/pixel.png" alt=""></body></html>`,
    )
    assert.match(await pdfText(bytes), /Printed/)
    assert.deepEqual(asked, [])
  } finally {
    server.close()
  }
})

test('no Chromium, or one that does not start: PDF_UNAVAILABLE naming AMANA_CHROMIUM_PATH', async () => {
  for (const chromiumPath of [undefined, '/nonexistent/chromium', '/etc/hostname']) {
    const broken = createPdfRenderer({ chromiumPath })
    await assert.rejects(broken.render(page(1)), (error: unknown) => {
      assert.ok(error instanceof AmanaError)
      assert.equal(error.code, 'PDF_UNAVAILABLE')
      assert.match(error.message, /AMANA_CHROMIUM_PATH/)
      return true
    })
    await broken.close()
  }
})
