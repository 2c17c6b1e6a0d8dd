import assert from 'node:assert/strict'
import { createHmac, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { type SmtpInbox, startSmtpInbox } from '../../testing/smtp-inbox.ts'
import { createTestDatabase } from '../../testing/test-database.ts'
import type { AmanaDatabase } from '../db/index.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { sendMailJob } from './send-mail-job.ts'

const hashRecipient = (address: string) =>
  createHmac('sha256', 'test-recipient-key').update(address.toLowerCase()).digest('base64url')

const sealKey = randomBytes(32)
let database: AmanaDatabase
let inbox: SmtpInbox
before(async () => {
  database = await createTestDatabase()
  inbox = await startSmtpInbox()
})
after(async () => {
  await inbox.close()
  await database.close()
})

const mailerOver = (smtpUrl: string): Mailer =>
  createMailer({
    database,
    transport: nodemailer.createTransport(smtpUrl),
    from: 'privacy@shop.example',
    jobs: undefined,
    hashRecipient,
    gate: async () => true,
    sealKey,
  })

const outboxRow = (id: string) =>
  database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

test('a message is sealed while it waits, and once sent keeps no address, code or link, only the proof', async () => {
  const mailer = mailerOver(inbox.url)
  const id = await mailer.enqueue(
    {
      kind: 'transactional',
      to: 'Hala.Saleh@Example.com',
      subject: 'Your code is 493817',
      text: 'Enter 493817, or follow https://privacy.shop.example/privacy/requests/DSR-1?token=s3cr3tT0ken',
    },
    new Date('2026-01-05T10:00:00Z'),
  )
  const queued = JSON.stringify(await outboxRow(id)).toLowerCase()
  for (const secret of ['hala.saleh@example.com', '493817', 's3cr3tt0ken'])
    assert.ok(!queued.includes(secret), `${secret} is sealed while the message waits`)

  assert.equal(await mailer.deliver(id, new Date('2026-01-05T10:00:01Z')), 'sent')
  assert.ok(
    inbox.received.some((raw) => raw.includes('493817')),
    'the person got the code',
  )
  const sent = await outboxRow(id)
  const stored = JSON.stringify(sent).toLowerCase()
  for (const secret of ['hala.saleh@example.com', '493817', 's3cr3tt0ken'])
    assert.ok(!stored.includes(secret), `${secret} is gone from the outbox row`)
  assert.equal(sent.status, 'sent')
  assert.equal(sent.recipient_hash, hashRecipient('Hala.Saleh@Example.com'))
  assert.deepEqual(sent.sent_at, new Date('2026-01-05T10:00:01Z'))
  assert.equal(await mailer.deliver(id, new Date()), 'already-done', 'a repeated job sends nothing')
})

test('a refused address is not copied into the error, and the last try gives the message up and purges it', async () => {
  const refusing = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }))
    },
  })
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
  try {
    const port = (refusing.server.address() as AddressInfo).port
    const mailer = mailerOver(`smtp://127.0.0.1:${port}`)
    const id = await mailer.enqueue(
      { kind: 'transactional', to: 'omar.k@example.com', subject: 'Code 228113', text: 'Code 228113' },
      new Date(),
    )
    await assert.rejects(mailer.deliver(id, new Date()), /will be retried/)
    const failedOnce = await outboxRow(id)
    assert.equal(failedOnce.status, 'queued')
    assert.match(failedOnce.last_error ?? '', /mailbox unavailable/)
    assert.ok(!(failedOnce.last_error ?? '').includes('omar.k@example.com'), failedOnce.last_error ?? '')

    await database.db
      .updateTable('mail_outbox')
      .set({ attempts: sendMailJob.retryLimit ?? 0 })
      .where('id', '=', id)
      .execute()
    await assert.rejects(mailer.deliver(id, new Date()), /given up/)
    const givenUp = await outboxRow(id)
    assert.equal(givenUp.status, 'failed')
    assert.ok(!JSON.stringify(givenUp).includes('228113'), 'the code is gone')
    assert.equal(givenUp.recipient, null)
  } finally {
    await new Promise<void>((resolve) => refusing.close(() => resolve()))
  }
})

test('a queued message moved to another row, or read with another key, is given up rather than sent', async () => {
  const mailer = mailerOver(inbox.url)
  const a = await mailer.enqueue(
    { kind: 'transactional', to: 'a@example.com', subject: 'A', text: 'A' },
    new Date(),
  )
  const b = await mailer.enqueue(
    { kind: 'transactional', to: 'b@example.com', subject: 'B', text: 'B' },
    new Date(),
  )
  const sealedA = (await outboxRow(a)).message
  await database.db
    .updateTable('mail_outbox')
    .set({ message: JSON.stringify(sealedA) })
    .where('id', '=', b)
    .execute()
  const received = inbox.received.length
  await assert.rejects(mailer.deliver(b, new Date()), /does not open/)
  assert.equal((await outboxRow(b)).status, 'failed')
  assert.equal(inbox.received.length, received, 'nothing was sent')
  const otherKey = createMailer({
    database,
    transport: nodemailer.createTransport(inbox.url),
    from: 'privacy@shop.example',
    jobs: undefined,
    hashRecipient,
    gate: async () => true,
    sealKey: randomBytes(32),
  })
  await assert.rejects(otherKey.deliver(a, new Date()), /does not open/)
})
