/**
 * The first run as a new user has it: `amana start --demo` (what `npm start` runs) as a child process
 * on a temp data dir, the RUMROM shop embedded, mail caught in the demo mailbox. A customer asks for
 * a copy of her data and then for erasure, over HTTP as the privacy centre's forms do; the code is
 * read in the console's mailbox, and nobody clicks anything else: the demo autopilot approves the
 * erasure and completes the support inbox's task, visibly and audited. Then a restart.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { unzipSync } from 'fflate'
import pg from 'pg'
import { freePort } from '../testing/free-port.ts'

const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url))
const seedImage = fileURLToPath(
  new URL('../../../../examples/rumrom-bakery/shop/uploads/designs/layla-birthday.png', import.meta.url),
)

interface Demo {
  readonly child: ChildProcess
  readonly out: () => string
  readonly base: string
}

const startDemo = async (dataDir: string, port: number): Promise<Demo> => {
  const child = spawn(
    process.execPath,
    [main, 'start', '--demo', '--data-dir', dataDir, '--port', String(port)],
    {
      env: { PATH: process.env.PATH ?? '', AMANA_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8')
  })
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8')
  })
  const deadline = Date.now() + 240_000
  while (!out.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null) throw new Error(`amana start exited ${child.exitCode}:\n${out}`)
    if (Date.now() > deadline) throw new Error(`amana start did not come up:\n${out}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { child, out: () => out, base: `http://127.0.0.1:${port}` }
}

const stopDemo = async (demo: Demo) => {
  if (demo.child.exitCode !== null) return
  const exited = once(demo.child, 'exit')
  demo.child.kill('SIGINT')
  await exited
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
})

const cookieOf = (response: Response, name: string): string => {
  const found = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  assert.ok(found, `cookie ${name} is set`)
  return found.split(';')[0] as string
}

/** The first owner, through the one-time link `amana start` printed, then signed in as the console is. */
const becomeOwner = async (demo: Demo) => {
  const link = demo.out().match(/First owner\s+(\S+)/)?.[1]
  assert.ok(link, 'amana start prints the one-time owner link')
  const page = await fetch(link)
  assert.equal(page.status, 200)
  const csrf = (await page.text()).match(/name="csrf" value="([^"]+)"/)?.[1]
  assert.ok(csrf)
  const email = 'owner@rumrom.example'
  const password = `pw-${crypto.randomUUID()}`
  const token = new URL(link).searchParams.get('token') ?? ''
  const setup = await fetch(`${demo.base}/admin/setup?lang=en`, {
    ...form({ csrf, token, email, password, confirm: password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(page, 'amana_form') },
  })
  assert.equal(setup.status, 303, await setup.text())
  const session = await fetch(`${demo.base}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  assert.equal(session.status, 200)
  const { csrfToken } = (await session.json()) as { csrfToken: string }
  return { cookie: cookieOf(session, 'amana_session'), csrf: csrfToken }
}

type Owner = Awaited<ReturnType<typeof becomeOwner>>

/** Files a request on the privacy centre's form; returns its reference and status token. */
const fileRequest = async (demo: Demo, type: 'access' | 'erasure', email: string) => {
  const response = await fetch(
    `${demo.base}/privacy/requests?lang=en`,
    form({ type, email, country: 'KW', locale: 'en' }),
  )
  assert.equal(response.status, 303)
  const location = new URL(response.headers.get('location') ?? '', demo.base)
  const reference = location.pathname.split('/').pop() ?? ''
  return { reference, token: location.searchParams.get('token') ?? '' }
}

/** The code, read as the owner would: the console's demo mailbox, then the message. */
const codeFromMailbox = async (demo: Demo, owner: Owner, reference: string): Promise<string> => {
  const deadline = Date.now() + 120_000
  for (;;) {
    const list = await fetch(`${demo.base}/admin/mailbox?lang=en`, { headers: { cookie: owner.cookie } })
    assert.equal(list.status, 200)
    const html = await list.text()
    const id = html.match(new RegExp(`href="/admin/mailbox/([^"?]+)\\?lang=en">[^<]*${reference}:`))?.[1]
    if (id) {
      const message = await (
        await fetch(`${demo.base}/admin/mailbox/${id}?lang=ar`, { headers: { cookie: owner.cookie } })
      ).text()
      assert.match(message, /dir="rtl"/, 'the console is in Arabic')
      assert.match(message, /<article class="mail" lang="en" dir="ltr">/, 'the message keeps its language')
      const code = message.match(/Your code is (\d{6})/)?.[1]
      assert.ok(code, 'the message holds the code')
      return code
    }
    if (Date.now() > deadline) throw new Error(`no code for ${reference} in the mailbox:\n${html}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

const statusOf = async (demo: Demo, r: { reference: string; token: string }) =>
  (
    (await (await fetch(`${demo.base}/v1/requests/${r.reference}?token=${r.token}`)).json()) as {
      status: string
    }
  ).status

/**
 * Lets the worker run, with nobody at the console: in demo mode the autopilot approves the erasure
 * and completes the tasks of the manual system (the support inbox) and the processors, as system:demo-autopilot.
 */
const runToCompletion = async (demo: Demo, r: { reference: string; token: string }) => {
  const deadline = Date.now() + 300_000
  for (;;) {
    const status = await statusOf(demo, r)
    if (status === 'completed') return
    assert.ok(!['denied', 'failed'].includes(status), `request ${r.reference} ended ${status}`)
    if (Date.now() > deadline) throw new Error(`request ${r.reference} is still ${status}:\n${demo.out()}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** The request's page in the console, as the owner sees it. */
const consolePage = async (demo: Demo, owner: Owner, reference: string) => {
  const queue = await (
    await fetch(`${demo.base}/admin/requests?lang=en&status=completed`, { headers: { cookie: owner.cookie } })
  ).text()
  const id = queue.match(new RegExp(`href="/admin/requests/([0-9a-f-]{36})[^"]*"[^>]*>${reference}<`))?.[1]
  assert.ok(id, `the console lists ${reference}`)
  return (
    await fetch(`${demo.base}/admin/requests/${id}?lang=en`, { headers: { cookie: owner.cookie } })
  ).text()
}

const verify = async (demo: Demo, owner: Owner, r: { reference: string; token: string }) => {
  const code = await codeFromMailbox(demo, owner, r.reference)
  const verified = await fetch(
    `${demo.base}/privacy/requests/${r.reference}/verify?lang=en`,
    form({ token: r.token, code }),
  )
  assert.equal(verified.status, 303)
  assert.doesNotMatch(verified.headers.get('location') ?? '', /notice=/, 'the code is accepted')
}

const shopUrlOf = (demo: Demo) => {
  const url = demo.out().match(/Shop database\s+(postgres:\/\/\S+)/)?.[1]
  assert.ok(url, 'amana start prints the shop database URL')
  return url
}

const dumpShop = async (url: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = [
      'customers',
      'addresses',
      'orders',
      'order_items',
      'cake_designs',
      'uploads',
      'sessions',
      'events',
    ]
    const rows: Record<string, Record<string, unknown>[]> = {}
    for (const t of tables) rows[t] = (await client.query(`select * from ${t} order by id`)).rows
    return rows
  } finally {
    await client.end()
  }
}

test('npm start: a seeded customer gets her orders and design image, then erasure against the real foreign keys keeps only the amounts; a restart keeps the data', {
  timeout: 900_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'amana-demo-'))
  const port = await freePort()
  let demo = await startDemo(dataDir, port)
  try {
    assert.match(demo.out(), /Demo mailbox\s+http:\/\/127\.0\.0\.1:\d+\/admin\/mailbox/)
    assert.match(demo.out(), /seeded now/)
    // The shop and its sandbox run beside Amana; once an owner exists the shop gets its API key.
    const shopSite = demo.out().match(/Shop\s+(http:\/\/\S+)\/en/)?.[1]
    assert.ok(shopSite, 'amana start prints the shop URL')
    const catalogue = await (await fetch(`${shopSite}/ar`)).text()
    assert.match(catalogue, /<html lang="ar" dir="rtl">/)
    assert.match(catalogue, /كيكة الفستق والورد/)
    assert.match(
      catalogue,
      new RegExp(`src="${demo.base}/consent.js\\?lang=ar"`),
      'the shop shows the banner',
    )
    const owner = await becomeOwner(demo)
    const keyDeadline = Date.now() + 20_000
    while (!/The shop's API key \(disclosures:write, consent:read, consent:write\)/.test(demo.out())) {
      assert.ok(Date.now() < keyDeadline, `the shop gets its key once an owner exists:\n${demo.out()}`)
      await new Promise((r) => setTimeout(r, 250))
    }
    const anonymous = await fetch(`${demo.base}/admin/mailbox`, { redirect: 'manual' })
    assert.ok([302, 303, 401].includes(anonymous.status), `the mailbox is for staff (${anonymous.status})`)

    // Access: the address typed in another case than the shop stored it (Layla.Ahmad@example.com).
    const access = await fileRequest(demo, 'access', 'layla.ahmad@EXAMPLE.com')
    await verify(demo, owner, access)
    // The terminal line is written after the mailbox file; the pipe from the child may bring it a little later.
    const lineDeadline = Date.now() + 10_000
    const codeLine = /mail to l\*\*\*@… : Your code for request DSR-\S+: ••• — open http/
    while (!codeLine.test(demo.out()) && Date.now() < lineDeadline)
      await new Promise((r) => setTimeout(r, 100))
    assert.match(demo.out(), codeLine)
    assert.doesNotMatch(demo.out(), /Your code is \d|: \d{6}/, 'no code on the terminal')
    await runToCompletion(demo, access)
    const issued = await fetch(
      `${demo.base}/privacy/requests/${access.reference}/download?lang=en`,
      form({ token: access.token }),
    )
    assert.equal(issued.status, 303)
    const zip = await fetch(new URL(issued.headers.get('location') ?? '', demo.base))
    assert.equal(zip.status, 200)
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const data = new TextDecoder().decode(entries['data.json'])
    for (const amount of ['18.750', '25.000']) assert.ok(data.includes(amount), `order total ${amount}`)
    assert.ok(data.includes('Happy birthday Sara!'), 'the design is in the package')
    const image = Object.entries(entries).find(([name]) => name.endsWith('designs/layla-birthday.png'))
    assert.ok(image, `the design image is in the package (${Object.keys(entries).join(', ')})`)
    assert.deepEqual(Buffer.from(image[1]), readFileSync(seedImage), 'byte for byte')
    assert.ok(!data.includes('Yousef'), 'nothing of another customer')

    // Erasure, through the same forms.
    const erasure = await fileRequest(demo, 'erasure', 'Layla.Ahmad@example.com')
    await verify(demo, owner, erasure)
    await runToCompletion(demo, erasure)
    // Nobody approved or did a task by hand: the autopilot did, and says so in the history.
    assert.match(demo.out(), /Demo autopilot\s+approves erasures/)
    assert.match(demo.out(), new RegExp(`demo autopilot: approved ${erasure.reference}`))
    const history = await consolePage(demo, owner, erasure.reference)
    assert.match(history, /system:demo-autopilot approved/, 'the history names the autopilot')
    assert.match(history, /system:demo-autopilot task-done/)
    const after = await dumpShop(shopUrlOf(demo))
    const text = JSON.stringify(after)
    for (const gone of [
      'Layla',
      'Ahmad',
      '9912',
      'Salmiya',
      'Blue door',
      'Happy birthday Sara',
      'layla-birthday',
    ])
      assert.ok(!text.includes(gone), `"${gone}" is gone from the shop database`)
    assert.deepEqual(
      after.orders?.filter((o) => ['1', '2'].includes(String(o.id))).map((o) => [o.total, o.customer_id]),
      [
        ['18.750', null],
        ['25.000', null],
      ],
      'her orders stay for tax, no longer linked to anyone',
    )
    assert.equal(
      existsSync(join(dataDir, 'shop', 'uploads', 'designs', 'layla-birthday.png')),
      false,
      'the image file is deleted',
    )
    assert.ok(text.includes('يوسف') && text.includes('Noura'), 'the other customers are untouched')
  } finally {
    await stopDemo(demo)
  }

  // A second start keeps everything: no new seed, the erasure still holds.
  demo = await startDemo(dataDir, port)
  try {
    assert.match(demo.out(), /kept from the last start/)
    const kept = JSON.stringify(await dumpShop(shopUrlOf(demo)))
    assert.ok(kept.includes('Noura') && !kept.includes('Layla'))
    assert.ok(kept.includes('18.750'))
  } finally {
    await stopDemo(demo)
    await rm(dataDir, { recursive: true, force: true })
  }
})
