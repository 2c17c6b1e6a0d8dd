import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { tr } from '@amana/web'
import { unzipSync } from 'fflate'
import type { Browser, Page } from 'playwright-core'
import { type ShopStack, startShopStack } from '../../examples/rumrom-bakery/shop/app/testing.ts'
import { launchChromium, skipWithoutChromium } from '../../packages/amana/src/testing/browser.ts'
import { mailHeader, mailSubject, mailText } from '../../packages/amana/src/testing/smtp-inbox.ts'
import {
  awaitCompleted,
  downloadPackage,
  enterCode,
  type FiledRequest,
  fileRequestFromAccount,
  newVisitor,
  shopFirstHalf,
  signInOwner,
  type Visitor,
} from './rumrom-journey-steps.ts'

/**
 * The RUMROM journey's second run, as in production: Amana sends its mail through a real SMTP server
 * (smtp-server on loopback) instead of the demo mailbox, and no autopilot stands in for the staff.
 * The visitor's first half as in rumrom-journey.test.ts; then the copy of their data: the code is
 * read from the message the SMTP server received, the owner does the support inbox's task in the
 * console, and the package holds the design and the image.
 */

const skip = skipWithoutChromium()
let browser: Browser
let stack: ShopStack
let owner: Page

before(async () => {
  if (skip) return
  stack = await startShopStack({ mail: 'smtp' })
  browser = await launchChromium()
  await fetch(`${stack.amanaUrl}/consent.js?lang=en`)
  owner = await signInOwner(browser, stack, 'en')
})

after(async () => {
  if (skip) return
  await browser.close()
  await stack.close()
})

const noShot = async () => {}

/** The code from the message the SMTP server received for this request, in the visitor's language. */
const codeFromSmtp = async (v: Visitor, reference: string): Promise<string> => {
  const raw = await stack.smtp.waitFor(
    (m) => (mailHeader(m, 'To') ?? '').includes(v.email) && mailSubject(m).includes(reference),
    30_000,
  )
  const subject = mailSubject(raw)
  assert.match(
    subject,
    v.lang === 'ar' ? /رمز/ : /Your code/,
    `the subject is in the visitor's language: ${subject}`,
  )
  const code = mailText(raw).match(/\b(\d{6})\b/)?.[1]
  assert.ok(code, 'the message holds a 6-digit code')
  return code
}

/** The owner opens the request in the console and marks the support inbox's task done, with evidence. */
const ownerDoesInboxTask = async (request: FiledRequest) => {
  const deadline = Date.now() + 30_000
  const evidence = owner.locator('input[name="evidence"]')
  for (;;) {
    await owner.goto(`${stack.amanaUrl}/admin/requests?lang=en`)
    await owner.getByRole('link', { name: request.reference, exact: true }).click()
    await owner.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}/)
    if ((await evidence.count()) > 0) break
    assert.ok(Date.now() < deadline, `${request.reference} waits for the support inbox's task`)
    await owner.waitForTimeout(500)
  }
  assert.equal(await evidence.count(), 1, 'one task: the support inbox')
  await evidence.fill('Searched the support inbox and WhatsApp: nothing about this customer.')
  await Promise.all([
    owner.waitForEvent('framenavigated'),
    owner.getByRole('button', { name: tr('en', 'admin.req.task.done'), exact: true }).click(),
  ])
  await owner.waitForLoadState('load')
  assert.equal(await evidence.count(), 0, 'the task is done')
}

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}, real SMTP: the visitor's journey, then a copy of their data with the code read from the SMTP-received message; the owner does the inbox task; the package holds the design and the image`, {
    skip,
  }, async () => {
    const v = await newVisitor(browser, lang, 'smtp')
    await shopFirstHalf(v, stack, noShot)
    const request = await fileRequestFromAccount(v, stack, 'access')
    await enterCode(v, request, await codeFromSmtp(v, request.reference))
    await ownerDoesInboxTask(request)
    await awaitCompleted(v, request)
    const entries = unzipSync(await downloadPackage(v))
    const data = new TextDecoder().decode(entries['data.json'])
    assert.ok(data.includes(v.message), 'the design is in the package')
    const image = entries[`files/uploads_store/${v.uploadPath}`]
    assert.ok(image, `the uploaded image is in the package (${Object.keys(entries).join(', ')})`)
    assert.deepEqual(Buffer.from(image), v.image, 'the image is the one uploaded, byte for byte')
    // The visitor was told by mail, in their language, that the copy is ready.
    const subject = tr(lang, 'mail.completed.subject', { reference: request.reference })
    const ready = await stack.smtp.waitFor((m) => mailSubject(m) === subject, 10_000)
    assert.ok(
      mailText(ready).includes(`/privacy/requests/${request.reference}`),
      'it links to the status page',
    )
    await v.context.close()
  })
}
