import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { fillIn, tr, trp } from '@amana/web'
import { unzipSync } from 'fflate'
import type { Browser, Page } from 'playwright-core'
import { type ShopStack, startShopStack } from '../../examples/rumrom-bakery/shop/app/testing.ts'
import { launchChromium, skipWithoutChromium } from '../../packages/amana/src/testing/browser.ts'
import {
  awaitCompleted,
  codeFromMailbox,
  downloadPackage,
  enterCode,
  fileRequestFromAccount,
  type Lang,
  marketingRan,
  newVisitor,
  screenshotsDir,
  shooter,
  shopFirstHalf,
  signInOwner,
  type Visitor,
} from './rumrom-journey-steps.ts'

/**
 * The RUMROM journey in Chromium, in English and again in Arabic, on the stack `npm start` runs:
 * Amana in demo mode (mail caught in the demo mailbox, the demo autopilot doing the staff's part),
 * the shop, its embedded database and the sandbox. A visitor rejects marketing (the marketing script
 * never runs), signs up, designs a cake with an image, pays by sandbox card (the courier receives
 * only name, phone and address); later asks for a copy of their data from the privacy centre the
 * shop links to, reads the code in the demo mailbox, downloads a package holding the design and the
 * image; then asks for erasure, which runs against the shop's real foreign keys. The console shows
 * the request's whole history, and `amana audit verify` passes on the same database. The real-SMTP
 * run is rumrom-journey-smtp.test.ts.
 *
 * The screenshots in docs/walkthrough.md are taken here: an ordinary `npm test` writes them to a
 * temporary directory, so the checkout stays clean;
 * `AMANA_WALKTHROUGH_SCREENSHOTS=1 npm test -- test/browser/rumrom-journey.test.ts` rewrites docs/walkthrough/.
 */

const shotsDir = screenshotsDir()
const shot = shooter(shotsDir)
const skip = skipWithoutChromium()
let browser: Browser
let stack: ShopStack
const owners = new Map<Lang, Page>()

before(async () => {
  if (skip) return
  stack = await startShopStack({ mail: 'mailbox', onDisk: true, autopilot: true })
  browser = await launchChromium()
  // The banner's script is built on its first request: build it here, outside any one journey's time.
  await fetch(`${stack.amanaUrl}/consent.js?lang=en`)
  mkdirSync(shotsDir, { recursive: true })
})

after(async () => {
  if (skip) return
  await browser.close()
  await stack.close()
})

test('a visitor who accepts marketing runs the marketing script (the control for the journey below)', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  await page.goto(`${stack.shopUrl}/en`)
  await page.getByRole('button', { name: 'Accept all' }).click()
  await page.waitForFunction(() => document.documentElement.dataset.marketingRan === 'yes')
  assert.deepEqual(await marketingRan(page), { script: 'yes', cookie: true })
  await context.close()
})

/** The visitor of one language's run, from the first half on; later steps need it to have finished. */
const visitors = new Map<Lang, Visitor>()
const visitorOf = (lang: Lang): Visitor => {
  const v = visitors.get(lang)
  assert.ok(v?.customerId && v.uploadPath, `${lang}: the journey's first half finished`)
  return v
}

const ownerOf = async (lang: Lang): Promise<Page> => {
  const known = owners.get(lang)
  if (known) return known
  const page = await signInOwner(browser, stack, lang)
  owners.set(lang, page)
  return page
}

/** Access: from My account to the privacy centre; the code from the demo mailbox; the package downloaded. */
const askForCopy = async (lang: Lang) => {
  const v = visitorOf(lang)
  const owner = await ownerOf(lang)
  const request = await fileRequestFromAccount(v, stack, 'access', shot)
  const code = await codeFromMailbox(owner, stack, v, request.reference, shot)
  await enterCode(v, request, code)
  await awaitCompleted(v, request)
  const entries = unzipSync(await downloadPackage(v, shot))
  const data = new TextDecoder().decode(entries['data.json'])
  for (const mine of [v.email, v.message, v.street])
    assert.ok(data.includes(mine), `the package holds "${mine}"`)
  assert.ok(data.includes(v.orderTotal ?? '?'), 'the package holds the order total')
  const image = entries[`files/uploads_store/${v.uploadPath}`]
  assert.ok(image, `the uploaded image is in the package (${Object.keys(entries).join(', ')})`)
  assert.deepEqual(Buffer.from(image), v.image, 'the image is the one uploaded, byte for byte')
  for (const other of ['Layla', 'Yousef', `journey-mbx-${lang === 'en' ? 'ar' : 'en'}`])
    assert.ok(!data.includes(other), `nothing of another customer ("${other}")`)
}

const shopRowsOf = async (v: Visitor) => {
  const count = async (sql: string, value: string) =>
    Number((await stack.db.query(`select count(*)::int as n from ${sql}`, [value])).rows[0].n)
  return {
    customers: await count('customers where id = $1', v.customerId ?? ''),
    addresses: await count('addresses where customer_id = $1', v.customerId ?? ''),
    designs: await count('cake_designs where customer_id = $1', v.customerId ?? ''),
    uploads: await count('uploads where customer_id = $1', v.customerId ?? ''),
    sessions: await count('sessions where customer_id = $1', v.customerId ?? ''),
  }
}

/** After the erasure: the order's amount stays for tax, unlinked; the person, design and image are gone. */
const checkErasedInShop = async (v: Visitor) => {
  assert.deepEqual(await shopRowsOf(v), { customers: 0, addresses: 0, designs: 0, uploads: 0, sessions: 0 })
  const order = await stack.db.query('select total, customer_id from orders where id = $1', [v.orderId])
  assert.deepEqual(
    order.rows,
    [{ total: v.orderTotal, customer_id: null }],
    'the order stays for tax, unlinked',
  )
  const items = await stack.db.query('select count(*)::int as n from order_items where order_id = $1', [
    v.orderId,
  ])
  assert.ok(items.rows[0].n > 0, 'its items stay too')
  const rows: unknown[] = []
  for (const table of [
    'customers',
    'addresses',
    'orders',
    'order_items',
    'cake_designs',
    'uploads',
    'sessions',
    'events',
  ])
    rows.push((await stack.db.query(`select * from ${table}`)).rows)
  const everything = JSON.stringify(rows)
  for (const gone of [v.email, v.lastName, v.phone, v.street, v.directions, v.message, v.uploadPath ?? '?'])
    assert.ok(!everything.includes(gone), `"${gone}" is gone from the shop's database`)
  assert.equal(
    existsSync(join(stack.shopDb.uploadsDir, v.uploadPath ?? '?')),
    false,
    'the image file is removed',
  )
}

/** The owner's console: the erasure's page holds its whole history and each system's record. */
const checkConsoleHistory = async (lang: Lang, reference: string) => {
  const owner = await ownerOf(lang)
  // The owner reads the mailbox on a phone, and the console at a desk.
  await owner.setViewportSize({ width: 1024, height: 900 })
  await owner.goto(`${stack.amanaUrl}/admin/requests?lang=${lang}`)
  await owner.getByRole('link', { name: reference, exact: true }).click()
  await owner.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}/)
  const history = await owner.locator('section[aria-labelledby="h-history"] li').allInnerTexts()
  for (const kind of ['received', 'verified', 'approved', 'step-done', 'task-done', 'completed'])
    assert.ok(
      history.some((line) => line.includes(trp(lang, `rp.event.${kind}` as Parameters<typeof trp>[1]))),
      `the history shows "${trp(lang, `rp.event.${kind}` as Parameters<typeof trp>[1])}":\n${history.join('\n')}`,
    )
  const autopilot = `${trp(lang, 'rp.actor.demo-autopilot')}: ${trp(lang, 'rp.event.approved')}`
  assert.ok(
    history.some((line) => line.includes(autopilot)),
    `the history names the demo autopilot as the approver ("${autopilot}")`,
  )
  const systems = await owner
    .locator('article.system-record')
    .evaluateAll((nodes) =>
      nodes.map((n) => `${n.getAttribute('data-system')}:${n.getAttribute('data-status')}`),
    )
  // The shop's database (its uploads table and, through it, the image files), and the support inbox
  // once its task was done.
  assert.deepEqual(systems.sort(), ['shop_db:done', 'support_inbox:done'])
  assert.equal(
    await owner.locator('#h-found').count(),
    0,
    'a closed request does not ask for an identity check before showing what it found',
  )
  const inbox = await owner.locator('article.system-record[data-system="support_inbox"]').textContent()
  assert.ok(
    inbox?.includes(trp(lang, 'rp.sys.nothingDone')),
    `the inbox's record says Amana changed nothing there: ${inbox}`,
  )
  // The support inbox's task reads in the console's language (it was stored as an English sentence).
  const taskTitle =
    fillIn(trp(lang, 'rp.task.erase'), { system: 'support_inbox', reference: '' }).split(
      'support_inbox',
    )[0] ?? ''
  assert.ok(
    (await owner.locator('body').textContent())?.includes(taskTitle),
    `the task's title is in ${lang}: ${taskTitle}`,
  )
  if (lang === 'ar') assert.equal(await owner.getByText("Erase the subject's records").count(), 0)
  await shot(owner, `10-console-history-${lang}`)
  await owner.setViewportSize({ width: 390, height: 844 })
}

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}: reject marketing, sign up, design a cake with an image, pay by sandbox card; the courier gets only name, phone and address`, {
    skip,
  }, async () => {
    const v = await newVisitor(browser, lang, 'mbx')
    visitors.set(lang, v)
    await shopFirstHalf(v, stack, shot)
  })

  test(
    `${lang}: later, a copy of their data from the privacy centre the shop links to: the code read in the demo mailbox, the package holds the design and the image`,
    {
      skip,
    },
    () => askForCopy(lang),
  )

  test(`${lang}: then erasure against the shop's real foreign keys: the order's amount stays, name, contacts, address, design and image are gone; the console shows the whole history`, {
    skip,
  }, async () => {
    const v = visitorOf(lang)
    const request = await fileRequestFromAccount(v, stack, 'erasure')
    await enterCode(v, request, await codeFromMailbox(await ownerOf(lang), stack, v, request.reference))
    await awaitCompleted(v, request)
    await v.page.getByText(tr(lang, 'status.done.erasure')).waitFor()
    await shot(v.page, `9-erasure-done-${lang}`)
    await checkErasedInShop(v)
    await checkConsoleHistory(lang, request.reference)
    await v.context.close()
  })
}

const cli = fileURLToPath(new URL('../../packages/amana/src/cli/main.ts', import.meta.url))

test('amana audit verify passes on the ledger the journeys wrote (the CLI on the same database, Amana stopped)', {
  skip,
}, async () => {
  for (const page of owners.values()) await page.context().close()
  const written = await stack.amana.database.db
    .selectFrom('audit_entry')
    .select(['action', 'actor_id'])
    .orderBy('seq')
    .execute()
  const actions = new Set(written.map((e) => e.action))
  for (const action of ['disclosure.sent', 'request.verified', 'request.downloaded', 'request.completed'])
    assert.ok(actions.has(action), `the ledger records ${action} (${[...actions].join(', ')})`)
  assert.ok(
    written.some((e) => e.actor_id === 'demo-autopilot'),
    'and what the demo autopilot did',
  )
  assert.equal(stack.smtp.received.length, 0, 'in demo mode the mailbox caught every message; none went out')
  await stack.closeAmana()
  const run = spawnSync(process.execPath, [cli, 'audit', 'verify', '--json'], {
    env: { PATH: process.env.PATH ?? '', AMANA_LOG_LEVEL: 'warn', ...stack.amanaEnv },
    encoding: 'utf8',
    timeout: 60_000,
  })
  assert.equal(run.status, 0, `amana audit verify failed:\n${run.stdout}\n${run.stderr}`)
  const report = JSON.parse(run.stdout) as {
    ok: boolean
    entries: number
    breaks: unknown[]
    anchors?: { ok: boolean }
  }
  assert.equal(report.ok, true)
  assert.deepEqual(report.breaks, [])
  assert.notEqual(report.anchors?.ok, false, 'the anchors outside the database agree')
  assert.equal(report.entries, written.length, 'every entry the journeys wrote was verified')
})
