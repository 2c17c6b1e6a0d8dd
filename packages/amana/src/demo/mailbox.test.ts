import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createMailTransport } from '../platform/mail/index.ts'
import { languageOf, listMailbox, mailboxNotice, readMessage } from './mailbox.ts'

test('without SMTP, the demo transport delivers into the mailbox directory; the terminal line hides address and code', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-mailbox-'))
  try {
    const transport = createMailTransport({
      smtpUrl: undefined,
      from: 'privacy@rumrom.example',
      dkim: undefined,
      mailboxDir: dir,
    })
    assert.ok(transport, 'a mailbox transport, not undefined (mail would stay queued)')
    await transport.sendMail({
      to: 'layla.ahmad@example.com',
      subject: 'Your code for request DSR-AB12-CD34: 482913',
      text: 'Your code is 482913.',
    })
    await transport.sendMail({
      to: 'yousef@example.com',
      subject: 'رمز طلبك DSR-ZZ99-YY88: 105577',
      text: 'رمزك 105577',
    })
    const messages = await listMailbox(dir)
    assert.equal(messages.length, 2)
    const english = messages.find((m) => m.to[0] === 'layla.ahmad@example.com')
    const arabic = messages.find((m) => m.to[0] === 'yousef@example.com')
    assert.ok(arabic && english)
    assert.deepEqual(english.to, ['layla.ahmad@example.com'])
    assert.equal(languageOf(english), 'en')
    assert.equal(languageOf(arabic), 'ar')
    const raw = await readFile(join(dir, `${english.id}.eml`), 'utf8')
    assert.match(raw, /^From: privacy@rumrom\.example/m, 'the raw message as nodemailer built it')
    const line = mailboxNotice(english, 'http://127.0.0.1:3000/admin/mailbox')
    assert.equal(
      line,
      'mail to l***@… : Your code for request DSR-AB12-CD34: ••• — open http://127.0.0.1:3000/admin/mailbox',
    )
    assert.equal(await readMessage(dir, '../secrets'), undefined, 'an id is never a path')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('production without SMTP keeps mail queued: no transport', () => {
  assert.equal(createMailTransport({ smtpUrl: undefined, from: 'a@b.example', dkim: undefined }), undefined)
})

test('a missing mailbox directory is an empty mailbox', async () => {
  assert.deepEqual(await listMailbox(join(tmpdir(), `no-such-mailbox-${process.pid}`)), [])
})
