import assert from 'node:assert/strict'
import { createServer, type Socket, connect as tcpConnect } from 'node:net'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { mailHeader, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { type AmanaProcess, setUpAmana, spawnAmana } from './amana-process.ts'

/**
 * The path to the SMTP server, where the first connection hangs (a mail server that accepted the
 * connection and then said nothing): the worker holding that mail job is stuck in it until killed.
 * Later connections go through to the inbox.
 */
const startHangingFirstConnection = async (target: string) => {
  const { port: targetPort } = new URL(target)
  const held: Socket[] = []
  const server = createServer((socket) => {
    socket.on('error', () => {})
    if (held.length === 0) {
      held.push(socket)
      return
    }
    const upstream = tcpConnect(Number(targetPort), '127.0.0.1')
    upstream.on('error', () => socket.destroy())
    socket.pipe(upstream).pipe(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${(server.address() as { port: number }).port}`,
    held: () => held.length,
    close: () => {
      for (const s of held) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// Without TEST_DATABASE_URL the processes share embedded PGlites served over the wire protocol.
test('a worker killed while it sends a verification code: the code still reaches the inbox within a minute, once', {
  timeout: 240_000,
}, async (t) => {
  const inbox = await startSmtpInbox()
  const smtp = await startHangingFirstConnection(inbox.url)
  const setup = await setUpAmana({ smtpUrl: smtp.url, worker: 'off' })
  const processes: AmanaProcess[] = []
  try {
    // The server only enqueues; jobs run in `amana worker` processes, as in a split deployment.
    processes.push(await spawnAmana('start', setup.env))
    const first = await spawnAmana('worker', setup.env)
    processes.push(first)

    const email = `killed-worker-${process.pid}@customer.example`
    const requestedAt = Date.now()
    const response = await fetch(`${setup.baseUrl}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'access', email, channel: 'email', requester: 'self', locale: 'en' }),
    })
    assert.equal(response.status, 202, await response.text())

    // The worker took the mail job and is inside its SMTP conversation.
    while (smtp.held() === 0) {
      assert.ok(Date.now() - requestedAt < 20_000, 'the worker never started sending')
      await sleep(50)
    }
    const active = await sql<{ n: string }>`
      select count(*) as n from amana_jobs.job where name = 'mail.send.v1' and state = 'active'`.execute(
      setup.database.db,
    )
    assert.equal(Number(active.rows[0]?.n), 1, 'the mail job is active, held by the worker')
    await first.kill()
    // A supervisor (systemd, Kubernetes) starts a new worker; it does not know the old one's jobs.
    processes.push(await spawnAmana('worker', setup.env))

    const mail = await inbox.waitFor(
      (raw) => mailHeader(raw, 'To')?.includes(email) === true,
      Math.max(1, 60_000 - (Date.now() - requestedAt)),
    )
    const elapsed = Date.now() - requestedAt
    t.diagnostic(`the code arrived ${elapsed} ms after the request`)
    assert.ok(elapsed < 60_000, `the code arrived ${elapsed} ms after the request`)
    assert.match(mail, /\b\d{6}\b/, 'the mail carries the code')
    // Give a second delivery the time it would need, then count.
    await sleep(3000)
    const copies = inbox.received.filter((raw) => mailHeader(raw, 'To')?.includes(email) === true)
    assert.equal(copies.length, 1, 'delivered once')
    const outbox = await setup.database.db.selectFrom('mail_outbox').select(['status']).execute()
    assert.deepEqual(
      outbox.map((r) => r.status),
      ['sent'],
    )
  } finally {
    for (const p of processes.reverse()) await p.stop()
    await setup.close()
    await smtp.close()
    await inbox.close()
  }
})
